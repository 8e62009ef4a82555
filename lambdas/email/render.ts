// Turns a week's plan, or a pending sign-up, into a ready-to-send email: subject, HTML and plain text.
import type { Decision, PlannedRun, WeekPlan } from '../domain/types';
import { CHART_WEEKS, chartBars, chartHtml, chartText } from './chart';
import { confirmHtml, weeklyPlanHtml } from './compiled/templates.generated';
import { EASY_PACE, RUN_LABELS, STRENGTH_INTRO, WALK_RUN_NOTE, WALK_RUN_PATTERN } from './copy';
import {
  addDays,
  cleanText,
  count,
  formatAmount,
  formatDate,
  formatDose,
  formatMinutes,
  formatSendTime,
  shownRunAmounts,
  shownTotal,
  wrapText,
} from './format';
import { assertTimeZone, calendarAttachment } from './ics';
import { fillTemplate, html, parseTemplate, SafeHtml } from './template';
import type { ConfirmationEmailInput, Operator, RenderedEmail, WeeklyPlanEmailInput } from './types';

// Split once per Lambda container; each email then only joins chunks with escaped values. Marked pure so a
// bundle that never sends a confirmation (send-week) leaves that template out.
const WEEKLY_PLAN = /* @__PURE__ */ parseTemplate('weekly-plan', weeklyPlanHtml);
const CONFIRM = /* @__PURE__ */ parseTemplate('confirm', confirmHtml);

export const CONFIRMATION_SUBJECT = 'Confirm your knee-friendly running plan';

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

export function checkedUrl(url: string, what: string): string {
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
  return cleanText(url);
}

export interface Footer {
  name: string;
  address: string;
}

export function footerOf(operator: Operator): Footer {
  const address = cleanText(operator.postalAddress)
    .split(/\s*[\r\n]+\s*/)
    .filter((line) => line.length > 0)
    .join(', ');
  return { name: cleanText(operator.name), address };
}

// One wording for the preferences link, so the HTML and text parts (and every kind of email) say the same.
export const PREFERENCES_LABEL = 'Your preferences';
const PREFERENCES_WHAT = 'send day, units, goal, pausing and your data';

/** The footer's preferences sentence for the HTML part; empty without a link (the confirmation email). */
export function preferencesFooterHtml(preferencesUrl: string | undefined): SafeHtml {
  if (preferencesUrl === undefined) return SafeHtml.empty;
  const url = checkedUrl(preferencesUrl, 'preferencesUrl');
  return html` <a href="${url}" style="color:#1d5e3a;">${PREFERENCES_LABEL}</a>: ${PREFERENCES_WHAT}.`;
}

export function footerText(footer: Footer, note: string, preferencesUrl?: string): string[] {
  const preferences =
    preferencesUrl === undefined
      ? []
      : [`${PREFERENCES_LABEL} (${PREFERENCES_WHAT}): ${checkedUrl(preferencesUrl, 'preferencesUrl')}`];
  return ['--', note, ...preferences, EDUCATION, `${footer.name}, ${footer.address}`];
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
  const timeZone = cleanText(p.timeZone);
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

/** The small headline above the reason: the week's decision in two words. */
export const DECISION_HEADLINES: Record<Decision, string> = {
  progress: 'Step up',
  hold: 'Hold steady',
  'back-off': 'Ease off',
  deload: 'Lighter week',
  pause: 'Rest and recover',
  return: 'Welcome back',
  maintain: 'Goal reached',
};

// Said before the amounts in the subject, so the inbox line alone tells which way the week goes.
const SUBJECT_LEADS: Partial<Record<Decision, string>> = {
  'back-off': 'easing off',
  deload: 'a lighter week',
  return: 'easing back in',
  maintain: 'steady at your goal',
};

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
  weekLine: string;
  headline: string;
  reason: string;
  totalLine: string;
  days: DayView[];
  hasRuns: boolean;
  walkRun: boolean;
  sessions: SessionView[];
  tip: string;
  projection?: string;
}

/** "3 easy runs", "1 long run", "3 walk-run sessions", or "3 runs" when the kinds are mixed. */
function runsPhrase(runs: readonly PlannedRun[]): string {
  const kinds = new Set(runs.map((r) => r.kind));
  const only = kinds.size === 1 ? runs[0]?.kind : undefined;
  if (only === 'easy') return count(runs.length, 'easy run');
  if (only === 'long') return count(runs.length, 'long run');
  if (only === 'walk-run') return count(runs.length, 'walk-run session');
  return count(runs.length, 'run');
}

