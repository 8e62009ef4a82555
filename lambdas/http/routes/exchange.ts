// Reading an api request and answering it: the one body reader, the one set of answers, and a route's shape.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PAGE_CSP } from '#http/layout';
import { pages } from '#http/pages';
import type { CoachDeps } from '#use-cases/deps';

export type Result = APIGatewayProxyStructuredResultV2;

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  /** The signed token every link carries in its query string, when there is one. */
  token: string | undefined;
}

export type RouteHandler = (deps: CoachDeps, request: ApiRequest) => Promise<Result> | Result;

/** Larger bodies are refused before parsing: a subscription is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});

export const html = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'x-frame-options': 'DENY',
    ...SECURITY_HEADERS,
  },
  body,
});

/** The data export: a pretty-printed JSON file the browser saves rather than shows. */
export const download = (data: unknown): Result => ({
  statusCode: 200,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': 'attachment; filename="knee-coach-data.json"',
    ...SECURITY_HEADERS,
  },
  body: `${JSON.stringify(data, null, 2)}\n`,
});

/** A failure nobody planned for: a browser gets a page it can show, API clients keep getting JSON. */
export function serverError(event: APIGatewayProxyEventV2): Result {
  if (header(event, 'accept').includes('text/html')) return html(500, pages.serverError());
  return json(500, { error: 'something went wrong on our side; please try again in a minute' });
}

export function header(event: APIGatewayProxyEventV2, name: string): string {
  return event.headers?.[name] ?? event.headers?.[name.toLowerCase()] ?? '';
}

/** The request body as text, or undefined when it is over MAX_BODY_BYTES (the caller answers 413 its own way). */
export function readBody(event: APIGatewayProxyEventV2): string | undefined {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return Buffer.byteLength(text) > MAX_BODY_BYTES ? undefined : text;
}

/** A URL-encoded form body as its fields (the last of a repeated name wins), or undefined when too large. */
export function readForm(event: APIGatewayProxyEventV2): Record<string, string> | undefined {
  const text = readBody(event);
  return text === undefined ? undefined : Object.fromEntries(new URLSearchParams(text));
}
