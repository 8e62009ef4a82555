// The api Lambda: subscribe, confirm, unsubscribe, preferences and data over API Gateway's HTTP API (payload 2.0).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildCoachDeps, lambdaLog } from '../compose';
import { loadMailConfig } from '../config';
import type { Subscriber } from '../domain/types';
import { subscribeFormErrors } from '../http/landing';
import { PAGE_CSP } from '../http/layout';
import { type PreferencesPage, pages } from '../http/pages';
import {
  formatNextSend,
  formErrors,
  PAUSE_WEEKS_ERROR,
  preferencesFormValues,
  readPauseWeeks,
  readPreferencesForm,
} from '../http/preferences-form';
import { parseProfileForm, parseSubscribeBody, parseSubscribeForm } from '../http/subscribe-request';
import { type ConfirmOutcome, confirmSubscription } from '../use-cases/confirm';
import type { CoachDeps } from '../use-cases/deps';
import { pauseOrResume } from '../use-cases/pause';
import {
  isSubscribed,
  preferencesState,
  subscriberFromLink,
  updatePreferences,
} from '../use-cases/preferences';
import { eraseSubscriber, exportData } from '../use-cases/privacy';
import { allowSignUp } from '../use-cases/rate-limit';
import { subscribe } from '../use-cases/subscribe';
import { checkUnsubscribeToken, unsubscribe } from '../use-cases/unsubscribe';

type Result = APIGatewayProxyStructuredResultV2;

/** Larger bodies are refused before parsing: a subscription is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});

const html = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'x-frame-options': 'DENY',
    ...SECURITY_HEADERS,
  },
  body,
});

const ROUTED_PATHS = ['/', '/subscribe', '/confirm', '/unsubscribe', '/preferences', '/export', '/erase'];

/** The data export: a pretty-printed JSON file the browser saves rather than shows. */
const download = (data: unknown): Result => ({
  statusCode: 200,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': 'attachment; filename="knee-coach-data.json"',
    ...SECURITY_HEADERS,
  },
  body: `${JSON.stringify(data, null, 2)}\n`,
});

export const SUBSCRIBE_ACCEPTED = {
  message:
    'Thanks! If this address can subscribe, a confirmation email is on its way. Click the link in it to get your first plan.',
};

function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function header(event: APIGatewayProxyEventV2, name: string): string {
  return event.headers?.[name] ?? event.headers?.[name.toLowerCase()] ?? '';
}

export function makeApiHandler(getDeps: () => Promise<CoachDeps>) {
  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    const path = event.rawPath || '/';
    let deps: CoachDeps | undefined;
    try {
      deps = await getDeps();
      const token = event.queryStringParameters?.token;
      switch (`${method} ${path}`) {
        case 'GET /':
          return html(200, pages.landing());
        case 'POST /subscribe':
          return await handleSubscribe(deps, event);
        case 'GET /confirm':
          return confirmPage(await confirmSubscription(deps, token), token);
        case 'POST /confirm': {
          // The profile form of an email sign-up: the same rules (and size limit) as POST /subscribe.
          if (Buffer.byteLength(bodyText(event)) > MAX_BODY_BYTES) {
            return html(413, pages.confirmInvalid('invalid'));
          }
          const form = Object.fromEntries(new URLSearchParams(bodyText(event)));
          const parsed = parseProfileForm(form);
          if (!parsed.ok) {
            const outcome = await confirmSubscription(deps, token);
            if (outcome.kind !== 'needs-profile') return confirmPage(outcome, token);
            return html(400, pages.profileForm(String(token), form, parsed.fields));
          }
          return confirmPage(await confirmSubscription(deps, token, parsed.value), token);
        }
        case 'GET /unsubscribe':
          // Link scanners prefetch GETs, so a GET only shows the button.
          return checkUnsubscribeToken(deps, token)
            ? html(200, pages.unsubscribeAsk(token as string))
            : html(400, pages.unsubscribeInvalid());
        case 'POST /unsubscribe': {
          // One-click (RFC 8058) posts carry the token in the URL; the page's form does too.
          const outcome = await unsubscribe(deps, token);
          return outcome === 'invalid'
            ? html(400, pages.unsubscribeInvalid())
            : html(200, pages.unsubscribed());
        }
        case 'GET /preferences': {
          const link = await subscriberFromLink(deps, token);
          if (!link.ok) return html(400, pages.linkInvalid(link.reason));
          if (!isSubscribed(link.subscriber)) return html(200, pages.notSubscribed(String(token)));
          return html(200, await preferencesPage(deps, String(token), link.subscriber, {}));
        }
        case 'POST /preferences':
          return await handlePreferences(deps, event, token);
        case 'GET /export': {
          const link = await subscriberFromLink(deps, token);
          if (!link.ok) return html(400, pages.linkInvalid(link.reason));
          return download(await exportData(deps, link.subscriber));
        }
        case 'GET /erase': {
          // Link scanners prefetch GETs, so a GET only explains and shows the button.
          const link = await subscriberFromLink(deps, token);
          if (!link.ok) return html(400, pages.linkInvalid(link.reason));
          const s = link.subscriber;
          return html(
            200,
            pages.eraseAsk(String(token), s.status === 'suppressed' || s.suppressedReason !== undefined),
          );
        }
        case 'POST /erase': {
          const link = await subscriberFromLink(deps, token);
          if (!link.ok) return html(400, pages.linkInvalid(link.reason));
          const outcome = await eraseSubscriber(deps, link.subscriber.id);
          return outcome === 'erased' ? html(200, pages.erased()) : html(400, pages.linkInvalid('invalid'));
        }
        default:
          if (ROUTED_PATHS.includes(path)) {
            return { ...json(405, { error: `method ${method} is not allowed on ${path}` }) };
          }
          return html(404, pages.notFound());
      }
    } catch (error) {
      // Never echo internals: the log gets the error's name, the caller a generic message.
      deps?.log.error('api request failed', {
        path,
        method,
        error: error instanceof Error ? error.name : 'unknown',
      });
      // A browser gets a page it can show; API clients keep getting JSON.
      if (header(event, 'accept').includes('text/html')) return html(500, pages.serverError());
      return json(500, { error: 'something went wrong on our side; please try again in a minute' });
    }
  };
}