/** The week's total as shown: the sum of the shown runs, so the parts always add up on the page. */
export function shownWeekTotal(plan: WeekPlan): string {
  return formatAmount(
    shownTotal(
      plan.runs.map((r) => r.amount),
      plan.unit,
    ),
    plan.unit,
  );
}

/** The plan with each run at the amount shown, so every part of the email (and the calendar) agrees. */
function asShown(plan: WeekPlan): WeekPlan {
  const shown = shownRunAmounts(
    plan.runs.map((r) => r.amount),
    plan.unit,
  );
  return { ...plan, runs: plan.runs.map((r, i) => ({ ...r, amount: shown[i] as number })) };
}

export function weeklyPlanSubject(input: WeekPlan): string {
  const plan = asShown(input);
  const week = `Week ${plan.weekNumber}`;
  const runs = plan.runs;
  if (runs.length === 0) return `${week}: a rest week for your knees`;
  if (plan.decision === 'return' && runs.every((r) => r.kind === 'walk-run')) {
    return `${week}: easing back in, ${count(runs.length, 'short walk-run session')}`;
  }
  const volume = `${shownWeekTotal(plan)} over ${runsPhrase(runs)}`;
  const lead = SUBJECT_LEADS[plan.decision];
  return lead === undefined ? `${week}: ${volume}` : `${week}: ${lead}, ${volume}`;
}

function runLine(run: PlannedRun, plan: WeekPlan): string {
  const line = `${RUN_LABELS[run.kind]}: ${formatAmount(run.amount, plan.unit)}`;
  return run.kind === 'walk-run' ? `${line} (${WALK_RUN_PATTERN})` : line;
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
      ...plan.strength.filter((s) => s.date === date).map(() => 'Strength for your knees (see below)'),
      ...plan.crossTraining
        .filter((c) => c.date === date)
        .map((c) => `Cross-training: ${cleanText(c.activity)}, ${formatMinutes(c.minutes)}`),
    ];
    const rest =
      runs.length === 0 && (restDays.has(date) || others.length === 0)
        ? [others.length === 0 ? 'Rest day' : 'Rest from running']
        : [];
    return { label: formatDate(date), items: [...rest, ...runs, ...others] };
  });
}

function projectionOf(plan: WeekPlan): string | undefined {
  // A pause has no pace to project from; the goal comes back with the running.
  if (!plan.projection || plan.decision === 'pause') return undefined;
  const goal = `${formatAmount(plan.projection.goalVolume, plan.unit)} a week`;
  const weeks = Math.ceil(plan.projection.weeksToGoal);
  if (weeks <= 0) return `You've reached your goal of ${goal}. From here we keep your week steady.`;
  return `At this gentle pace you'd reach your goal of ${goal} in about ${count(weeks, 'week')}, as long as your knees stay happy.`;
}

function preheaderOf(plan: WeekPlan): string {
  const sessions = plan.strength.length;
  if (plan.runs.length === 0) {
    return sessions > 0
      ? 'No running this week: rest, gentle strength work and a tip for your knees.'
      : 'No running this week: rest and let your knees settle.';
  }
  const strength = sessions > 0 ? ` and ${count(sessions, 'strength session')}` : '';
  return `${runsPhrase(plan.runs)}${strength} this week, planned around your knees.`;
}

