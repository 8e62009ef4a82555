// The HTML pages the API shows: subscribing, confirmation, unsubscribing, preferences and the subscriber's data.

import { formatDate } from '#email/format';
import { html, SafeHtml } from '#lambdas/html';
import { GOAL_CHOICES, START_CHOICES } from './goal-form';
import { checkInboxPage, landingPage } from './landing';
import { HOURS, options, page, WEEKDAY_NAMES } from './layout';
import { RAMP_PERCENTS } from './preferences-form';

function field(
  name: string,
  label: string,
  control: SafeHtml,
  errors: Record<string, string>,
  hint = '',
): SafeHtml {
  const error = errors[name];
  return html`<p><label for="${name}"><strong>${label}</strong></label><br>${control}${
    hint ? html`<br><span class="muted" id="${name}-hint">${hint}</span>` : SafeHtml.empty
  }${error ? html`<br><span class="error" id="${name}-error" role="alert">${error}</span>` : SafeHtml.empty}</p>`;
}

/**
 * The confirmation link's token, sent in the form's body: the POST that confirms carries it like the link did,
 * and it stays out of the address the form posts to.
 */
function confirmToken(token: string): SafeHtml {
  return html`<input type="hidden" name="token" value="${token}">`;
}

/** The form an email sign-up completes before the first plan: the same fields and rules as the API. */
function profileFormBody(token: string, v: Record<string, string>, errors: Record<string, string>): SafeHtml {
  const days: [string, string][] = Array.from({ length: 7 }, (_, i) => [String(i + 1), String(i + 1)]);
  const described = (name: string) =>
    errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : SafeHtml.empty;
  return html`<p>A few facts and your first weekly plan is on its way.</p>
${Object.keys(errors).length > 0 ? html`<p class="error" role="alert">Please check the fields marked below.</p>` : SafeHtml.empty}
<form method="post" action="/confirm">
${confirmToken(token)}
${field(
  'weeklyVolume',
  'How much do you run in a week now?',
  html`<input id="weeklyVolume" name="weeklyVolume" inputmode="decimal" required value="${v.weeklyVolume ?? ''}"${described('weeklyVolume')}>
<select name="unit" aria-label="Unit">${options(
    [
      ['min', 'minutes'],
      ['km', 'km'],
      ['mi', 'miles'],
    ],
    v.unit ?? 'min',
  )}</select>`,
  errors,
)}
${field('runDays', 'How many days a week can you run?', html`<select id="runDays" name="runDays"${described('runDays')}>${options(days, v.runDays ?? '3')}</select>`, errors)}
${field('sendDay', 'Which day should your plan arrive?', html`<select id="sendDay" name="sendDay"${described('sendDay')}>${options(WEEKDAY_NAMES, v.sendDay ?? 'sun')}</select>`, errors)}
${field('sendHour', 'At what time?', html`<select id="sendHour" name="sendHour"${described('sendHour')}>${options(HOURS, v.sendHour ?? '18')}</select>`, errors)}
${field(
  'timeZone',
  'Your time zone',
  html`<input id="timeZone" name="timeZone" required value="${v.timeZone ?? 'UTC'}"${described('timeZone')}>`,
  errors,
  'For example Europe/Berlin or America/New_York.',
)}
<p><button type="submit">Start my plan</button></p>
</form>`;
}

/* ------------------------------------------------------------ preferences and data */

export interface PreferencesPage {
  token: string;
  /** The form's values: the stored preferences, or what was just submitted. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The plan is paused (a reply, a red flag or this page): the page offers to resume. */
  paused: boolean;
  /**
   * The newest week reported a red flag: its next plan is a rest week whatever they press, so the page says
   * so instead of offering a resume that would not change it.
   */
  redFlag: boolean;
  /** The Monday a pause with an end date picks up again. */
  resumeAt?: string;
  /** A pause is stored on a week, so it is offered once the first plan has gone out. */
  canPause: boolean;
  pauseError?: string;
  /** A short message above the form (why nothing changed). */
  notice?: string;
}

const UNIT_NAMES: [string, string][] = [
  ['min', 'minutes'],
  ['km', 'kilometres'],
  ['mi', 'miles'],
];

/** A link with the page's token, for the forms and links on the preferences pages. */
function withToken(path: string, token: string, extra = ''): string {
  return `${path}?token=${encodeURIComponent(token)}${extra}`;
}