function confirmPage(outcome: ConfirmOutcome, token: string | undefined): Result {
  if (outcome.kind === 'confirmed') return html(200, pages.confirmed(outcome.firstPlan));
  if (outcome.kind === 'already-confirmed') return html(200, pages.alreadyConfirmed());
  if (outcome.kind === 'needs-profile') {
    const p = outcome.preferences;
    const values = {
      unit: p.unit,
      runDays: String(p.runDays),
      sendDay: p.sendDay,
      sendHour: String(p.sendHour),
    };
    return html(200, pages.profileForm(String(token), values, {}));
  }
  return html(outcome.reason === 'expired' ? 410 : 400, pages.confirmInvalid(outcome.reason));
}

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

/** The preferences form (no action), or the pause and resume buttons (`action=pause|resume`). */
async function handlePreferences(
  deps: CoachDeps,
  event: APIGatewayProxyEventV2,
  token: string | undefined,
): Promise<Result> {
  const link = await subscriberFromLink(deps, token);
  if (!link.ok) return html(400, pages.linkInvalid(link.reason));
  const text = bodyText(event);
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return html(413, pages.formTooLarge());
  const form = Object.fromEntries(new URLSearchParams(text));
  const subscriber = link.subscriber;
  const pageToken = String(token);
  const action = event.queryStringParameters?.action;

  if (action === 'pause' || action === 'resume') {
    const weeks = action === 'pause' ? readPauseWeeks(form) : { ok: true as const, weeks: undefined };
    if (!weeks.ok) {
      return html(
        400,
        await preferencesPage(deps, pageToken, subscriber, {
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
    if (outcome.kind === 'not-subscribed') return html(409, pages.notSubscribed(pageToken));
    if (outcome.kind === 'no-plan-yet') {
      return html(
        409,
        await preferencesPage(deps, pageToken, subscriber, {
          notice: 'There is no plan to pause yet: you can pause once your first plan has arrived.',
        }),
      );
    }
    return html(200, pages.pauseChanged(pageToken, outcome.kind === 'paused', outcome.message));
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
  const nextSendAt = saved.nextSendAt;
  const due = nextSendAt === undefined || nextSendAt <= deps.clock.now().toISOString();
  return html(
    200,
    pages.preferencesSaved(
      pageToken,
      due ? undefined : formatNextSend(nextSendAt, saved.preferences.timeZone),
      saved.preferences.timeZone,
    ),
  );
}

const TOO_MANY_SIGNUPS = 'Too many sign-ups in a short time. Please try again in an hour.';

function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp ?? 'unknown';
}

async function handleSubscribe(deps: CoachDeps, event: APIGatewayProxyEventV2): Promise<Result> {
  const contentType = header(event, 'content-type').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) return handleSubscribeForm(deps, event);
  if (contentType && !contentType.startsWith('application/json')) {
    return json(415, {
      error:
        'send the subscription as JSON (content-type: application/json) or as a form (application/x-www-form-urlencoded)',
    });
  }
  const text = bodyText(event);
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return json(413, { error: 'the request body is too large' });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return json(400, {
      error: 'the request body is not valid JSON',
      fields: { body: 'must be a JSON object' },
    });
  }
  const parsed = parseSubscribeBody(raw);
  if (!parsed.ok) return json(400, { error: 'some fields are invalid', fields: parsed.fields });
  if (!(await allowSignUp(deps, sourceIp(event), parsed.value.email))) {
    return json(429, { error: TOO_MANY_SIGNUPS });
  }
  const outcome = await subscribe(deps, parsed.value);
  deps.log.info('subscribe handled', { outcome });
  return json(202, SUBSCRIBE_ACCEPTED);
}

/** The landing page's form, posted without JavaScript (or by its script): the same rules, answered as a page. */
async function handleSubscribeForm(deps: CoachDeps, event: APIGatewayProxyEventV2): Promise<Result> {
  const text = bodyText(event);
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return html(413, pages.formTooLarge());
  const form = Object.fromEntries(new URLSearchParams(text));
  const parsed = parseSubscribeForm(form);
  if (!parsed.ok) return html(400, pages.landing(form, subscribeFormErrors(parsed.fields, form)));
  if (!(await allowSignUp(deps, sourceIp(event), parsed.value.email))) {
    return html(429, pages.landing(form, { form: TOO_MANY_SIGNUPS }));
  }
  const outcome = await subscribe(deps, parsed.value);
  deps.log.info('subscribe handled', { outcome });
  return html(202, pages.checkInbox(SUBSCRIBE_ACCEPTED.message));
}

let composed: Promise<CoachDeps> | undefined;
const fromEnvironment = () => {
  composed ??= buildCoachDeps(loadMailConfig(), { log: lambdaLog('api') }).catch((error) => {
    composed = undefined; // let the next request try again
    throw error;
  });
  return composed;
};

export const handler = makeApiHandler(fromEnvironment);
