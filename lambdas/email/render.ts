// Turns a week's plan, or a pending sign-up, into a ready-to-send email: subject, HTML and plain text.
import type { Decision, PlannedRun, RunKind, StrengthExercise, WeekPlan } from '../domain/types';
import { confirmHtml, weeklyPlanHtml } from './compiled/templates.generated';
import { addDays, count, formatAmount, formatDate, formatMinutes, formatSendTime } from './format';
import { fillTemplate, html, parseTemplate, SafeHtml } from './template';
import type { ConfirmationEmailInput, Operator, RenderedEmail, WeeklyPlanEmailInput } from './types';

// Split once per Lambda container; each email then only joins chunks with escaped values.
const WEEKLY_PLAN = parseTemplate('weekly-plan', weeklyPlanHtml);
const CONFIRM = parseTemplate('confirm', confirmHtml);

export const CONFIRMATION_SUBJECT = 'Confirm your knee-friendly running plan';

const HEADINGS: Record<Decision, string> = {
  progress: 'a small step up',
  hold: 'holding steady',
  'back-off': 'easing back',
  deload: 'a lighter week',
  pause: 'a pause from running',
  return: 'a gentle return to running',
  maintain: 'steady at your goal',
};

const RUN_LABELS: Record<RunKind, string> = {
  easy: 'Easy run',
  long: 'Longer easy run',
  'walk-run': 'Walk–run',
};

// Inline styles, because Outlook and some webmail clients ignore styles in <head>.
const SUMMARY_HEAD = 'padding:6px 12px 6px 0;font-weight:700;text-align:left;vertical-align:top;';
const SUMMARY_CELL = 'padding:6px 0;text-align:left;vertical-align:top;';
const ROW_HEAD =
  'padding:8px 12px 8px 0;border-bottom:1px solid #e1e7e2;font-weight:700;white-space:nowrap;text-align:left;vertical-align:top;';
const ROW_CELL = 'padding:8px 0;border-bottom:1px solid #e1e7e2;text-align:left;vertical-align:top;';

// Sentences the text part repeats from the templates (tests check that both parts carry them).
const REPLY_INTRO = 'Just reply to this email with how your knees feel. A few words are plenty, for example:';
const REPLY_EXAMPLES = ['knee 3/10, fine next morning', 'new shoes', 'pause 2 weeks', 'stop'];
const EDUCATION = 'What we send is education, not medical advice.';
const NOT_YOU = "If this wasn't you, ignore this email: nothing more will be sent to this address.";

// Control characters could garble a terminal or an HTML parser; nobody means to send them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
function clean(text: string): string {
  return text.replace(CONTROL, '');
}

