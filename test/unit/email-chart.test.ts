// The "your weeks so far" chart: bar count and widths, done against planned, pain text and zone colours, the
// first-week line.
import { describe, expect, it } from 'vitest';
import { CHART_LEGEND, chartBars, chartHtml, chartText, FIRST_WEEK_LINE, painZone } from '#email/chart';
import { addDays } from '#email/format';
import type { VolumePoint } from '#email/types';

const THIS_WEEK = '2026-11-30';

/**
 * Seven past weeks, oldest first: planned 62 to 80 min; what was run where they told us (all but 9 Nov),
 * with a pain score on all but 9 Nov.
 */
const PLANNED = [62, 64, 66, 60, 70, 75, 80];
const DONE = [62, 48, 66, 40, undefined, 75, 80];
function history(): VolumePoint[] {
  const pains = [3, 2, 4, 6, undefined, 5, 0];
  return PLANNED.map((planned, i) => ({
    weekStart: addDays(THIS_WEEK, (i - 7) * 7),
    planned,
    ...(DONE[i] === undefined ? {} : { done: DONE[i] }),
    ...(pains[i] === undefined ? {} : { painScore: pains[i] }),
  }));
}

/** The coloured cells of one bar, as [width, colour]. */
function segmentsOf(bar: string): [number, string][] {
  return [...bar.matchAll(/<td width="(\d+)%" style="width:\d+%;background-color:(#[0-9a-f]{6})/g)].map(
    (m) => [Number(m[1]), m[2] as string],
  );
}

/** The chart's data rows as {label, percent of the filled cell, amount, pain text and its colour}. */
function rowsOf(html: string) {
  return [...html.matchAll(/<tr class="chart-row">(.*?)<\/tr><\/table><\/td>(.*?)<\/tr>/g)].map((m) => {
    const [, bar = '', rest = ''] = m;
    return {
      label: /<th scope="row"[^>]*>([^<]*)<\/th>/.exec(bar)?.[1],
      percent: Number(
        /<td width="(\d+)%" style="width:\d+%;background-color:#(?!eef2ee)/.exec(bar)?.[1] ?? 0,
      ),
      amount: /<td[^>]*>([^<]*)<\/td>/.exec(rest)?.[1],
      pain: /<span style="color:(#[0-9a-f]{6});[^"]*">([^<]*)<\/span>/.exec(rest)?.slice(1),
    };
  });
}

