// The api Lambda: subscribe, confirm, unsubscribe, preferences and data over API Gateway's HTTP API (payload 2.0).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Result, serverError } from '#http/routes/exchange';
import { answerRequest } from '#http/routes/route-table';
import { apiDeps } from '#lambdas/compose/index';
import type { CoachDeps } from '#use-cases/deps';

export function makeApiHandler(getDeps: () => Promise<CoachDeps>) {
  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    const path = event.rawPath || '/';
    let deps: CoachDeps | undefined;
    try {
      deps = await getDeps();
      return await answerRequest(deps, method, path, { event, token: event.queryStringParameters?.token });
    } catch (error) {
      // Never echo internals: the log gets the error's name, the caller a generic message.
      deps?.log.error('api request failed', {
        path,
        method,
        error: error instanceof Error ? error.name : 'unknown',
      });
      return serverError(event);
    } finally {
      deps?.metrics.flush();
    }
  };
}

export const handler = makeApiHandler(apiDeps);