const INVALID = html` aria-invalid="true"`;

/** The ids a control is described by: its hint, and its error when there is one. */
function describedBy(name: string, errors: Record<string, string>, hint: boolean): SafeHtml {
  const ids = [...(hint ? [`${name}-hint`] : []), ...(errors[name] ? [`${name}-error`] : [])];
  return html`${errors[name] ? INVALID : SafeHtml.empty}${ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : SafeHtml.empty}`;
}

/** A select that keeps a submitted or stored value even when it is not one of the usual options. */
function selectOf(
  name: string,
  pairs: [string, string][],
  value: string,
  errors: Record<string, string>,
  hint: boolean,
): SafeHtml {
  const known = pairs.some(([v]) => v === value);
  const all: [string, string][] = known || value === '' ? pairs : [[value, value], ...pairs];
  return html`<select id="${name}" name="${name}"${describedBy(name, errors, hint)}>${options(all, value)}</select>`;
}

function preferencesBody(p: PreferencesPage): SafeHtml {
  const { values: v, errors } = p;
  const token = p.token;
  const form = html`<form method="post" action="${withToken('/preferences', token)}">
<fieldset><legend>When your plan arrives</legend>
${field('sendDay', 'Day', selectOf('sendDay', WEEKDAY_NAMES, v.sendDay ?? '', errors, false), errors)}
${field('sendHour', 'Time', selectOf('sendHour', HOURS, v.sendHour ?? '', errors, false), errors)}
${field(
  'timeZone',
  'Time zone',
  html`<input id="timeZone" name="timeZone" autocomplete="off" value="${v.timeZone ?? ''}"${describedBy('timeZone', errors, true)}>`,
  errors,
  'For example Europe/Berlin or America/New_York.',
)}
</fieldset>
<fieldset><legend>Your running</legend>
${field('unit', 'Units', selectOf('unit', UNIT_NAMES, v.unit ?? '', errors, true), errors, 'Switching converts your plan; between time and distance we assume an easy pace of about 7 minutes per km.')}
${field(
  'runDays',
  'Days a week you can run',
  selectOf(
    'runDays',
    Array.from({ length: 7 }, (_, i) => [String(i + 1), String(i + 1)] as [string, string]),
    v.runDays ?? '',
    errors,
    false,
  ),
  errors,
)}
${field('runHour', 'When you usually run', selectOf('runHour', HOURS, v.runHour ?? '', errors, true), errors, 'Your calendar file puts each run at this time.')}
${field(
  'rampRate',
  'How fast to build up',
  selectOf(
    'rampRate',
    RAMP_PERCENTS.map(
      (pct) => [pct, `${pct}% a week${pct === '2.5' ? ' (our gentle default)' : ''}`] as [string, string],
    ),
    v.rampRate ?? '',
    errors,
    true,
  ),
  errors,
  'How much your week may grow while your knees are happy. Slower is kinder to knees.',
)}
${field(
  'goalVolume',
  'Your weekly goal (optional)',
  html`<input id="goalVolume" name="goalVolume" inputmode="decimal" value="${v.goalVolume ?? ''}"${describedBy('goalVolume', errors, true)}>`,
  errors,
  'A weekly amount, in the units chosen above. Leave it empty to keep building slowly with no goal.',
)}
${field('start', 'Where you started', selectOf('start', START_CHOICES, v.start ?? '', errors, true), errors, 'Not running yet, or only a little: your plan starts with walk-run sessions.')}
</fieldset>
<fieldset><legend>A race to aim for (optional)</legend>
${field('goalDistance', 'Distance', selectOf('goalDistance', GOAL_CHOICES, v.goalDistance ?? '', errors, true), errors, 'We never speed up your plan for a race: we tell you when you will be ready.')}
${field(
  'goalKm',
  'Another distance, in km',
  html`<input id="goalKm" name="goalKm" inputmode="decimal" value="${v.goalKm ?? ''}"${describedBy('goalKm', errors, false)}>`,
  errors,
)}
${field(
  'goalDate',
  'Race day (optional)',
  html`<input id="goalDate" name="goalDate" type="date" value="${v.goalDate ?? ''}"${describedBy('goalDate', errors, false)}>`,
  errors,
)}
</fieldset>
<p><button type="submit">Save my preferences</button></p>
</form>`;

  const pauseErrors: Record<string, string> = p.pauseError ? { weeks: p.pauseError } : {};
  const weekChoices: [string, string][] = [
    ['', 'Until I resume'],
    ...Array.from(
      { length: 12 },
      (_, i) => [String(i + 1), `${i + 1} week${i === 0 ? '' : 's'}`] as [string, string],
    ),
  ];
  const breakSection = p.redFlag
    ? html`<p>You told us about a warning sign for your knee, so your next weekly email is a rest week. Please have a
doctor or physiotherapist look at your knee. Once that email has arrived and you feel ready, you can resume here.</p>`
    : p.paused
      ? html`<p>Your plan is paused: your weekly email is a rest week${
          p.resumeAt
            ? `, and your plan picks up again from ${formatDate(p.resumeAt)} with an easy return week`
            : ' until you resume'
        }.</p>
<form method="post" action="${withToken('/preferences', token, '&action=resume')}">
<p><button type="submit">Resume my plan</button></p>
</form>
<p class="muted">We will ease you back in gently, with a lighter return week.</p>`
      : p.canPause
        ? html`<p>Travelling, ill, or just need a rest? While your plan is paused, your weekly email is a rest week.</p>
<form method="post" action="${withToken('/preferences', token, '&action=pause')}">
${field('weeks', 'For how long?', selectOf('weeks', weekChoices, v.weeks ?? '', pauseErrors, false), pauseErrors)}
<p><button type="submit">Pause my plan</button></p>
</form>`
        : html`<p>You can pause your plan here once your first plan has arrived.</p>`;

  return html`<p>Change anything below and press Save. Changes apply from your next email.</p>
${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : SafeHtml.empty}
${Object.keys(errors).length > 0 ? html`<p class="error" role="alert">Nothing was saved yet: please check the fields marked below.</p>` : SafeHtml.empty}
${form}
<h2>Taking a break</h2>
${breakSection}
${dataSection(token)}
<p class="muted">To stop the emails, use the unsubscribe link at the bottom of any plan email.</p>`;
}

