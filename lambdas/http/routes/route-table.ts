// The api's route table: every route in API_ROUTES has exactly one handler here, or the project does not compile.

import { pages } from '#http/pages';
import type { ApiRoute } from '#lambdas/api-routes';
import type { CoachDeps } from '#use-cases/deps';
import { type ApiRequest, html, json, type Result, type RouteHandler } from './exchange';
import { preferencesRoutes } from './preferences';
import { signupRoutes } from './signup';
import { unsubscribeRoutes } from './unsubscribe';

// Each family `satisfies` a partial table (no route outside API_ROUTES); this type asks for all of them.
const ROUTES: Record<ApiRoute, RouteHandler> = {
  ...signupRoutes,
  ...unsubscribeRoutes,
  ...preferencesRoutes,
};

// From the table's keys, which are API_ROUTES exactly (the type above), so the bundle needs no second list.
const ROUTED_PATHS = new Set(Object.keys(ROUTES).map((route) => route.slice(route.indexOf(' ') + 1)));

function isRoute(key: string): key is ApiRoute {
  return Object.hasOwn(ROUTES, key);
}

/** Answers one request: its route's page, 405 for a known path with another method, 404 for the rest. */
export async function answerRequest(
  deps: CoachDeps,
  method: string,
  path: string,
  request: ApiRequest,
): Promise<Result> {
  const key = `${method} ${path}`;
  if (isRoute(key)) return ROUTES[key](deps, request);
  if (ROUTED_PATHS.has(path)) return json(405, { error: `method ${method} is not allowed on ${path}` });
  return html(404, pages.notFound());
}
