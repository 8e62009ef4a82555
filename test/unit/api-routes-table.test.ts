// The api's route table and its shared request reading: every listed route is handled, and bodies are capped.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readBody, readForm } from '#http/routes/exchange';
import { answerRequest } from '#http/routes/route-table';
import { API_ROUTES } from '#lambdas/api-routes';
import { apiEvent } from '#test/support/api-events';
import type { CoachDeps } from '#use-cases/deps';

/** Deps whose every port throws: a route that reaches one rejects, which still proves it was routed. */
const unusable = new Proxy({} as CoachDeps, {
  get: () =>
    new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('not for this test');
        },
      },
    ),
});

async function statusOf(method: string, path: string): Promise<number | 'reached a port'> {
  try {
    const result = await answerRequest(unusable, method, path, {
      event: apiEvent(method, path),
      token: undefined,
    });
    return result.statusCode ?? 0;
  } catch {
    return 'reached a port';
  }
}

describe('the route table', () => {
  it.each(API_ROUTES.map((route) => route.split(' ') as [string, string]))(
    '%s %s has a handler',
    async (method, path) => {
      expect([404, 405]).not.toContain(await statusOf(method, path));
    },
  );

  it('answers 405 with a JSON message for a listed path and another method, 404 for any other path', async () => {
    const wrongMethod = await answerRequest(unusable, 'DELETE', '/preferences', {
      event: apiEvent('DELETE', '/preferences'),
      token: undefined,
    });
    expect(wrongMethod.statusCode).toBe(405);
    expect(JSON.parse(wrongMethod.body ?? '')).toEqual({
      error: 'method DELETE is not allowed on /preferences',
    });
    expect(await statusOf('GET', '/nowhere')).toBe(404);
    expect(await statusOf('GET', '/constructor')).toBe(404);
  });
});

describe('reading a body', () => {
  it('reads plain and base64 bodies, and an absent one as empty', () => {
    expect(readBody(apiEvent('POST', '/x', { body: 'a=1' }))).toBe('a=1');
    const encoded = {
      ...apiEvent('POST', '/x'),
      body: Buffer.from('a=é').toString('base64'),
      isBase64Encoded: true,
    };
    expect(readBody(encoded)).toBe('a=é');
    expect(readBody(apiEvent('POST', '/x'))).toBe('');
  });

  it('refuses a body over the limit, counted in bytes, not characters', () => {
    expect(readBody(apiEvent('POST', '/x', { body: 'a'.repeat(MAX_BODY_BYTES) }))).toHaveLength(
      MAX_BODY_BYTES,
    );
    expect(readBody(apiEvent('POST', '/x', { body: 'a'.repeat(MAX_BODY_BYTES + 1) }))).toBeUndefined();
    expect(readForm(apiEvent('POST', '/x', { body: 'é'.repeat(MAX_BODY_BYTES / 2 + 1) }))).toBeUndefined();
  });

  it('reads a form into its fields, the last of a repeated name winning', () => {
    expect(readForm(apiEvent('POST', '/x', { body: 'a=1&b=two+words&a=3' }))).toEqual({
      a: '3',
      b: 'two words',
    });
  });
});
