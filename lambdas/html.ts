// The one way to build HTML, for the api's pages and the emails alike: values are escaped unless already safe.

// Only this module holds the key, so nothing outside it can wrap an unescaped string as SafeHtml.
const KEY: unique symbol = Symbol('SafeHtml');

/**
 * HTML that is safe to insert as is. Only the `html` tag, `SafeHtml.empty` and `raw` make one, so every
 * fragment is built from escaped values by construction.
 */
export class SafeHtml {
  static readonly empty = new SafeHtml(KEY, '');

  constructor(
    key: typeof KEY,
    readonly value: string,
  ) {
    if (key !== KEY) throw new TypeError('SafeHtml comes from the html tag, not from new');
  }
}

// Braces are escaped too so a subscriber's text can never look like a template placeholder to a later pass.
const SPECIAL = /[&<>"'{}]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
};

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ENTITY[c] ?? c) : value;
}

/** What `html` takes: text and numbers are escaped, safe fragments (or lists of them) kept as they are. */
export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  let out = '';
  for (const item of value) out += item.value;
  return out;
}

/** Tagged template for fragments: interpolated strings are escaped, SafeHtml (or arrays of it) kept. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += toHtml(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(KEY, out);
}

/**
 * Trusts markup as it is, with no escaping. Only for HTML we wrote ourselves and no input reaches: the
 * build-time compiled email templates, the pages' stylesheet and the inline script the CSP allows by its
 * hash (escaping would change the bytes the hash covers). Each caller says why in a comment.
 */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(KEY, markup);
}
