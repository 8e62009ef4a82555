// The small HTML pages the API shows: confirmation results, the unsubscribe button, the landing page.
import { escapeHtml } from '../email/template';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Knee Coach</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f7f5;color:#1d2b24;line-height:1.5}
main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px}
h1{font-size:1.5rem;margin-top:0}
button{font:inherit;padding:.7rem 1.4rem;border:0;border-radius:8px;background:#1f6f4a;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
code,pre{background:#eef3f0;border-radius:6px;padding:.1rem .3rem;overflow-x:auto}
pre{padding:.8rem}
.muted{color:#4b5b53;font-size:.9rem}
.error{color:#a3201a;font-weight:600}
input,select{font:inherit;padding:.4rem;margin-top:.3rem}
</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="muted">Knee Coach is education, not medical advice.</p>
</main></body>
</html>`;
}

const WEEKDAY_NAMES: [string, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

function options(pairs: [string, string][], selected: string | undefined): string {
  return pairs
    .map(
      ([value, label]) =>
        `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
}

function field(
  name: string,
  label: string,
  control: string,
  errors: Record<string, string>,
  hint = '',
): string {
  const error = errors[name];
  return `<p><label for="${name}"><strong>${escapeHtml(label)}</strong></label><br>${control}${
    hint ? `<br><span class="muted" id="${name}-hint">${escapeHtml(hint)}</span>` : ''
  }${error ? `<br><span class="error" id="${name}-error" role="alert">${escapeHtml(error)}</span>` : ''}</p>`;
}

/** The form an email sign-up completes before the first plan: the same fields and rules as the API. */
function profileFormBody(token: string, v: Record<string, string>, errors: Record<string, string>): string {
  const hours: [string, string][] = Array.from({ length: 24 }, (_, h) => [
    String(h),
    `${String(h).padStart(2, '0')}:00`,
  ]);
  const days: [string, string][] = Array.from({ length: 7 }, (_, i) => [String(i + 1), String(i + 1)]);
  const described = (name: string) =>
    errors[name] ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  return `<p>A few facts and your first weekly plan is on its way.</p>
${Object.keys(errors).length > 0 ? '<p class="error" role="alert">Please check the fields marked below.</p>' : ''}
<form method="post" action="/confirm?token=${encodeURIComponent(token)}">
${field(
  'weeklyVolume',
  'How much do you run in a week now?',
  `<input id="weeklyVolume" name="weeklyVolume" inputmode="decimal" required value="${escapeHtml(v.weeklyVolume ?? '')}"${described('weeklyVolume')}>
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
${field('runDays', 'How many days a week can you run?', `<select id="runDays" name="runDays"${described('runDays')}>${options(days, v.runDays ?? '3')}</select>`, errors)}
${field('sendDay', 'Which day should your plan arrive?', `<select id="sendDay" name="sendDay"${described('sendDay')}>${options(WEEKDAY_NAMES, v.sendDay ?? 'sun')}</select>`, errors)}
${field('sendHour', 'At what time?', `<select id="sendHour" name="sendHour"${described('sendHour')}>${options(hours, v.sendHour ?? '18')}</select>`, errors)}
${field(
  'timeZone',
  'Your time zone',
  `<input id="timeZone" name="timeZone" required value="${escapeHtml(v.timeZone ?? 'UTC')}"${described('timeZone')}>`,
  errors,
  'For example Europe/Berlin or America/New_York.',
)}
<p><button type="submit">Start my plan</button></p>
</form>`;
}

export const pages = {
  landing: (baseUrl: string) =>
    page(
      'Knee Coach',
      `<p>A running coach that lives in your inbox and looks after your knees: one plan a week, a slow and steady
ramp, rest days between runs, strength work, and a plan that adapts to how your knees feel.</p>
<p>Subscribe with one request (a web form arrives soon):</p>
<pre>curl -X POST ${escapeHtml(baseUrl)}/subscribe -H 'content-type: application/json' \\
  -d '{"email":"you@example.com","weeklyVolume":90,"unit":"min","runDays":3,
       "timeZone":"Europe/Berlin","sendDay":"sun","sendHour":18}'</pre>`,
    ),
  confirmed: (firstPlan: 'sent' | 'queued') =>
    page(
      "You're in",
      `<p>Your subscription is confirmed. ${
        firstPlan === 'sent'
          ? 'Your first weekly plan is already in your inbox.'
          : 'Your first weekly plan is on its way and should arrive within the hour.'
      }</p><p>Each week, just reply to the plan email and tell us how your knees feel; next week adapts.</p>`,
    ),
  alreadyConfirmed: () =>
    page(
      'Already confirmed',
      '<p>This subscription is already confirmed. Nothing more to do: your plans keep coming.</p>',
    ),
  confirmInvalid: (reason: 'expired' | 'invalid' | 'used') =>
    page(
      reason === 'expired'
        ? 'This link has expired'
        : reason === 'used'
          ? 'This link was already used'
          : 'This link does not work',
      `<p>${
        reason === 'expired'
          ? 'Confirmation links last a week. Subscribe again to get a fresh one.'
          : reason === 'used'
            ? 'This confirmation link cannot be used again. If you subscribed more than once, use the newest email.'
            : 'The link may have been cut off or changed. Copy the whole link from the email, or subscribe again.'
      }</p><p>Nothing was changed.</p>`,
    ),
  unsubscribeAsk: (token: string) =>
    page(
      'Unsubscribe?',
      `<p>Press the button to stop all emails from Knee Coach. You can subscribe again at any time.</p>
<form method="post" action="/unsubscribe?token=${encodeURIComponent(token)}">
<button type="submit">Unsubscribe</button>
</form>`,
    ),
  unsubscribed: () =>
    page("You're unsubscribed", '<p>You will get no more emails from us. Look after those knees!</p>'),
  unsubscribeInvalid: () =>
    page(
      'This link does not work',
      '<p>The unsubscribe link may have been cut off or changed. Copy the whole link from the email, or reply "stop" to any plan email.</p><p>Nothing was changed.</p>',
    ),
  notFound: () => page('Page not found', '<p>There is nothing here.</p>'),
  profileForm: (token: string, values: Record<string, string>, errors: Record<string, string>) =>
    page('Tell us about your running', profileFormBody(token, values, errors)),
};