function checkedUrl(url: string, what: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // Only web links: a javascript: or data: link in an email is an attack, not a typo.
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new TypeError(`${what} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  return clean(url);
}

interface Footer {
  name: string;
  address: string;
}

function footerOf(operator: Operator): Footer {
  const address = clean(operator.postalAddress)
    .split(/\s*[\r\n]+\s*/)
    .filter((line) => line.length > 0)
    .join(', ');
  return { name: clean(operator.name), address };
}

function footerText(footer: Footer, note: string): string[] {
  return ['--', note, EDUCATION, `${footer.name}, ${footer.address}`];
}

/* ---------------------------------------------------------------- confirmation */

export function renderConfirmationEmail(input: ConfirmationEmailInput): RenderedEmail {
  const { preferences: p } = input;
  const confirmUrl = checkedUrl(input.confirmUrl, 'confirmUrl');
  const footer = footerOf(input.operator);
  const preheader = 'One click and your first weekly plan is on its way.';
  const footerNote = 'You got this one email because this address was entered on our sign-up page.';
  const weeklyVolume = `${formatAmount(p.weeklyVolume, p.unit)} a week`;
  const runDays = `${count(p.runDays, 'day')} a week`;
  const sendTime = formatSendTime(p.sendDay, p.sendHour);
  const timeZone = clean(p.timeZone);
  const goal = p.goalVolume === undefined ? undefined : `${formatAmount(p.goalVolume, p.unit)} a week`;

  const htmlPart = fillTemplate(CONFIRM, {
    subject: CONFIRMATION_SUBJECT,
    preheader,
    confirmUrl,
    weeklyVolume,
    runDays,
    sendTime,
    timeZone,
    goalRow:
      goal === undefined
        ? SafeHtml.empty
        : html`<tr><th scope="row" style="${SUMMARY_HEAD}">Your goal</th><td style="${SUMMARY_CELL}">${goal}</td></tr>`,
    footerNote: html`${footerNote}`,
    operatorName: footer.name,
    operatorAddress: footer.address,
  });

  const summary: [string, string][] = [
    ['Running now', weeklyVolume],
    ['Days you can run', runDays],
    ['Your plan arrives', sendTime],
    ['Time zone', timeZone],
    ...(goal === undefined ? [] : [['Your goal', goal] as [string, string]]),
  ];
  const text = [
    CONFIRMATION_SUBJECT,
    '',
    'Thanks for signing up. Please confirm that this is your email address, and your first weekly plan',
    'will arrive on the day and hour you chose.',
    '',
    'Confirm my plan:',
    confirmUrl,
    '',
    'What you told us:',
    ...summary.map(([label, value]) => `  ${`${label}:`.padEnd(19)} ${value}`),
    '',
    NOT_YOU,
    '',
    ...footerText(footer, footerNote),
  ];
  return { subject: CONFIRMATION_SUBJECT, html: htmlPart, text: `${text.join('\n')}\n` };
}

/* ---------------------------------------------------------------- weekly plan */

interface DayView {
  label: string;
  items: string[];
}

interface SessionView {
  label: string;
  exercises: { name: string; dose: string; cue: string }[];
  /** Said instead of a list when the session names no exercises. */
  note?: string;
}

interface WeeklyView {
  subject: string;
  preheader: string;
  heading: string;
  reason: string;
  totalLine: string;
  days: DayView[];
  sessions: SessionView[];
  tip: string;
  projection?: string;
}

export function weeklyPlanSubject(plan: WeekPlan): string {
  if (plan.runs.length === 0) return `Week ${plan.weekNumber}: a rest week for your knees`;
  const total = formatAmount(plan.totalVolume, plan.unit);
  return `Week ${plan.weekNumber}: ${total} over ${count(plan.runs.length, 'easy run')}`;
}

function runLine(run: PlannedRun, plan: WeekPlan): string {
  return `${RUN_LABELS[run.kind]}: ${formatAmount(run.amount, plan.unit)}`;
}

function doseOf(exercise: StrengthExercise): string {
  const { sets, reps, holdSeconds } = exercise;
  if (reps !== undefined && holdSeconds !== undefined) return `${sets} × ${reps} reps, hold ${holdSeconds} s`;
  if (reps !== undefined) return `${sets} × ${reps} reps`;
  if (holdSeconds !== undefined) return `${sets} × ${holdSeconds} s hold`;
  return count(sets, 'set');
}

// Every date the plan mentions gets a row, so nothing planned can fall outside the table.
function daysOf(plan: WeekPlan): DayView[] {
  const dates = new Set<string>();
  for (let i = 0; i < 7; i++) dates.add(addDays(plan.weekStart, i));
  for (const item of [...plan.runs, ...plan.strength, ...plan.crossTraining]) dates.add(item.date);
  for (const date of plan.restDays) dates.add(date);
  const restDays = new Set(plan.restDays);
  return [...dates].sort().map((date) => {
    const runs = plan.runs.filter((r) => r.date === date).map((r) => runLine(r, plan));
    const others = [
      ...plan.strength.filter((s) => s.date === date).map(() => 'Strength session (see below)'),
      ...plan.crossTraining
        .filter((c) => c.date === date)
        .map((c) => `Cross-training: ${clean(c.activity)}, ${formatMinutes(c.minutes)}`),
    ];
    const rest =
      runs.length === 0 && (restDays.has(date) || others.length === 0)
        ? [others.length === 0 ? 'Rest day' : 'Rest from running']
        : [];
    return { label: formatDate(date), items: [...rest, ...runs, ...others] };
  });
}

function projectionOf(plan: WeekPlan): string | undefined {
  if (!plan.projection) return undefined;
  const goal = `${formatAmount(plan.projection.goalVolume, plan.unit)} a week`;
  const weeks = Math.ceil(plan.projection.weeksToGoal);
  if (weeks <= 0) return `You have reached your goal of ${goal}. From here we keep you steady.`;
  return `At this gentle pace you could reach your goal of ${goal} in about ${count(weeks, 'week')}.`;
}

function weeklyView(plan: WeekPlan): WeeklyView {
  const runs = plan.runs.length;
  const sessions = plan.strength.length;
  const preheader =
    runs === 0
      ? 'No running this week: rest, gentle strength work and a tip for your knees.'
      : `${count(runs, 'easy run')}${sessions > 0 ? ` and ${count(sessions, 'strength session')}` : ''} this week, planned around your knees.`;
  const projection = projectionOf(plan);
  return {
    subject: weeklyPlanSubject(plan),
    preheader,
    heading: `Week ${plan.weekNumber}: ${HEADINGS[plan.decision]}`,
    reason: clean(plan.reason),
    totalLine:
      runs === 0
        ? 'No running this week. Rest, move gently, and let your knees settle.'
        : `In total: ${formatAmount(plan.totalVolume, plan.unit)} of easy running over ${count(runs, 'run')}.`,
    days: daysOf(plan),
    sessions: plan.strength.map((s, i) => ({
      label: formatDate(s.date),
      exercises: s.exercises.map((e) => ({ name: clean(e.name), dose: doseOf(e), cue: clean(e.cue) })),
      ...(s.exercises.length > 0
        ? {}
        : {
            note: plan.strength.slice(0, i).some((earlier) => earlier.exercises.length > 0)
              ? 'Repeat the exercises above.'
              : 'No exercises listed for this day.',
          }),
    })),
    tip: clean(plan.tip.text),
    ...(projection === undefined ? {} : { projection }),
  };
}

function weekRowsHtml(days: DayView[]): SafeHtml {
  return html`${days.map(
    (day) =>
      html`<tr><th scope="row" style="${ROW_HEAD}">${day.label}</th><td style="${ROW_CELL}">${day.items.map(
        (item, i) => (i === 0 ? html`${item}` : html`<br>${item}`),
      )}</td></tr>`,
  )}`;
}

function strengthHtml(sessions: SessionView[]): SafeHtml {
  if (sessions.length === 0) return html`<p style="margin:0;">No strength sessions this week.</p>`;
  return html`<p style="margin:0 0 12px;">Strength work protects your knees. Move slowly and skip any exercise that hurts.</p>${sessions.map(
    (s) =>
      html`<p style="margin:0 0 4px;font-weight:700;">${s.label}</p>${
        s.note === undefined
          ? html`<ul style="margin:0 0 12px;padding:0 0 0 20px;">${s.exercises.map(
              (e) => html`<li style="margin:0 0 6px;"><strong>${e.name}</strong>: ${e.dose}. ${e.cue}</li>`,
            )}</ul>`
          : html`<p style="margin:0 0 12px;">${s.note}</p>`
      }`,
  )}`;
}

function weeklyText(view: WeeklyView, timeZone: string, unsubscribeUrl: string, footer: Footer): string {
  const lines = [view.heading, '', view.reason, '', view.totalLine, '', 'YOUR WEEK, DAY BY DAY'];
  for (const day of view.days) {
    day.items.forEach((item, i) => {
      lines.push(`  ${(i === 0 ? day.label : '').padEnd(12)}${item}`);
    });
  }
  lines.push(
    '',
    'Keep every run at an easy pace: you should be able to talk in full sentences.',
    `Dates are in your time zone, ${timeZone}.`,
    '',
    'STRENGTH FOR YOUR KNEES',
  );
  if (view.sessions.length === 0) lines.push('No strength sessions this week.');
  else lines.push('Strength work protects your knees. Move slowly and skip any exercise that hurts.');
  for (const session of view.sessions) {
    lines.push('', session.label);
    for (const e of session.exercises) lines.push(`  - ${e.name}: ${e.dose}. ${e.cue}`);
    if (session.note !== undefined) lines.push(`  ${session.note}`);
  }
  lines.push('', "THIS WEEK'S TIP", view.tip);
  if (view.projection) lines.push('', view.projection);
  lines.push(
    '',
    'HOW ARE YOUR KNEES?',
    REPLY_INTRO,
    ...REPLY_EXAMPLES.map((e) => `  - "${e}"`),
    "Next week's plan adapts to what you tell us.",
    '',
    "Stop running and see a clinician if your knee swells, locks or gives way, if you can't put weight",
    'on it, or if it hurts at night or at rest. This plan is education, not medical advice.',
    '',
    ...footerText(
      footer,
      `You get this plan every week because you signed up. Unsubscribe: ${unsubscribeUrl}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function renderWeeklyPlanEmail(input: WeeklyPlanEmailInput): RenderedEmail {
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl');
  const timeZone = clean(input.timeZone);
  const footer = footerOf(input.operator);
  const view = weeklyView(input.plan);

  const htmlPart = fillTemplate(WEEKLY_PLAN, {
    subject: view.subject,
    preheader: view.preheader,
    heading: view.heading,
    reason: view.reason,
    totalLine: view.totalLine,
    weekRows: weekRowsHtml(view.days),
    timeZone,
    strength: strengthHtml(view.sessions),
    tip: view.tip,
    projection:
      view.projection === undefined
        ? SafeHtml.empty
        : html`<p style="margin:12px 0 0;">${view.projection}</p>`,
    footerNote: html`You get this plan every week because you signed up. <a href="${unsubscribeUrl}" style="color:#1d5e3a;">Unsubscribe</a> with one click.`,
    operatorName: footer.name,
    operatorAddress: footer.address,
  });

  return {
    subject: view.subject,
    html: htmlPart,
    text: weeklyText(view, timeZone, unsubscribeUrl, footer),
  };
}
