// Each persona's weekly email as a person sees it: opened in Chromium at a phone's and a laptop's width.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPersonas } from '#bin/personas';
import {
  docsScreenshot,
  expectNoHorizontalOverflow,
  inPage,
  launchChromium,
  ROOT,
  screenshot,
} from './support';

const run = promisify(execFile);
const PREVIEW_DIR = join(ROOT, 'preview');
const WIDTHS = [375, 800];
/** The README's phone-sized example: the runner building up from 60 minutes a week. */
const DOCS_PERSONA = 'beginner';

let browser: Browser;

beforeAll(async () => {
  // Exactly what `npm run preview` writes (the templates are compiled by `npm run test:browser` first).
  const [, launched] = await Promise.all([
    run(join(ROOT, 'node_modules/.bin/tsx'), ['bin/preview.ts'], { cwd: ROOT }),
    launchChromium(),
  ]);
  browser = launched;
});

afterAll(async () => {
  await browser?.close();
});

const cases = buildPersonas().flatMap((persona) => WIDTHS.map((width) => ({ id: persona.id, width })));

describe('the weekly email in a browser', () => {
  it.each(cases)('$id at $width px: fits the screen, shows the week and the chart', async ({ id, width }) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(pathToFileURL(join(PREVIEW_DIR, `${id}.html`)).href);

    await expectNoHorizontalOverflow(page, `the ${id} email`);
    // The day-by-day plan: a table with a row for each of the seven days.
    const week = page.locator('.week-table table');
    expect(await week.isVisible()).toBe(true);
    expect(await week.locator('th[scope="row"]').count()).toBe(7);
    // The chart of the weeks so far, this week's bar included.
    const bars = page.locator('tr.chart-row');
    expect(await bars.count()).toBeGreaterThan(1);
    expect(await bars.last().isVisible()).toBe(true);
    expect(await bars.last().textContent()).toMatch(/^This week/);
    // Every bar and the plan table sit inside the screen, not cut off at its edge.
    const rightEdges = await inPage<number[]>(
      page,
      "[...document.querySelectorAll('.week-table table, tr.chart-row')].map((el) => el.getBoundingClientRect().right)",
    );
    for (const right of rightEdges) expect(right).toBeLessThanOrEqual(width);

    // Issue 17: the beginner sees the intervals and the road ahead; the early race is said plainly.
    const body = ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
    if (id === 'from-zero') {
      expect(body).toMatch(/Walk-run: \d+ min of running: 5 min brisk walk, then \d+ × \(/);
      expect(body).toMatch(/In 6 weeks: /);
    }
    if (id === 'early-race') {
      expect(body).toMatch(
        /Ready around \d+ \w+ 2027: your race on 3 January 2027 comes early; run-walk it, choose the 10K, or pick a later race/,
      );
    }

    await screenshot(page, 'emails', `${id}-${width}`);
    if (id === DOCS_PERSONA && width === 375) await docsScreenshot(page, 'weekly-email-phone');
    await page.close();
  });
});
