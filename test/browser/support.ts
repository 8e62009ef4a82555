// What the browser tests share: Chromium as CI installs it, a local stack on free ports, the mailbox and checks.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort } from '#lib/local/services';
import { type LocalStack, startLocalStack } from '#lib/local/stack';
import type { StoredEmail } from '#test/support/local';
import type { Log } from '#use-cases/deps';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Git-ignored: screenshots a person can look at after a run. */
export const RESULTS_DIR = join(ROOT, 'test-results');
/** Set to regenerate the README's screenshots under docs/ from this run. */
export const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1';
export const DOCS_DIR = join(ROOT, 'docs');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // As root the sandbox must be off; the rest keeps Chromium from reaching for a network CI does not have.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context whose waits fail within seconds with a message, instead of running into the test's timeout. */
export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  return context;
}

/** A quiet log that keeps its lines, so a failing test can show what the stack did. */
export function keptLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** The whole local stack in this process, on free ports, with its data in memory. */
export async function startStack(log: Log): Promise<LocalStack> {
  const ports = {
    api: await freePort(),
    mailbox: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    smtp: await freePort(),
  };
  return startLocalStack({ ports, log });
}

/** The emails the SES emulator has accepted for one address, oldest first. */
export async function mailbox(stack: LocalStack, to: string): Promise<StoredEmail[]> {
  const response = await fetch(`${stack.urls.mailbox}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.includes(to));
}

/** Waits for the `count`-th email to an address: sending may finish a moment after the page answers. */
export async function nthEmail(stack: LocalStack, to: string, count: number): Promise<StoredEmail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const emails = await mailbox(stack, to);
    const email = emails[count - 1];
    if (email) return email;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} email(s) to ${to}, got: ${emails.map((e) => e.subject).join(' | ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Shows an email's HTML part in the page, the way a mail client would. */
export async function openEmail(page: Page, email: StoredEmail): Promise<void> {
  if (!email.body.html) throw new Error(`the email "${email.subject}" has no HTML part`);
  await page.setContent(email.body.html, { waitUntil: 'load' });
}

/**
 * Clicks a link the way a person does and returns the page it opened: email buttons open a new tab
 * (`target="_blank"`), page links stay in the same one.
 */
export async function follow(context: BrowserContext, page: Page, name: string | RegExp): Promise<Page> {
  const link = page.getByRole('link', { name }).first();
  if ((await link.getAttribute('target')) === '_blank') {
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState();
    return opened;
  }
  await Promise.all([page.waitForNavigation(), link.click()]);
  return page;
}

/** The page's main heading, once it is there. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('h1').first();
  await h1.waitFor({ state: 'visible' });
  return (await h1.textContent())?.trim() ?? '';
}

/** Fails on any serious or critical accessibility violation axe finds, naming each with where it is. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(described, `accessibility of ${what}`).toEqual([]);
}

/**
 * Evaluates an expression in the page. Written as a string because the project's TypeScript has no DOM types
 * (its code runs in Node), and adding them would let browser globals slip into Lambda code unnoticed.
 */
export async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

/**
 * axe runs inside the page, so a page opened with JavaScript off is checked as a copy in a page with it on.
 * The copy is the very HTML the server sent; the page's own script changes nothing until a form is sent.
 */
export async function expectAccessibleWithoutScript(
  browser: Browser,
  page: Page,
  what: string,
): Promise<void> {
  const context = await newContext(browser);
  try {
    const copy = await context.newPage();
    await copy.setContent(await page.content(), { waitUntil: 'load' });
    await expectAccessible(copy, what);
  } finally {
    await context.close();
  }
}

/** Fails when the page scrolls sideways: at this width a person would have to pan to read it. */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await inPage<{ scrollWidth: number; innerWidth: number }>(
    page,
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  expect(scrollWidth, `${what} is wider than the ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

/** Writes one of the README's screenshots (only when asked: the committed files change only on purpose). */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (!UPDATE_DOCS) return;
  mkdirSync(DOCS_DIR, { recursive: true });
  const path = join(DOCS_DIR, `${name}.png`);
  const png = await page.screenshot({ path, fullPage: true });
  // The README loads these on every visit; a bigger file means the page changed shape, worth a look.
  expect(png.byteLength, `${path} size`).toBeLessThan(300 * 1024);
}

export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = join(RESULTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
