// The "your weeks so far" chart: bar count and widths, pain text and zone colours, the first-week line.
import { describe, expect, it } from 'vitest';
import { CHART_LEGEND, chartBars, chartHtml, chartText, FIRST_WEEK_LINE, painZone } from '#email/chart';
import { addDays } from '#email/format';
import type { VolumePoint } from '#email/types';

const THIS_WEEK = '2026-11-30';

/** Seven past weeks, oldest first, 62 to 80 min, with a pain score on all but one. */
function history(): VolumePoint[] {
  const volumes = [62, 64, 66, 40, 70, 75, 80];
  const pains = [3, 2, 4, 6, undefined, 5, 0];
  return volumes.map((volume, i) => ({
    weekStart: addDays(THIS_WEEK, (i - 7) * 7),
    volume,
    ...(pains[i] === undefined ? {} : { painScore: pains[i] }),
  }));
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
    expect(text).toContain('  Mon 30 Nov  ████████████████████  82 min  this week (plan)');
    expect(text.filter((l) => l.startsWith('  Mon '))).toHaveLength(8);
  });

  it('draws widths in proportion to the largest week, which fills the row', () => {
    // Assess
    const expected = [62, 64, 66, 40, 70, 75, 80, 82].map((v) => Math.round((v / 82) * 100));
    expect(bars.map((b) => b.percent)).toEqual(expected);
    expect(rowsOf(html).map((r) => r.percent)).toEqual(expected);
    expect(Math.max(...rowsOf(html).map((r) => r.percent))).toBe(100);
    // Filled and empty parts of each bar add up to the whole row.
    for (const [, bar = ''] of html.matchAll(/<tr class="chart-row">(.*?)<\/table>/g)) {
      const widths = [...bar.matchAll(/<td width="(\d+)%" style="width:\d+%;background-color/g)].map((m) =>
        Number(m[1]),
      );
      expect(widths.reduce((a, b) => a + b, 0)).toBe(100);
    }
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
    expect(text).toContain('  Mon 12 Oct  ███████████████░░░░░  62 min  pain 3/10');
    expect(text).toContain('  Mon 9 Nov   █████████████████░░░  70 min  no pain score');
    expect(text).toContain('  Mon 30 Nov  ████████████████████  82 min  this week (plan)');
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
    const long = [{ weekStart: addDays(THIS_WEEK, -56), volume: 500 }, ...history()];

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
      [{ weekStart: '2026-11-23', volume: 0, painScore: 5 }],
      { weekStart: THIS_WEEK, volume: 0 },
      'km',
    );

    // Assess
    expect(rest.map((b) => [b.amount, b.percent])).toEqual([
      ['0.0 km', 0],
      ['0.0 km', 0],
    ]);
    expect(chartHtml(rest).value).toContain('>rest</span>');
    expect(chartText(rest)).toContain('  Mon 30 Nov  ░░░░░░░░░░░░░░░░░░░░  0.0 km  this week (rest)');
    expect(chartHtml(rest).value).not.toMatch(/width="0%"/);
  });

  it('refuses a pain score outside 0 to 10', () => {
    expect(() =>
      chartBars(
        [{ weekStart: '2026-11-23', volume: 10, painScore: 11 }],
        { weekStart: THIS_WEEK, volume: 10 },
        'min',
      ),
    ).toThrow(RangeError);
  });
});
