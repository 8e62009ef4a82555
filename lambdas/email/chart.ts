// The "your weeks so far" chart: recent weeks, planned against done, with the knee's pain score, as HTML tables
// and as text.
import type { Unit } from '#domain/types';
import { html, SafeHtml } from '#lambdas/html';
import { formatAmount, formatDate, formatDoneOfPlanned, wrapText } from './format';
import type { VolumePoint } from './last-week';

/** The chart shows this many weeks at most: seven reported or planned weeks and the one being planned. */
export const CHART_WEEKS = 8;

/** Width of a text bar in characters: 5% steps, and short enough for a 110-character line. */
const TEXT_BAR = 20;
/** Our own prose in the text part wraps here, as plain-text mail conventionally does. */
const TEXT_WIDTH = 78;

export type PainZone = 'low' | 'moderate' | 'high';

/** One row of the chart, ready to show in either part. */
export interface ChartBar {
  /** "Mon 2 Nov": the Monday of the week. */
  label: string;
  /** "2 Nov": the HTML chart's narrower label, under a "Week of" header, so the bar keeps room on a phone. */
  shortLabel: string;
  /** The shown amount: "41 of 63 min" done of planned, "plan 63 min" when not reported, "63 min" this week. */
  amount: string;
  /** Share of the largest week, 0 to 100, of the whole bar (the larger of planned and done): the widest is 100. */
  percent: number;
  /** The part of `percent` that was run, as they told us (0 when not reported); this week, the plan. */
  donePercent: number;
  /** False for a past week they did not tell us what they ran: its bar is the plan only. */
  reported: boolean;
  /** Set for the week being planned: it has a plan, not a report. */
  current: boolean;
  pain?: { score: number; zone: PainZone };
}

// The pain-monitoring zones (Thomeé 1997; Silbernagel 2007): 0–3 safe, 4–5 acceptable, above 5 too much.
export function painZone(score: number): PainZone {
  if (score <= 3) return 'low';
  if (score <= 5) return 'moderate';
  return 'high';
}

/** The legend, shared by both parts so a reader never needs the colours to read the chart. */
export const CHART_LEGEND =
  "The dark part of each bar is what you told us you ran; the pale part is the rest of that week's plan, " +
  "and a week you didn't tell us about shows only the plan. Pain is the score you gave your knee, out of 10: " +
  '0–3 is fine, 4–5 is okay if it settles by the next morning, above 5 is too much.';

/** The text part's bars: run, planned but not run (or not reported), and the empty rest of the row. */
const TEXT_DONE = '█';
const TEXT_PLANNED = '▒';
const TEXT_EMPTY = '░';

export const FIRST_WEEK_LINE =
  "This is your first week, so there's nothing to chart yet. From next week you'll see your weeks here, " +
  'side by side with how your knees felt.';

function checkedPain(score: number, weekStart: string): number {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`Pain score for ${weekStart} must be 0 to 10, got ${score}`);
  }
  return Math.round(score);
}

function checkedVolume(volume: number, weekStart: string): number {
  if (!Number.isFinite(volume) || volume < 0) {
    throw new RangeError(`Volume for ${weekStart} must be a number of 0 or more, got ${volume}`);
  }
  return volume;
}

/**
 * The bars: the last seven past weeks (oldest first) and this week's shown total. Widths are shares of the
 * largest week (planned or done), so the tallest week always fills the row and the rest compare with it.
 */
export function chartBars(
  history: readonly VolumePoint[],
  current: { weekStart: string; volume: number },
  unit: Unit,
): ChartBar[] {
  const past = history.slice(-(CHART_WEEKS - 1)).map((p) => ({
    ...p,
    planned: checkedVolume(p.planned, p.weekStart),
    ...(p.done === undefined ? {} : { done: checkedVolume(p.done, p.weekStart) }),
  }));
  const size = (p: { planned: number; done?: number }) => Math.max(p.planned, p.done ?? 0);
  const max = Math.max(0, ...past.map(size), checkedVolume(current.volume, current.weekStart));
  const share = (volume: number) => (max > 0 ? Math.round((volume / max) * 100) : 0);
  const label = (weekStart: string) => ({
    label: formatDate(weekStart),
    shortLabel: formatDate(weekStart).slice(4),
  });
  const bars: ChartBar[] = past.map((point) => {
    const pain = point.painScore === undefined ? undefined : checkedPain(point.painScore, point.weekStart);
    const reported = point.done !== undefined;
    return {
      ...label(point.weekStart),
      amount: reported
        ? formatDoneOfPlanned(point.done ?? 0, point.planned, unit)
        : point.planned > 0
          ? `plan ${formatAmount(point.planned, unit)}`
          : 'rest week',
      percent: share(size(point)),
      donePercent: reported ? share(point.done ?? 0) : 0,
      reported,
      current: false,
      ...(pain === undefined ? {} : { pain: { score: pain, zone: painZone(pain) } }),
    };
  });
  const now = share(current.volume);
  bars.push({
    ...label(current.weekStart),
    amount: formatAmount(current.volume, unit),
    percent: now,
    donePercent: now,
    reported: false,
    current: true,
  });
  return bars;
}

