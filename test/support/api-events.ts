// Builds API Gateway HTTP API (payload 2.0) events the way API Gateway hands them to the api Lambda.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export function apiEvent(
  method: string,
  path: string,
  options: { body?: string; query?: Record<string, string>; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers: { host: 'coach.test', ...(options.headers ?? {}) },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'coach.test',
      domainPrefix: 'coach',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'req',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(options.body === undefined
      ? { isBase64Encoded: false }
      : { body: options.body, isBase64Encoded: false }),
  };
}

export const EXAMPLE_SUBSCRIPTION = {
  weeklyVolume: 90,
  unit: 'min',
  runDays: 3,
  timeZone: 'Europe/Berlin',
  sendDay: 'sun',
  sendHour: 18,
};

export function subscribeEvent(body: unknown): APIGatewayProxyEventV2 {
  return apiEvent('POST', '/subscribe', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

const FORM_ENCODED = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * What a confirm page's form sends when its button is pressed, as a browser would: a POST to the form's action
 * with its hidden token in the body, and any fields filled in (the profile form's). Fails when there is no form.
 */
export function sendConfirmForm(page: string | undefined, fields: Record<string, string> = {}) {
  const form =
    /<form method="post" action="([^"]+)">\s*<input type="hidden" name="token" value="([^"]+)">/.exec(
      page ?? '',
    );
  if (!form?.[1] || !form[2]) throw new Error('the page has no confirm form');
  return apiEvent('POST', form[1], {
    body: new URLSearchParams({ token: form[2], ...fields }).toString(),
    headers: FORM_ENCODED,
  });
}
