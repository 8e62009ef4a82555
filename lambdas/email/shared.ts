// What every email shares: links checked before they reach a subscriber, and the footer in both parts.
import { html, SafeHtml } from '#lambdas/html';
import { cleanText } from './format';
import type { Operator } from './types';

const EDUCATION = 'What we send is education, not medical advice.';

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
