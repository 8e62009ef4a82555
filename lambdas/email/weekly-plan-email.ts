// The weekly plan email: the week's view filled into the compiled template, its text part and calendar file.
import { html, SafeHtml } from '#lambdas/html';
import { CHART_WEEKS, chartBars, chartHtml, chartText } from './chart';
import { weeklyPlanHtml } from './compiled/templates.generated';
import { EASY_PACE, INTERVALS_NOTE, STRENGTH_INTRO, WALK_RUN_NOTE } from './copy';
import { shownTotal, wrapText } from './format';
import { assertTimeZone, calendarAttachment } from './ics';
import { lastWeekLine, pastWeekPoint } from './last-week';
import { checkedUrl, type Footer, footerOf, footerText, preferencesFooterHtml } from './shared';
import { fillTemplate, parseTemplate } from './template';
import type { RenderedEmail, WeeklyPlanEmailInput } from './types';
import { asShown, type DayView, type SessionView, type WeeklyView, weeklyView } from './weekly-view';

// Split once per Lambda container; each email then only joins chunks with escaped values.
const WEEKLY_PLAN = /* @__PURE__ */ parseTemplate('weekly-plan', weeklyPlanHtml);

// Inline styles, because Outlook and some webmail clients ignore styles in <head>.
const ROW_HEAD =
  'padding:8px 12px 8px 0;border-bottom:1px solid #e1e7e2;font-weight:700;white-space:nowrap;text-align:left;vertical-align:top;';
const ROW_CELL = 'padding:8px 0;border-bottom:1px solid #e1e7e2;text-align:left;vertical-align:top;';

// Sentences the text part repeats from the template (tests check that both parts carry them).
const REPLY_INTRO = 'Just reply to this email with how your knees feel. A few words are plenty, for example:';
export const REPLY_EXAMPLES = [
  'knee 3/10, fine next morning',
  'did 2 of the 3 runs, 40 min in total',
  'new shoes',
  'pause 2 weeks',
  'stop',
];

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
  lastWeek?: string;
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
    ...(extras.lastWeek === undefined ? [] : [...wrapText(extras.lastWeek, TEXT_WIDTH), '']),
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
  if (view.intervals) lines.push(...wrapText(INTERVALS_NOTE, TEXT_WIDTH));
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

  const past = input.history.slice(-(CHART_WEEKS - 1));
  const lastWeek = lastWeekLine(past, plan.weekStart, plan.unit);
  const bars = chartBars(
    past.map((w) => pastWeekPoint(w, plan.unit)),
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
    lastWeek: lastWeek === undefined ? SafeHtml.empty : html`<p style="margin:0 0 12px;">${lastWeek}</p>`,
    reason: view.reason,
    totalLine: view.totalLine,
    weekRows: weekRowsHtml(view.days),
    walkRunNote: view.walkRun
      ? html`${WALK_RUN_NOTE} ${view.intervals ? `${INTERVALS_NOTE} ` : ''}`
      : view.intervals
        ? html`${INTERVALS_NOTE} `
        : SafeHtml.empty,
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
      ...(lastWeek === undefined ? {} : { lastWeek }),
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