function weeklyView(plan: WeekPlan): WeeklyView {
  const projection = projectionOf(plan);
  return {
    subject: weeklyPlanSubject(plan),
    preheader: preheaderOf(plan),
    weekLine: `Week ${plan.weekNumber} · ${formatDate(plan.weekStart)} to ${formatDate(addDays(plan.weekStart, 6))}`,
    headline: DECISION_HEADLINES[plan.decision],
    reason: cleanText(plan.reason),
    totalLine:
      plan.runs.length === 0
        ? 'No running this week. Rest, move gently, and let your knees settle.'
        : `In total: ${shownWeekTotal(plan)} over ${runsPhrase(plan.runs)}.`,
    days: daysOf(plan),
    hasRuns: plan.runs.length > 0,
    walkRun: plan.runs.some((r) => r.kind === 'walk-run'),
    sessions: plan.strength.map((s, i) => ({
      label: formatDate(s.date),
      exercises: s.exercises.map((e) => ({
        name: cleanText(e.name),
        dose: formatDose(e),
        cue: cleanText(e.cue),
      })),
      ...(s.exercises.length > 0
        ? {}
        : {
            note: plan.strength.slice(0, i).some((earlier) => earlier.exercises.length > 0)
              ? 'Repeat the exercises above.'
              : 'No exercises listed for this day.',
          }),
    })),
    tip: cleanText(plan.tip.text),
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
  return html`<p style="margin:0 0 12px;">${STRENGTH_INTRO}</p>${sessions.map(
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

/** Our own paragraphs in the text part wrap like plain-text mail; subscriber data stays on one line. */
const TEXT_WIDTH = 78;

interface TextExtras {
  timeZone: string;
  chart: string[];
  calendarNote?: string;
  unsubscribeUrl: string;
  preferencesUrl?: string;
  footer: Footer;
}

function weeklyText(view: WeeklyView, extras: TextExtras): string {
  const lines = [
    view.weekLine,
    view.headline,
    '',
    view.reason,
    '',
    view.totalLine,
    '',
    'YOUR WEEK, DAY BY DAY',
  ];
  for (const day of view.days) {
    day.items.forEach((item, i) => {
      lines.push(`  ${(i === 0 ? day.label : '').padEnd(12)}${item}`);
    });
  }
  lines.push('');
  if (view.walkRun) lines.push(...wrapText(WALK_RUN_NOTE, TEXT_WIDTH));
  if (view.hasRuns) lines.push(EASY_PACE);
  lines.push(`Dates are in your time zone, ${extras.timeZone}.`);
  if (extras.calendarNote !== undefined) lines.push(...wrapText(extras.calendarNote, TEXT_WIDTH));
  lines.push('', 'YOUR WEEKS SO FAR', ...extras.chart);
  if (view.projection) lines.push('', ...wrapText(view.projection, TEXT_WIDTH));
  lines.push('', 'STRENGTH FOR YOUR KNEES');
  if (view.sessions.length === 0) lines.push('No strength sessions this week.');
  else lines.push(STRENGTH_INTRO);
  for (const session of view.sessions) {
    lines.push('', session.label);
    for (const e of session.exercises) lines.push(`  - ${e.name}: ${e.dose}. ${e.cue}`);
    if (session.note !== undefined) lines.push(`  ${session.note}`);
  }
  lines.push(
    '',
    "THIS WEEK'S TIP",
    view.tip,
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
      extras.footer,
      `You get this plan every week because you signed up. Unsubscribe: ${extras.unsubscribeUrl}`,
      extras.preferencesUrl,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function renderWeeklyPlanEmail(input: WeeklyPlanEmailInput): RenderedEmail {
  const plan = asShown(input.plan);
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl');
  // An unknown zone would put every calendar event at the wrong hour: refuse rather than mislead.
  assertTimeZone(input.timeZone);
  const timeZone = input.timeZone;
  const footer = footerOf(input.operator);
  const view = weeklyView(plan);

  const bars = chartBars(
    input.history.slice(-(CHART_WEEKS - 1)),
    {
      weekStart: plan.weekStart,
      volume: shownTotal(
        plan.runs.map((r) => r.amount),
        plan.unit,
      ),
    },
    plan.unit,
  );
  const calendar = calendarAttachment(plan, {
    timeZone,
    runHour: input.runHour,
    now: input.now ?? new Date(),
  });
  const calendarNote =
    calendar === undefined
      ? undefined
      : `The attached calendar file adds each run and strength session to your calendar, from ${hourLabel(input.runHour)} on the day.`;

  const htmlPart = fillTemplate(WEEKLY_PLAN, {
    subject: view.subject,
    preheader: view.preheader,
    weekLine: view.weekLine,
    headline: view.headline,
    reason: view.reason,
    totalLine: view.totalLine,
    weekRows: weekRowsHtml(view.days),
    walkRunNote: view.walkRun ? html`${WALK_RUN_NOTE} ` : SafeHtml.empty,
    easyPace: view.hasRuns ? EASY_PACE : '',
    timeZone,
    calendarNote: calendarNote === undefined ? SafeHtml.empty : html` ${calendarNote}`,
    chart: chartHtml(bars),
    projection:
      view.projection === undefined
        ? SafeHtml.empty
        : html`<p style="margin:12px 0 0;">${view.projection}</p>`,
    strength: strengthHtml(view.sessions),
    tip: view.tip,
    footerNote: html`You get this plan every week because you signed up.${preferencesFooterHtml(input.preferencesUrl)} <a href="${unsubscribeUrl}" style="color:#1d5e3a;">Unsubscribe</a> with one click.`,
    operatorName: footer.name,
    operatorAddress: footer.address,
  });

  return {
    subject: view.subject,
    html: htmlPart,
    text: weeklyText(view, {
      timeZone,
      chart: chartText(bars),
      ...(calendarNote === undefined ? {} : { calendarNote }),
      unsubscribeUrl,
      ...(input.preferencesUrl === undefined ? {} : { preferencesUrl: input.preferencesUrl }),
      footer,
    }),
    ...(calendar === undefined ? {} : { attachments: [calendar] }),
  };
}