function painLabel(bar: ChartBar): string {
  if (bar.current) return bar.percent > 0 ? 'this week (plan)' : 'this week (rest)';
  return bar.pain === undefined ? 'no pain score' : `pain ${bar.pain.score}/10`;
}

// Text colours dark enough for 4.5:1 contrast on white; the words carry the meaning either way.
const PAIN_COLOUR: Record<PainZone, string> = { low: '#1d6b38', moderate: '#8a5300', high: '#b3261e' };
const BAR_PAST = '#4f8f63';
const BAR_PLANNED = '#cfe3d4';
const BAR_CURRENT = '#1d5e3a';
const BAR_TRACK = '#eef2ee';

const HEAD = 'padding:0 0 4px;font-size:12px;line-height:16px;font-weight:400;color:#52606d;';
const CELL = 'padding:4px 0;font-size:14px;line-height:18px;vertical-align:middle;';
// A cell that is only colour: Outlook needs some content and a fixed line height to draw it.
const BLOCK = 'height:14px;font-size:1px;line-height:14px;mso-line-height-rule:exactly;';

function segment(width: number, colour: string): SafeHtml {
  return width > 0
    ? html`<td width="${width}%" style="width:${width}%;background-color:${colour};${BLOCK}">&nbsp;</td>`
    : SafeHtml.empty;
}

function barHtml(bar: ChartBar): SafeHtml {
  const done = segment(bar.donePercent, bar.current ? BAR_CURRENT : BAR_PAST);
  const planned = segment(bar.percent - bar.donePercent, BAR_PLANNED);
  const rest = segment(100 - bar.percent, BAR_TRACK);
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;"><tr>${done}${planned}${rest}</tr></table>`;
}

function painHtml(bar: ChartBar): SafeHtml {
  // The row of this week already says "This week"; the pain column says what kind of week it is.
  const label = bar.current ? (bar.percent > 0 ? 'plan' : 'rest') : painLabel(bar);
  if (bar.pain === undefined) return html`<span style="color:#52606d;">${label}</span>`;
  return html`<span style="color:${PAIN_COLOUR[bar.pain.zone]};font-weight:700;">${label}</span>`;
}

/** The chart as a table of tables: no images, SVG, flex or grid, so Gmail, Outlook and Apple Mail agree. */
export function chartHtml(bars: readonly ChartBar[]): SafeHtml {
  if (bars.length < 2) return html`<p style="margin:0;">${FIRST_WEEK_LINE}</p>`;
  const rows = bars.map((bar) => {
    const weight = bar.current ? 'font-weight:700;' : '';
    // The bar cell takes all the width the nowrap text cells leave, so bars stay comparable on any screen.
    return html`<tr class="chart-row"><th scope="row" style="${CELL}${weight}padding-right:8px;text-align:left;white-space:nowrap;">${bar.current ? 'This week' : bar.shortLabel}</th><td width="100%" style="${CELL}width:100%;">${barHtml(bar)}</td><td style="${CELL}${weight}padding-left:8px;text-align:right;white-space:nowrap;">${bar.amount}</td><td style="${CELL}padding-left:10px;text-align:left;white-space:nowrap;">${painHtml(bar)}</td></tr>`;
  });
  // A real data table (headers, no presentation role), so a screen reader reads week, total and pain together.
  const head = html`<tr><th scope="col" style="${HEAD}text-align:left;">Week of</th><td style="${HEAD}"></td><th scope="col" style="${HEAD}text-align:right;">Ran of plan</th><th scope="col" style="${HEAD}padding-left:10px;text-align:left;">Knee</th></tr>`;
  return html`<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">${head}${rows}</table><p style="margin:10px 0 0;font-size:13px;line-height:18px;color:#3e4c59;">${CHART_LEGEND}</p>`;
}

/** The chart as lines of the plain-text part: `Mon 2 Nov   ████████████░░░░░░░░  62 min  pain 3/10`. */
export function chartText(bars: readonly ChartBar[]): string[] {
  if (bars.length < 2) return wrapText(FIRST_WEEK_LINE, TEXT_WIDTH);
  const amountWidth = Math.max(...bars.map((b) => b.amount.length));
  const rows = bars.map((bar) => {
    const whole = Math.round((bar.percent / 100) * TEXT_BAR);
    const done = Math.min(whole, Math.round((bar.donePercent / 100) * TEXT_BAR));
    const line = `${TEXT_DONE.repeat(done)}${TEXT_PLANNED.repeat(whole - done)}${TEXT_EMPTY.repeat(TEXT_BAR - whole)}`;
    return `  ${bar.label.padEnd(10)}  ${line}  ${bar.amount.padStart(amountWidth)}  ${painLabel(bar)}`;
  });
  return [...rows, '', ...wrapText(CHART_LEGEND, TEXT_WIDTH)];
}
