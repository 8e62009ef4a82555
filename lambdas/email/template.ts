// The send-time fill: compiled HTML split once into static chunks, then joined with escaped values per email.
import { escapeHtml, SafeHtml } from '#lambdas/html';

// The HTML builder is shared with the api's pages; re-exported so the email modules keep one import.
export { escapeHtml, type HtmlValue, html, raw, SafeHtml } from '#lambdas/html';

/** A compiled template: `{{name}}` slots take escaped text, `{{{name}}}` slots take SafeHtml. */
export interface Template {
  readonly name: string;
  readonly chunks: readonly string[];
  readonly slots: readonly { readonly key: string; readonly raw: boolean }[];
  readonly keys: ReadonlySet<string>;
}

export type TemplateValues = Readonly<Record<string, string | SafeHtml>>;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{\{\s*([A-Za-z]\w*)\s*\}\}\}|\{\{\s*([A-Za-z]\w*)\s*\}\}/g;

export function parseTemplate(name: string, source: string): Template {
  const chunks: string[] = [];
  const slots: { key: string; raw: boolean }[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    chunks.push(source.slice(last, match.index));
    slots.push(match[1] ? { key: match[1], raw: true } : { key: match[2] ?? '', raw: false });
    last = match.index + match[0].length;
  }
  chunks.push(source.slice(last));
  const stray = chunks.find((c) => c.includes('{{'));
  if (stray !== undefined)
    throw new TemplateError(`Template ${name} has a malformed placeholder near "${stray}"`);
  const keys = new Set(slots.map((s) => s.key));
  for (const slot of slots) {
    if (slots.some((other) => other.key === slot.key && other.raw !== slot.raw)) {
      throw new TemplateError(`Template ${name} uses {{${slot.key}}} both escaped and raw`);
    }
  }
  return { name, chunks, slots, keys };
}

/** Fills every slot; a missing, unknown or mistyped value throws rather than reach a subscriber. */
export function fillTemplate(template: Template, values: TemplateValues): string {
  for (const key of Object.keys(values)) {
    if (!template.keys.has(key))
      throw new TemplateError(`Template ${template.name} has no placeholder {{${key}}}`);
  }
  const { chunks, slots } = template;
  let out = chunks[0] ?? '';
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as { key: string; raw: boolean };
    const value = values[slot.key];
    if (value === undefined) {
      throw new TemplateError(`Template ${template.name} has no value for {{${slot.key}}}`);
    }
    if (slot.raw !== value instanceof SafeHtml) {
      throw new TemplateError(
        `Template ${template.name}: {{${slot.raw ? `{${slot.key}}` : slot.key}}} needs ${slot.raw ? 'SafeHtml' : 'a string'}`,
      );
    }
    out += (value instanceof SafeHtml ? value.value : escapeHtml(value)) + (chunks[i + 1] ?? '');
  }
  return out;
}