function dataSection(token: string): SafeHtml {
  return html`<h2>Your data</h2>
<p><a href="${withToken('/export', token)}">Download my data</a>: everything we store about you, as a file.</p>
<p><a href="${withToken('/erase', token)}">Delete my data</a>: we show you what goes before anything is deleted.</p>`;
}

function backLink(token: string): SafeHtml {
  return html`<p><a href="${withToken('/preferences', token)}">Back to your preferences</a></p>`;
}

export const pages = {
  landing: (values: Record<string, string> = {}, errors: Record<string, string> = {}) =>
    landingPage(values, errors),
  checkInbox: (message: string) => checkInboxPage(message),
  /** The page a confirmation link opens: nothing happens until the button is pressed. */
  confirmAsk: (token: string) =>
    page(
      'Confirm your subscription',
      html`<p>One press and your first weekly plan is on its way.</p>
<form method="post" action="/confirm">
${confirmToken(token)}
<p><button type="submit">Confirm my subscription</button></p>
</form>
<p class="muted">If you did not sign up, just close this page: nothing happens unless you press the button.</p>`,
    ),
  confirmed: (firstPlan: 'sent' | 'queued') =>
    page(
      "You're in",
      html`<p>Your subscription is confirmed. ${
        firstPlan === 'sent'
          ? 'Your first weekly plan is already in your inbox.'
          : 'Your first weekly plan is on its way and should arrive within the hour.'
      }</p><p>Each week, just reply to the plan email and tell us how your knees feel; next week adapts.</p>`,
    ),
  alreadyConfirmed: () =>
    page(
      'Already confirmed',
      html`<p>This subscription is already confirmed. Nothing more to do: your plans keep coming.</p>`,
    ),
  confirmInvalid: (reason: 'expired' | 'invalid' | 'used') =>
    page(
      reason === 'expired'
        ? 'This link has expired'
        : reason === 'used'
          ? 'This link was already used'
          : 'This link does not work',
      html`<p>${
        reason === 'expired'
          ? 'Confirmation links last a week. Subscribe again to get a fresh one.'
          : reason === 'used'
            ? 'This confirmation link cannot be used any more. If you signed up again since, use the newest email; otherwise subscribe again for a fresh link.'
            : 'The link may have been cut off or changed. Copy the whole link from the email, or subscribe again.'
      }</p><p>Nothing was changed.</p>`,
    ),
  unsubscribeAsk: (token: string) =>
    page(
      'Unsubscribe?',
      html`<p>Press the button to stop all emails from Knee Coach. You can subscribe again at any time.</p>
<form method="post" action="${withToken('/unsubscribe', token)}">
<button type="submit">Unsubscribe</button>
</form>`,
    ),
  unsubscribed: () =>
    page("You're unsubscribed", html`<p>You will get no more emails from us. Look after those knees!</p>`),
  unsubscribeInvalid: () =>
    page(
      'This link does not work',
      html`<p>The unsubscribe link may have been cut off or changed. Copy the whole link from the email, or reply "stop" to any plan email.</p><p>Nothing was changed.</p>`,
    ),
  notFound: () => page('Page not found', html`<p>There is nothing here.</p>`),
  profileForm: (token: string, values: Record<string, string>, errors: Record<string, string>) =>
    page('Tell us about your running', profileFormBody(token, values, errors)),
  preferences: (input: PreferencesPage) => page('Your preferences', preferencesBody(input)),
  /** `nextSend` is when the next plan goes out ("Sunday 6 December at 18:00"), or undefined when it is due now. */
  preferencesSaved: (token: string, nextSend: string | undefined, timeZone: string) =>
    page(
      'Saved',
      html`<p>${
        nextSend === undefined
          ? 'Saved: your next plan is on its way and should arrive within the hour.'
          : `Saved: your next plan arrives ${nextSend} (${timeZone} time).`
      }</p><p>Your changes apply from that email on.</p>${backLink(token)}`,
    ),
  /** After pausing or resuming: the same sentence a reply would get. */
  pauseChanged: (token: string, paused: boolean, message: string) =>
    page(
      paused ? 'Your plan is paused' : 'Welcome back',
      html`<p>${message}</p>${
        paused
          ? html`<p>Your weekly email keeps coming, as a rest week, so you can resume from it or from here.</p>`
          : SafeHtml.empty
      }${backLink(token)}`,
    ),
  notSubscribed: (token: string) =>
    page(
      "You're not getting plans right now",
      html`<p>This address is not subscribed, so we send it no plans and there is nothing to change. You can still
download or delete what we store about you.</p>${dataSection(token)}<p>Nothing was changed.</p>`,
    ),
  linkInvalid: (reason: 'expired' | 'invalid') =>
    page(
      reason === 'expired' ? 'This link has expired' : 'This link does not work',
      html`<p>${
        reason === 'expired'
          ? 'Links to your preferences last 60 days. The link at the bottom of your newest plan email always works.'
          : 'The link may have been cut off or changed, or the data it was for has been deleted. Use the link at the bottom of your newest plan email.'
      }</p><p>Nothing was changed.</p>`,
    ),
  eraseAsk: (token: string, suppressed: boolean) =>
    page(
      'Delete your data?',
      html`<p>Pressing the button deletes, at once and for good:</p>
<ul>
<li>your email address and your running preferences;</li>
<li>every weekly plan we sent you;</li>
<li>everything you told us about your knees.</li>
</ul>
<p>You will get no more emails from us. Copies of emails you sent us are already deleted automatically a few
weeks after they arrive.</p>${
        suppressed
          ? html`<p>Because mail to your address bounced or was reported as spam, we keep one thing: a one-way fingerprint of the address (never the address itself), only so that we never email it again.</p>`
          : SafeHtml.empty
      }
<p>Want a copy first? <a href="${withToken('/export', token)}">Download my data</a>.</p>
<form method="post" action="${withToken('/erase', token)}">
<p><button type="submit" class="danger">Delete my data</button></p>
</form>
${backLink(token)}`,
    ),
  formTooLarge: () =>
    page(
      'That was too much for this form',
      html`<p>The form sent far more than it ever needs. Please go back, reload the page and try again.</p><p>Nothing was changed.</p>`,
    ),
  serverError: () =>
    page(
      'Something went wrong on our side',
      html`<p>Sorry, that did not work. Please try again in a minute.</p>`,
    ),
  erased: () =>
    page(
      'Your data is deleted',
      html`<p>Everything we stored about you is gone, and no more emails will come from us. Look after those knees!</p>`,
    ),
};
