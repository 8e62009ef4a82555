// A person's whole journey in Chromium against the local stack: sign up, confirm, change units, unsubscribe, erase.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { LocalStack } from '#lib/local/stack';
import {
  docsScreenshot,
  expectAccessible,
  expectAccessibleWithoutScript,
  expectNoHorizontalOverflow,
  follow,
  heading,
  inPage,
  keptLog,
  launchChromium,
  mailbox,
  newContext,
  nthEmail,
  openEmail,
  screenshot,
  startStack,
} from './support';

const DAY_MS = 24 * 3600 * 1000;
const log = keptLog();
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(log), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a subscriber in a real browser', () => {
  it('subscribes, confirms, changes units from a plan email, unsubscribes and erases, on a 320 px phone', async () => {
    onTestFailed(() => console.log(log.lines.join('\n')));
    const context = await newContext(browser, {
      viewport: { width: 320, height: 640 },
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    const email = 'ana@example.com';

    // The first thing a person sees: what the coach does, then the form, with their time zone filled in.
    await page.goto(stack.urls.api);
    expect(await heading(page)).toBe('A running coach that looks after your knees');
    await page.getByRole('heading', { name: 'Why it is gentle on knees' }).waitFor();
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/Berlin');
    await expectNoHorizontalOverflow(page, 'the landing page');
    await expectAccessible(page, 'the landing page');
    await screenshot(page, 'pages', 'subscribe-320');

    // A typo in the address: the message appears next to the field, the rest is kept, focus goes to the summary.
    await page.getByLabel('Your email address').fill('ana@example');
    await page.getByLabel('Amount').fill('90');
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.locator('#email-error').textContent()).toBe(
      'Your email address must be a valid email address such as ana@example.com.',
    );
    expect(await inPage(page, 'document.activeElement?.id')).toBe('error-summary');
    expect(await page.getByLabel('Amount').inputValue()).toBe('90');
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/Berlin');
    expect(await mailbox(stack, email)).toEqual([]);
    await expectNoHorizontalOverflow(page, 'the form with an error');
    await expectAccessible(page, 'the form with an error');
    await screenshot(page, 'pages', 'subscribe-error-320');

    // Fixed: the neutral answer.
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Sign me up' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(await page.getByText('a confirmation email is on its way').count()).toBe(1);
    await expectAccessible(page, 'the check-your-inbox page');

    // The confirmation email, from the SES emulator; its button opens a page with one button, which changes
    // nothing until pressed (link scanners open links too, but press no buttons).
    const confirmation = await nthEmail(stack, email, 1);
    expect(confirmation.subject).toMatch(/confirm/i);
    await openEmail(page, confirmation);
    const confirmed = await follow(context, page, 'Confirm my plan');
    expect(await heading(confirmed)).toBe('Confirm your subscription');
    expect(await confirmed.getByRole('button').count()).toBe(1);
    await expectNoHorizontalOverflow(confirmed, 'the confirm button page');
    await expectAccessible(confirmed, 'the confirm button page');
    await screenshot(confirmed, 'pages', 'confirm-ask-320');
    expect(await mailbox(stack, email)).toHaveLength(1);
    await Promise.all([
      confirmed.waitForNavigation(),
      confirmed.getByRole('button', { name: 'Confirm my subscription' }).click(),
    ]);
    expect(await heading(confirmed)).toBe("You're in");
    await confirmed.getByText('Your subscription is confirmed.').waitFor();
    await expectNoHorizontalOverflow(confirmed, 'the confirm page');
    await expectAccessible(confirmed, 'the confirm page');
    await screenshot(confirmed, 'pages', 'confirmed-320');

    // The first plan email, in minutes; its preferences link opens the form filled in with the sign-up.
    const firstPlan = await nthEmail(stack, email, 2);
    expect(firstPlan.subject).toMatch(/^Week 1: .* min\b/);
    await openEmail(page, firstPlan);
    const preferences = await follow(context, page, 'Your preferences');
    expect(await heading(preferences)).toBe('Your preferences');
    expect(await preferences.getByLabel('Units').inputValue()).toBe('min');
    await expectNoHorizontalOverflow(preferences, 'the preferences page');
    await expectAccessible(preferences, 'the preferences page');
    await screenshot(preferences, 'pages', 'preferences-320');

    await preferences.getByLabel('Units').selectOption({ label: 'kilometres' });
    await preferences.getByRole('button', { name: 'Save my preferences' }).click();
    expect(await heading(preferences)).toBe('Saved');
    await preferences.getByText(/your next plan arrives .* \(Europe\/Berlin time\)/).waitFor();
    await expectAccessible(preferences, 'the saved page');

    // The next plan uses kilometres, in the subject and in the week's table.
    const report = await stack.runWeek(new Date(Date.now() + 15 * DAY_MS));
    expect(report.sent).toBe(1);
    const secondPlan = await nthEmail(stack, email, 3);
    expect(secondPlan.subject).toMatch(/^Week 2: .*\d km\b/);
    await openEmail(page, secondPlan);
    const weekTable = page.locator('.week-table table');
    expect(await weekTable.isVisible()).toBe(true);
    expect(await weekTable.textContent()).toMatch(/run: \d+(\.\d)? km/);
    expect(await weekTable.textContent()).not.toMatch(/run: \d+ min/);

    // Unsubscribe: the link shows one button; pressing it stops everything.
    const ask = await follow(context, page, /^Unsubscribe$/);
    expect(await heading(ask)).toBe('Unsubscribe?');
    await expectNoHorizontalOverflow(ask, 'the unsubscribe page');
    await expectAccessible(ask, 'the unsubscribe page');
    await screenshot(ask, 'pages', 'unsubscribe-320');
    await ask.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await heading(ask)).toBe("You're unsubscribed");
    await expectAccessible(ask, 'the unsubscribed page');
    expect((await stack.runWeek(new Date(Date.now() + 40 * DAY_MS))).sent).toBe(0);
    expect(await mailbox(stack, email)).toHaveLength(3);

    // Their data, from the same preferences link: a download, then erasure after one more press.
    await openEmail(page, secondPlan);
    const data = await follow(context, page, 'Your preferences');
    expect(await heading(data)).toBe("You're not getting plans right now");
    await expectAccessible(data, 'the not-subscribed page');
    const [download] = await Promise.all([
      data.waitForEvent('download'),
      data.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('knee-coach-data.json');
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported.subscriber).toMatchObject({ email, status: 'unsubscribed' });

    await Promise.all([data.waitForNavigation(), data.getByRole('link', { name: 'Delete my data' }).click()]);
    expect(await heading(data)).toBe('Delete your data?');
    await expectNoHorizontalOverflow(data, 'the erase page');
    await expectAccessible(data, 'the erase page');
    await screenshot(data, 'pages', 'erase-320');
    await data.getByRole('button', { name: 'Delete my data' }).click();
    expect(await heading(data)).toBe('Your data is deleted');
    await expectAccessible(data, 'the erased page');

    await context.close();
  });

  it('works from the keyboard alone: tab through the form in order, then submit with Enter', async () => {
    onTestFailed(() => console.log(log.lines.join('\n')));
    const context = await newContext(browser, {
      viewport: { width: 1000, height: 900 },
      timezoneId: 'America/New_York',
    });
    const page = await context.newPage();
    await page.goto(stack.urls.api);
    await heading(page);
    await docsScreenshot(page, 'subscribe-page');
    await screenshot(page, 'pages', 'subscribe-desktop');

    const focused = () =>
      inPage<string>(page, "document.activeElement?.id || document.activeElement?.textContent?.trim() || ''");
    const order: string[] = [];
    const typed: Record<string, string> = {
      email: 'sam@example.com',
      weeklyVolume: '25',
      unit: 'k', // a closed select picks the option whose label starts with what is typed
      runDays: '4',
      sendDay: 'mo',
      sendHour: '07',
    };
    // Tab until the button (a date field takes one Tab per part in Chromium: counted once below).
    for (let i = 0; i < 30 && order.at(-1) !== 'Sign me up'; i++) {
      await page.keyboard.press('Tab');
      const id = await focused();
      if (id !== order.at(-1)) order.push(id);
      const keys = typed[id];
      if (keys) await page.keyboard.type(keys);
    }
    expect(order).toEqual([
      'Knee Coach',
      'email',
      'weeklyVolume',
      'unit',
      'start',
      'goalDistance',
      'goalKm',
      'goalDate',
      'runDays',
      'sendDay',
      'sendHour',
      'timeZone',
      'Sign me up',
    ]);
    // The button shows where focus is.
    const outline = await inPage(page, 'getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    // Focus lands on the news, so a screen reader reads it next.
    expect(await inPage(page, 'document.activeElement?.tagName')).toBe('H1');

    // What went out is what was typed: the confirmation email repeats it.
    const confirmation = await nthEmail(stack, 'sam@example.com', 1);
    expect(confirmation.body.text).toContain('25.0 km');
    expect(confirmation.body.text).toMatch(/Monday/);
    expect(confirmation.body.text).toContain('07:00');
    expect(confirmation.body.text).toContain('America/New_York');
    await context.close();
  });

  it('works without JavaScript: the server names each problem next to its field and keeps what was typed', async () => {
    onTestFailed(() => console.log(log.lines.join('\n')));
    const context = await newContext(browser, {
      viewport: { width: 320, height: 640 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(stack.urls.api);
    await heading(page);
    // Nothing fills the time zone without the script; the person types it.
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('');

    await page.getByLabel('Your email address').fill('lee@example.com');
    await page.getByLabel('Amount').fill('lots');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign me up' }).click()]);

    expect(await page.title()).toBe('Please check the form · Knee Coach');
    expect(await page.locator('#weeklyVolume-error').textContent()).toBe(
      'Your weekly running must be a number, for example 90 or 12.5.',
    );
    expect(await page.locator('#timeZone-error').textContent()).toBe(
      'Please enter your time zone, for example Europe/Berlin.',
    );
    expect(await page.locator('#email-error').count()).toBe(0);
    expect(await page.getByLabel('Your email address').inputValue()).toBe('lee@example.com');
    expect(await page.getByLabel('Amount').inputValue()).toBe('lots');
    expect(await inPage(page, 'document.activeElement?.id')).toBe('error-summary');
    await expectNoHorizontalOverflow(page, 'the form with errors, without JavaScript');
    await expectAccessibleWithoutScript(browser, page, 'the form with errors, without JavaScript');

    await page.getByLabel('Amount').fill('20');
    await page.getByLabel('Unit').selectOption('km');
    await page.getByLabel('Your time zone').fill('Europe/Lisbon');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign me up' }).click()]);
    expect(await heading(page)).toBe('Check your inbox');
    const confirmation = await nthEmail(stack, 'lee@example.com', 1);
    expect(confirmation.body.text).toContain('20.0 km');
    await context.close();
  });
});
