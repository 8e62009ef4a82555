// The api Lambda's routes: one list read by the handler (a route table must cover each) and by the CDK stack.
export const API_ROUTES = [
  'GET /',
  'POST /subscribe',
  'GET /confirm',
  'POST /confirm',
  // POST is RFC 8058 one-click unsubscribe, which mail clients send from the List-Unsubscribe header.
  'GET /unsubscribe',
  'POST /unsubscribe',
  // Reached from the signed link in every email: preferences, and the data export and erasure it links to.
  'GET /preferences',
  'POST /preferences',
  'GET /export',
  'GET /erase',
  'POST /erase',
] as const;

export type ApiRoute = (typeof API_ROUTES)[number];
export type ApiMethod = ApiRoute extends `${infer M} ${string}` ? M : never;

/** The routes grouped by path, as API Gateway declares them: `[path, methods]`. */
export function routesByPath(): Array<[string, ApiMethod[]]> {
  const byPath = new Map<string, ApiMethod[]>();
  for (const route of API_ROUTES) {
    const [method, path] = route.split(' ') as [ApiMethod, string];
    byPath.set(path, [...(byPath.get(path) ?? []), method]);
  }
  return [...byPath];
}
