// The first page a person sees: what the coach does, why it is gentle on knees, and the subscribe form.
import { html, SafeHtml } from '#lambdas/html';
import { GOAL_CHOICES, START_CHOICES } from './goal-form';
import { HOURS, options, page, WEEKDAY_NAMES } from './layout';

const HEADING = 'A running coach that looks after your knees';

/** How each field is named in a sentence, so an API message reads as one: "Your time zone is required". */
const FIELD_NAMES: Record<string, string> = {
  email: 'Your email address',
  weeklyVolume: 'Your weekly running',
  unit: 'The unit',
  runDays: 'The number of run days',
  sendDay: 'The day your plan arrives',
  sendHour: 'The time your plan arrives',
  timeZone: 'Your time zone',
  start: 'Where you start',
  goalDistance: 'The race distance',
  goalKm: 'The race distance',
  goalDate: 'The race day',
};

const MISSING: Record<string, string> = {
  email: 'Please enter your email address.',
  weeklyVolume: 'Please tell us how much you run in a week now.',
  timeZone: 'Please enter your time zone, for example Europe/Berlin.',
};

const NUMBER = /^-?\d+([.,]\d+)?$/;
const NUMERIC = new Set(['weeklyVolume', 'runDays', 'sendHour']);

/**
 * The API's field errors as sentences a person reads next to the field. The rules (and so which fields fail)
 * are the API's own; only the words change where the API speaks of types or standards.
 */
export function subscribeFormErrors(
  fields: Record<string, string>,
  form: Record<string, string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const name = FIELD_NAMES[key];
    if (name === undefined) {
      // Only a changed or very old copy of the form sends fields it does not show.
      errors[key] = 'Something in the form was not as we expected. Please reload the page and try again.';
    } else if (message === 'is required') {
      errors[key] = MISSING[key] ?? `Please choose ${name.charAt(0).toLowerCase()}${name.slice(1)}.`;
    } else if (NUMERIC.has(key) && !NUMBER.test((form[key] ?? '').trim())) {
      errors[key] = `${name} must be a number${key === 'weeklyVolume' ? ', for example 90 or 12.5' : ''}.`;
    } else if (key === 'timeZone') {
      errors[key] = `${name} must be one like Europe/Berlin or America/New_York.`;
    } else {
      errors[key] = `${name} ${message}.`;
    }
  }
  return errors;
}

/** Every time zone the runtime knows, offered as suggestions; the field still takes any valid one typed. */
let zoneList: SafeHtml | undefined;
function timeZoneSuggestions(): SafeHtml {
  zoneList ??= html`${Intl.supportedValuesOf('timeZone').map((zone) => html`<option value="${zone}"></option>`)}`;
  return zoneList;
}

const INVALID = html` aria-invalid="true"`;

/** The attributes tying a control to its hint and its error, for screen readers. */
function describedBy(name: string, errors: Record<string, string>, hints: string[]): SafeHtml {
  const ids = [...hints, ...(errors[name] ? [`${name}-error`] : [])];
  return html`${errors[name] ? INVALID : SafeHtml.empty}${ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : SafeHtml.empty}`;
}

function errorLine(name: string, errors: Record<string, string>): SafeHtml {
  const error = errors[name];
  return error ? html`<span class="error" id="${name}-error">${error}</span>` : SafeHtml.empty;
}

function summary(errors: Record<string, string>): SafeHtml {
  const items = Object.entries(errors).map(([name, error]) =>
    FIELD_NAMES[name] === undefined
      ? html`<li>${error}</li>`
      : html`<li><a href="#${name}">${error}</a></li>`,
  );
  // Focused on arrival (autofocus without the script, the script after it swaps the page in).
  return html`<section class="summary" id="error-summary" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<p>Nothing was sent yet.</p>
<ul>${items}</ul>
</section>`;
}

