// The sign-up pages: the landing page, subscribing (JSON or the landing form), confirming and the profile form.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Preferences } from '#domain/types';
import { subscribeFormErrors } from '#http/landing';
import { pages } from '#http/pages';
import { parseProfileForm, parseSubscribeBody, parseSubscribeForm } from '#http/subscribe-request';
import type { ApiRoute } from '#lambdas/api-routes';
import {
  type ConfirmLinkCheck,
  type ConfirmOutcome,
  checkConfirmLink,
  confirmSubscription,
} from '#use-cases/confirm';
import type { CoachDeps } from '#use-cases/deps';
import { allowSignUp } from '#use-cases/rate-limit';
import { subscribe } from '#use-cases/subscribe';
import {
  type ApiRequest,
  header,
  html,
  json,
  type Result,
  type RouteHandler,
  readBody,
  readForm,
} from './exchange';

export const SUBSCRIBE_ACCEPTED = {
  message:
    'Thanks! If this address can subscribe, a confirmation email is on its way. Click the link in it to get your first plan.',
};

const TOO_MANY_SIGNUPS = 'Too many sign-ups in a short time. Please try again in an hour.';

function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp ?? 'unknown';
}

async function postSubscribe(deps: CoachDeps, { event }: ApiRequest): Promise<Result> {
  const contentType = header(event, 'content-type').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) return postSubscribeForm(deps, event);
  if (contentType && !contentType.startsWith('application/json')) {
    return json(415, {
      error:
        'send the subscription as JSON (content-type: application/json) or as a form (application/x-www-form-urlencoded)',
    });
  }
  const text = readBody(event);
  if (text === undefined) return json(413, { error: 'the request body is too large' });
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
async function postSubscribeForm(deps: CoachDeps, event: APIGatewayProxyEventV2): Promise<Result> {
  const form = readForm(event);
  if (form === undefined) return html(413, pages.formTooLarge());
  const parsed = parseSubscribeForm(form);
  if (!parsed.ok) return html(400, pages.landing(form, subscribeFormErrors(parsed.fields, form)));
  if (!(await allowSignUp(deps, sourceIp(event), parsed.value.email))) {
    return html(429, pages.landing(form, { form: TOO_MANY_SIGNUPS }));
  }
  const outcome = await subscribe(deps, parsed.value);
  deps.log.info('subscribe handled', { outcome });
  return html(202, pages.checkInbox(SUBSCRIBE_ACCEPTED.message));
}

/** What the profile form starts from: the stored choices it offers as lists (the rest keep the form's defaults). */
function profileFormValues(p: Preferences): Record<string, string> {
  return { unit: p.unit, runDays: String(p.runDays), sendDay: p.sendDay, sendHour: String(p.sendHour) };
}

function confirmPage(outcome: ConfirmOutcome | ConfirmLinkCheck, token: string): Result {
  if (outcome.kind === 'ask') return html(200, pages.confirmAsk(token));
  if (outcome.kind === 'confirmed') return html(200, pages.confirmed(outcome.firstPlan));
  if (outcome.kind === 'already-confirmed') return html(200, pages.alreadyConfirmed());
  if (outcome.kind === 'needs-profile') {
    return html(200, pages.profileForm(token, profileFormValues(outcome.preferences), {}));
  }
  return html(outcome.reason === 'expired' ? 410 : 400, pages.confirmInvalid(outcome.reason));
}

/**
 * The confirm button, or the profile form of an email sign-up (the same rules and size limit as POST
 * /subscribe). The token comes in the form's body; a page from before it did carries it in the URL.
 */
async function postConfirm(deps: CoachDeps, { event, token: inUrl }: ApiRequest): Promise<Result> {
  const form = readForm(event);
  if (form === undefined) return html(413, pages.confirmInvalid('invalid'));
  const token = form.token ?? inUrl;
  const parsed = parseProfileForm(form);
  if (!parsed.ok) {
    const outcome = await confirmSubscription(deps, token);
    const onlyToken = Object.keys(form).every((key) => key === 'token');
    if (outcome.kind !== 'needs-profile' || onlyToken) return confirmPage(outcome, String(token));
    return html(400, pages.profileForm(String(token), form, parsed.fields));
  }
  return confirmPage(await confirmSubscription(deps, token, parsed.value), String(token));
}

export const signupRoutes = {
  'GET /': () => html(200, pages.landing()),
  'POST /subscribe': postSubscribe,
  // Link scanners prefetch GETs, so a GET only shows the button (or the profile form).
  'GET /confirm': async (deps, { token }) => confirmPage(await checkConfirmLink(deps, token), String(token)),
  'POST /confirm': postConfirm,
} satisfies Partial<Record<ApiRoute, RouteHandler>>;
