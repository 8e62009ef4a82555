// Unsubscribing: the page behind the link in every email, and the one-click POST mail clients send (RFC 8058).

import { pages } from '#http/pages';
import type { ApiRoute } from '#lambdas/api-routes';
import { checkUnsubscribeToken, unsubscribe } from '#use-cases/unsubscribe';
import { html, type RouteHandler } from './exchange';

export const unsubscribeRoutes = {
  // Link scanners prefetch GETs, so a GET only shows the button.
  'GET /unsubscribe': (deps, { token }) =>
    checkUnsubscribeToken(deps, token)
      ? html(200, pages.unsubscribeAsk(token as string))
      : html(400, pages.unsubscribeInvalid()),
  // One-click posts carry the token in the URL; the page's form does too.
  'POST /unsubscribe': async (deps, { token }) =>
    (await unsubscribe(deps, token)) === 'invalid'
      ? html(400, pages.unsubscribeInvalid())
      : html(200, pages.unsubscribed()),
} satisfies Partial<Record<ApiRoute, RouteHandler>>;
