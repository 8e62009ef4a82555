// The pages behind the signed link in every email: preferences, pause and resume, the data export and erasure.

import { upcomingSendAt, wasSuppressed } from '#domain/subscriber';
import type { Subscriber } from '#domain/types';
import { type PreferencesPage, pages } from '#http/pages';
import {
  formatNextSend,
  formErrors,
  PAUSE_WEEKS_ERROR,
  preferencesFormValues,
  readPauseWeeks,
  readPreferencesForm,
} from '#http/preferences-form';
import type { ApiRoute } from '#lambdas/api-routes';
import type { CoachDeps } from '#use-cases/deps';
import { pauseOrResume } from '#use-cases/pause';
import {
  isSubscribed,
  preferencesState,
  subscriberFromLink,
  updatePreferences,
} from '#use-cases/preferences';
import { eraseSubscriber, exportData } from '#use-cases/privacy';
import { type ApiRequest, download, html, type Result, type RouteHandler, readForm } from './exchange';

async function preferencesPage(
  deps: CoachDeps,
  token: string,
  subscriber: Subscriber,
  overrides: Partial<PreferencesPage>,
): Promise<string> {
  const state = await preferencesState(deps, subscriber);
  return pages.preferences({
    token,
    values: preferencesFormValues(subscriber.preferences),
    errors: {},
    paused: state.paused,
    redFlag: state.redFlag,
    ...(subscriber.resumeAt === undefined ? {} : { resumeAt: subscriber.resumeAt }),
    canPause: state.latest !== undefined,
    ...overrides,
  });
}

/** The pause and resume buttons (`action=pause|resume`) on the preferences page. */
async function pauseOrResumePage(
  deps: CoachDeps,
  subscriber: Subscriber,
  token: string,
  action: 'pause' | 'resume',
  form: Record<string, string>,
): Promise<Result> {
  const weeks = action === 'pause' ? readPauseWeeks(form) : { ok: true as const, weeks: undefined };
  if (!weeks.ok) {
    return html(
      400,
      await preferencesPage(deps, token, subscriber, {
        values: { ...preferencesFormValues(subscriber.preferences), weeks: form.weeks ?? '' },
        pauseError: PAUSE_WEEKS_ERROR,
      }),
    );
  }
  const outcome = await pauseOrResume(
    deps,
    subscriber.id,
    action === 'resume'
      ? { kind: 'resume' }
      : { kind: 'pause', ...(weeks.weeks === undefined ? {} : { weeks: weeks.weeks }) },
  );
  if (outcome.kind === 'unknown-subscriber') return html(400, pages.linkInvalid('invalid'));
  if (outcome.kind === 'not-subscribed') return html(409, pages.notSubscribed(token));
  if (outcome.kind === 'no-plan-yet') {
    return html(
      409,
      await preferencesPage(deps, token, subscriber, {
        notice: 'There is no plan to pause yet: you can pause once your first plan has arrived.',
      }),
    );
  }
  return html(200, pages.pauseChanged(token, outcome.kind === 'paused', outcome.message));
}

/** The preferences form (no action), or the pause and resume buttons. */
async function postPreferences(
  deps: CoachDeps,
  subscriber: Subscriber,
  { event, token }: ApiRequest,
): Promise<Result> {
  const form = readForm(event);
  if (form === undefined) return html(413, pages.formTooLarge());
  const pageToken = String(token);
  const action = event.queryStringParameters?.action;
  if (action === 'pause' || action === 'resume') {
    return pauseOrResumePage(deps, subscriber, pageToken, action, form);
  }
  if (action !== undefined) return html(400, pages.linkInvalid('invalid'));

  const outcome = await updatePreferences(deps, subscriber.id, readPreferencesForm(form));
  if (outcome.kind === 'unknown-subscriber') return html(400, pages.linkInvalid('invalid'));
  if (outcome.kind === 'not-subscribed') return html(409, pages.notSubscribed(pageToken));
  if (outcome.kind === 'invalid') {
    return html(
      400,
      await preferencesPage(deps, pageToken, subscriber, {
        values: form,
        errors: formErrors(outcome.fields, form, outcome.weeklyVolume, outcome.unit),
      }),
    );
  }
  const saved = outcome.subscriber;
  const timeZone = saved.preferences.timeZone;
  const upcoming = upcomingSendAt(saved, deps.clock.now());
  return html(
    200,
    pages.preferencesSaved(
      pageToken,
      upcoming === undefined ? undefined : formatNextSend(upcoming, timeZone),
      timeZone,
    ),
  );
}

/** A route that needs the subscriber the link names; an invalid or expired link gets the same page everywhere. */
function withSubscriber(
  answer: (deps: CoachDeps, subscriber: Subscriber, request: ApiRequest) => Promise<Result> | Result,
): RouteHandler {
  return async (deps, request) => {
    const link = await subscriberFromLink(deps, request.token);
    if (!link.ok) return html(400, pages.linkInvalid(link.reason));
    return answer(deps, link.subscriber, request);
  };
}

export const preferencesRoutes = {
  'GET /preferences': withSubscriber(async (deps, subscriber, { token }) => {
    if (!isSubscribed(subscriber)) return html(200, pages.notSubscribed(String(token)));
    return html(200, await preferencesPage(deps, String(token), subscriber, {}));
  }),
  'POST /preferences': withSubscriber(postPreferences),
  'GET /export': withSubscriber(async (deps, subscriber) => download(await exportData(deps, subscriber))),
  // Link scanners prefetch GETs, so a GET only explains and shows the button.
  'GET /erase': withSubscriber((_deps, subscriber, { token }) =>
    html(200, pages.eraseAsk(String(token), wasSuppressed(subscriber))),
  ),
  'POST /erase': withSubscriber(async (deps, subscriber) =>
    (await eraseSubscriber(deps, subscriber.id)) === 'erased'
      ? html(200, pages.erased())
      : html(400, pages.linkInvalid('invalid')),
  ),
} satisfies Partial<Record<ApiRoute, RouteHandler>>;