describe('progress chart', () => {
  const bars = chartBars(history(), { weekStart: THIS_WEEK, volume: 82 }, 'min');
  const html = chartHtml(bars).value;
  const text = chartText(bars);

  it('shows seven past weeks and this week: eight bars, this week last and marked as the plan', () => {
    // Assess
    expect(bars).toHaveLength(8);
    expect(rowsOf(html)).toHaveLength(8);
    expect(bars.map((b) => b.label)).toEqual([
      'Mon 12 Oct',
      'Mon 19 Oct',
      'Mon 26 Oct',
      'Mon 2 Nov',
      'Mon 9 Nov',
      'Mon 16 Nov',
      'Mon 23 Nov',
      'Mon 30 Nov',
    ]);
    expect(rowsOf(html).map((r) => r.label)).toEqual([
      '12 Oct',
      '19 Oct',
      '26 Oct',
      '2 Nov',
      '9 Nov',
      '16 Nov',
      '23 Nov',
      'This week',
    ]);
    expect(rowsOf(html).at(-1)).toMatchObject({ amount: '82 min', percent: 100 });
    expect(html).toMatch(/<span style="color:#52606d;">plan<\/span><\/td><\/tr><\/table>/);
    expect(text).toContain('  Mon 30 Nov  ████████████████████        82 min  this week (plan)');
    expect(text.filter((l) => l.startsWith('  Mon '))).toHaveLength(8);
  });

  it('draws widths in proportion to the largest week, which fills the row', () => {
    // Assess
    const share = (v: number) => Math.round((v / 82) * 100);
    expect(bars.map((b) => b.percent)).toEqual([...PLANNED, 82].map(share));
    expect(bars.map((b) => b.donePercent)).toEqual([...DONE.map((v) => share(v ?? 0)), 100]);
    expect(Math.max(...rowsOf(html).map((r) => r.percent))).toBe(100);
    // Filled and empty parts of each bar add up to the whole row.
    for (const [, bar = ''] of html.matchAll(/<tr class="chart-row">(.*?)<\/table>/g)) {
      const widths = [...bar.matchAll(/<td width="(\d+)%" style="width:\d+%;background-color/g)].map((m) =>
        Number(m[1]),
      );
      expect(widths.reduce((a, b) => a + b, 0)).toBe(100);
    }
  });

  it('shows what was run against the plan: the done part dark, the rest of the plan pale, words beside', () => {
    // Assess
    expect(bars.map((b) => b.amount)).toEqual([
      '62 of 62 min',
      '48 of 64 min',
      '66 of 66 min',
      '40 of 60 min',
      'plan 70 min',
      '75 of 75 min',
      '80 of 80 min',
      '82 min',
    ]);
    const rows = [...html.matchAll(/<tr class="chart-row">(.*?)<\/table>/g)].map((m) =>
      segmentsOf(m[1] ?? ''),
    );
    const share = (v: number) => Math.round((v / 82) * 100);
    // 19 Oct: 48 of 64 run, so a dark part for 48 and a pale part for the 16 not run.
    expect(rows[1]).toEqual([
      [share(48), '#4f8f63'],
      [share(64) - share(48), '#cfe3d4'],
      [100 - share(64), '#eef2ee'],
    ]);
    // 9 Nov: not reported, so only the plan, pale: nothing is drawn as run.
    expect(rows[4]).toEqual([
      [share(70), '#cfe3d4'],
      [100 - share(70), '#eef2ee'],
    ]);
    expect(text).toContain('  Mon 19 Oct  ████████████▒▒▒▒░░░░  48 of 64 min  pain 2/10');
    expect(text).toContain('  Mon 9 Nov   ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒░░░   plan 70 min  no pain score');
    expect(html).toContain('>Ran of plan</th>');
  });

  it('draws a week run beyond its plan at what was run, and says both', () => {
    // Act
    const more = chartBars(
      [{ weekStart: '2026-11-23', planned: 60, done: 80 }],
      { weekStart: THIS_WEEK, volume: 40 },
      'min',
    );

    // Assess
    expect(more[0]).toMatchObject({ amount: '80 of 60 min', percent: 100, donePercent: 100, reported: true });
  });

  it('gives every reported pain score as text, coloured by zone, and says when there was none', () => {
    // Assess
    const pains = rowsOf(html).map((r) => r.pain);
    expect(pains.slice(0, 4)).toEqual([
      ['#1d6b38', 'pain 3/10'],
      ['#1d6b38', 'pain 2/10'],
      ['#8a5300', 'pain 4/10'],
      ['#b3261e', 'pain 6/10'],
    ]);
    expect(pains[5]).toEqual(['#8a5300', 'pain 5/10']);
    expect(pains[6]).toEqual(['#1d6b38', 'pain 0/10']);
    expect(html).toContain('no pain score');
    expect(html).toContain(CHART_LEGEND.slice(0, 40));
    expect(text).toContain('  Mon 12 Oct  ███████████████░░░░░  62 of 62 min  pain 3/10');
    expect(text).toContain('  Mon 9 Nov   ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒░░░   plan 70 min  no pain score');
  });

  it.each([
    [0, 'low'],
    [3, 'low'],
    [4, 'moderate'],
    [5, 'moderate'],
    [6, 'high'],
    [10, 'high'],
  ] as const)('pain %i is in the %s zone', (score, zone) => {
    expect(painZone(score)).toBe(zone);
  });

  it('keeps only the last seven history points', () => {
    // Prepare
    const long = [{ weekStart: addDays(THIS_WEEK, -56), planned: 500, done: 500 }, ...history()];

    // Act
    const shown = chartBars(long, { weekStart: THIS_WEEK, volume: 82 }, 'min');

    // Assess
    expect(shown).toHaveLength(8);
    expect(shown[0]?.label).toBe('Mon 12 Oct');
    expect(shown.at(-1)?.percent).toBe(100);
  });

  it('shows a friendly line instead of an empty chart in a first week', () => {
    // Act
    const first = chartBars([], { weekStart: THIS_WEEK, volume: 60 }, 'min');

    // Assess
    expect(chartHtml(first).value).toBe(`<p style="margin:0;">${FIRST_WEEK_LINE.replace(/'/g, '&#39;')}</p>`);
    expect(chartText(first).join(' ')).toBe(FIRST_WEEK_LINE);
  });

  it('copes with a week of zero (a rest week) and km amounts', () => {
    // Act
    const rest = chartBars(
      [
        { weekStart: '2026-11-16', planned: 0, painScore: 5 },
        { weekStart: '2026-11-23', planned: 12.5, done: 0 },
      ],
      { weekStart: THIS_WEEK, volume: 0 },
      'km',
    );

    // Assess
    expect(rest.map((b) => [b.amount, b.percent, b.donePercent])).toEqual([
      ['rest week', 0, 0],
      ['0.0 of 12.5 km', 100, 0],
      ['0.0 km', 0, 0],
    ]);
    expect(chartHtml(rest).value).toContain('>rest</span>');
    expect(chartText(rest)).toContain('  Mon 30 Nov  ░░░░░░░░░░░░░░░░░░░░          0.0 km  this week (rest)');
    expect(chartHtml(rest).value).not.toMatch(/width="0%"/);
  });

  it('refuses a pain score outside 0 to 10', () => {
    expect(() =>
      chartBars(
        [{ weekStart: '2026-11-23', planned: 10, painScore: 11 }],
        { weekStart: THIS_WEEK, volume: 10 },
        'min',
      ),
    ).toThrow(RangeError);
  });

  it('refuses a volume that is not a number of 0 or more', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() =>
        chartBars(
          [{ weekStart: '2026-11-23', planned: 10, done: bad }],
          { weekStart: THIS_WEEK, volume: 10 },
          'min',
        ),
      ).toThrow(RangeError);
    }
  });
});
