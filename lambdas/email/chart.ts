// The "your weeks so far" chart: recent weekly volume with the knee's pain score, as HTML tables and as text.
import type { Unit } from '#domain/types';
import { html, SafeHtml } from '#lambdas/html';
import { formatAmount, formatDate, wrapText } from './format';
import type { VolumePoint } from './types';

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
  /** The shown amount, e.g. "62 min". */
  amount: string;
  /** Share of the largest week, 0 to 100: the widest bar is 100. */
  percent: number;
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
  "Each bar is what you ran that week (or the plan, if you didn't tell us). Pain is the score you gave " +
  'your knee, out of 10: 0–3 is fine, 4–5 is okay if it settles by the next morning, above 5 is too much.';

export const FIRST_WEEK_LINE =
  "This is your first week, so there's nothing to chart yet. From next week you'll see your weeks here, " +
  'side by side with how your knees felt.';

function checkedPain(score: number, weekStart: string): number {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`Pain score for ${weekStart} must be 0 to 10, got ${score}`);
  }
  return Math.round(score);
}

/**
 * The bars: the last seven history points (oldest first) and this week's shown total. Widths are shares of
 * the largest week, so the tallest week always fills the row and the rest compare with it.
 */
export function chartBars(
  history: readonly VolumePoint[],
  current: { weekStart: string; volume: number },
  unit: Unit,
): ChartBar[] {
  const points: VolumePoint[] = [...history.slice(-(CHART_WEEKS - 1)), current];
  const max = Math.max(0, ...points.map((p) => p.volume));
  return points.map((point, i) => {
    const isCurrent = i === points.length - 1;
    const pain =
      !isCurrent && point.painScore !== undefined ? checkedPain(point.painScore, point.weekStart) : undefined;
    return {
      label: formatDate(point.weekStart),
      shortLabel: formatDate(point.weekStart).slice(4),
      amount: formatAmount(point.volume, unit),
      percent: max > 0 ? Math.round((point.volume / max) * 100) : 0,
      current: isCurrent,
      ...(pain === undefined ? {} : { pain: { score: pain, zone: painZone(pain) } }),
    };
  });
}

function painLabel(bar: ChartBar): string {
  if (bar.current) return bar.percent > 0 ? 'this week (plan)' : 'this week (rest)';
  return bar.pain === undefined ? 'no pain score' : `pain ${bar.pain.score}/10`;
}

// Text colours dark enough for 4.5:1 contrast on white; the words carry the meaning either way.
const PAIN_COLOUR: Record<PainZone, string> = { low: '#1d6b38', moderate: '#8a5300', high: '#b3261e' };
const BAR_PAST = '#8fbf9c';
const BAR_CURRENT = '#1d5e3a';
const BAR_TRACK = '#eef2ee';

const HEAD = 'padding:0 0 4px;font-size:12px;line-height:16px;font-weight:400;color:#52606d;';
const CELL = 'padding:4px 0;font-size:14px;line-height:18px;vertical-align:middle;';
// A cell that is only colour: Outlook needs some content and a fixed line height to draw it.
const BLOCK = 'height:14px;font-size:1px;line-height:14px;mso-line-height-rule:exactly;';

function barHtml(bar: ChartBar): SafeHtml {
  const fill = bar.current ? BAR_CURRENT : BAR_PAST;
  const filled =
    bar.percent > 0
      ? html`<td width="${bar.percent}%" style="width:${bar.percent}%;background-color:${fill};${BLOCK}">&nbsp;</td>`
      : SafeHtml.empty;
  const rest =
    bar.percent < 100
      ? html`<td width="${100 - bar.percent}%" style="width:${100 - bar.percent}%;background-color:${BAR_TRACK};${BLOCK}">&nbsp;</td>`
      : SafeHtml.empty;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;"><tr>${filled}${rest}</tr></table>`;
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
  const head = html`<tr><th scope="col" style="${HEAD}text-align:left;">Week of</th><td style="${HEAD}"></td><th scope="col" style="${HEAD}text-align:right;">Total</th><th scope="col" style="${HEAD}padding-left:10px;text-align:left;">Knee</th></tr>`;
  return html`<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">${head}${rows}</table><p style="margin:10px 0 0;font-size:13px;line-height:18px;color:#3e4c59;">${CHART_LEGEND}</p>`;
}

/** The chart as lines of the plain-text part: `Mon 2 Nov   ████████████░░░░░░░░  62 min  pain 3/10`. */
export function chartText(bars: readonly ChartBar[]): string[] {
  if (bars.length < 2) return wrapText(FIRST_WEEK_LINE, TEXT_WIDTH);
  const amountWidth = Math.max(...bars.map((b) => b.amount.length));
  const rows = bars.map((bar) => {
    const filled = Math.round((bar.percent / 100) * TEXT_BAR);
    const line = `${'█'.repeat(filled)}${'░'.repeat(TEXT_BAR - filled)}`;
    return `  ${bar.label.padEnd(10)}  ${line}  ${bar.amount.padStart(amountWidth)}  ${painLabel(bar)}`;
  });
  return [...rows, '', ...wrapText(CHART_LEGEND, TEXT_WIDTH)];
}