function subscribeForm(v: Record<string, string>, errors: Record<string, string>): SafeHtml {
  const runDays: [string, string][] = Array.from({ length: 7 }, (_, i) => [
    String(i + 1),
    `${i + 1} day${i === 0 ? '' : 's'}`,
  ]);
  return html`<form method="post" action="/subscribe" novalidate data-enhance>
<div class="field">
<label for="email">Your email address</label>
${errorLine('email', errors)}
<input id="email" name="email" type="email" class="wide" autocomplete="email" spellcheck="false" required value="${v.email ?? ''}"${describedBy('email', errors, [])}>
</div>
<fieldset>
<legend>How much do you run in a week now?</legend>
<span class="hint" id="volume-hint">A rough figure from the last few weeks is fine, for example 90 minutes or 15 km. Your plan starts there.</span>
<div class="pair">
<div class="field">
<label for="weeklyVolume">Amount</label>
${errorLine('weeklyVolume', errors)}
<input id="weeklyVolume" name="weeklyVolume" inputmode="decimal" autocomplete="off" size="7" required value="${v.weeklyVolume ?? ''}"${describedBy('weeklyVolume', errors, ['volume-hint'])}>
</div>
<div class="field">
<label for="unit">Unit</label>
${errorLine('unit', errors)}
<select id="unit" name="unit"${describedBy('unit', errors, [])}>${options(
    [
      ['min', 'minutes'],
      ['km', 'km'],
      ['mi', 'miles'],
    ],
    v.unit ?? 'min',
  )}</select>
</div>
</div>
</fieldset>
<div class="field">
<label for="start">Where are you starting from?</label>
<span class="hint" id="start-hint">Not running yet? Choose that and leave the amount above empty: you start with walk-run sessions.</span>
${errorLine('start', errors)}
<select id="start" name="start"${describedBy('start', errors, ['start-hint'])}>${options(START_CHOICES, v.start ?? 'regular')}</select>
</div>
<div class="field">
<label for="goalDistance">A race to aim for (optional)</label>
<span class="hint" id="goal-hint">We never speed up your plan for a race date: each week we tell you when you will be ready.</span>
${errorLine('goalDistance', errors)}
<select id="goalDistance" name="goalDistance"${describedBy('goalDistance', errors, ['goal-hint'])}>${options(GOAL_CHOICES, v.goalDistance ?? '')}</select>
</div>
<div class="pair">
<div class="field">
<label for="goalKm">Other distance (km)</label>
${errorLine('goalKm', errors)}
<input id="goalKm" name="goalKm" inputmode="decimal" autocomplete="off" size="5" value="${v.goalKm ?? ''}"${describedBy('goalKm', errors, [])}>
</div>
<div class="field">
<label for="goalDate">Race day</label>
${errorLine('goalDate', errors)}
<input id="goalDate" name="goalDate" type="date" value="${v.goalDate ?? ''}"${describedBy('goalDate', errors, [])}>
</div>
</div>
<div class="field">
<label for="runDays">How many days a week can you run?</label>
<span class="hint" id="runDays-hint">We spread your runs out, with rest days in between.</span>
${errorLine('runDays', errors)}
<select id="runDays" name="runDays"${describedBy('runDays', errors, ['runDays-hint'])}>${options(runDays, v.runDays ?? '3')}</select>
</div>
<fieldset>
<legend>When should your weekly plan arrive?</legend>
<div class="pair">
<div class="field">
<label for="sendDay">Day</label>
${errorLine('sendDay', errors)}
<select id="sendDay" name="sendDay"${describedBy('sendDay', errors, [])}>${options(WEEKDAY_NAMES, v.sendDay ?? 'sun')}</select>
</div>
<div class="field">
<label for="sendHour">Time</label>
${errorLine('sendHour', errors)}
<select id="sendHour" name="sendHour"${describedBy('sendHour', errors, [])}>${options(HOURS, v.sendHour ?? '18')}</select>
</div>
</div>
</fieldset>
<div class="field">
<label for="timeZone">Your time zone</label>
<span class="hint" id="timeZone-hint">So your plan arrives at your local time. For example Europe/Berlin or America/New_York.</span>
${errorLine('timeZone', errors)}
<input id="timeZone" name="timeZone" class="wide" list="time-zones" autocomplete="off" spellcheck="false" required value="${v.timeZone ?? ''}"${describedBy('timeZone', errors, ['timeZone-hint'])}>
<datalist id="time-zones">${timeZoneSuggestions()}</datalist>
</div>
<p><button type="submit">Sign me up</button></p>
</form>`;
}

/** The landing page; after a refused form, the same page with its values kept and each problem named. */
export function landingPage(
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): string {
  const invalid = Object.keys(errors).length > 0;
  return page(
    invalid ? 'Please check the form' : 'Running plans that look after your knees',
    html`${invalid ? summary(errors) : SafeHtml.empty}
<p>One running plan a week, by email. Tell us how much you run now, and we build from there, slowly.</p>
<h2>Why it is gentle on knees</h2>
<ul class="points">
<li><strong>A slow ramp.</strong> Your week grows by about 2.5% while your knees are happy, and every fourth week is lighter.</li>
<li><strong>Rest days.</strong> Your runs are spread out, with rest days in between and two short strength sessions a week.</li>
<li><strong>Led by your knees.</strong> Reply to each plan with how your knee feels, from 0 to 10. If it hurts, next week holds steady or eases off, and a warning sign pauses the plan.</li>
</ul>
<h2>Start your plan</h2>
${subscribeForm(values, errors)}
<p class="muted">First we email you a link to confirm, and nothing else until you click it. Every email has a one-click unsubscribe, and you can download or delete your data at any time.</p>`,
    { heading: HEADING, enhance: true },
  );
}

/** The same neutral answer whether the address is new, known or refused, so the page never tells who subscribed. */
export function checkInboxPage(message: string): string {
  return page(
    'Check your inbox',
    html`<p>${message}</p>
<p>Nothing there after a few minutes? Have a look in your spam folder, or <a href="/">sign up again</a>.</p>`,
  );
}
