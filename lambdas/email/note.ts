// Short notes from the coach (reply acknowledgments, the email sign-up link): one MJML layout, filled safely.
import { html, SafeHtml } from '#lambdas/html';
import { noteHtml } from './compiled/templates.generated';
import { wrapText } from './format';
import { checkedUrl, footerOf, footerText, preferencesFooterHtml } from './shared';
import { fillTemplate, parseTemplate } from './template';
import type { Operator, RenderedEmail } from './types';

const NOTE = /* @__PURE__ */ parseTemplate('note', noteHtml);

export interface NoteEmailInput {
  subject: string;
  preheader: string;
  heading: string;
  /** Plain sentences, one paragraph each; escaped on the way in. */
  paragraphs: string[];
  button?: { url: string; label: string };
  /** Why they got this email, in the footer. */
  footerNote: string;
  /** The subscriber's signed preferences page; only subscribers get one (not an email sign-up's first note). */
  preferencesUrl?: string;
  /** Present for subscribers: every email to them carries a one-click way out. */
  unsubscribeUrl?: string;
  operator: Operator;
}

const BUTTON_STYLE =
  'display:inline-block;background:#1f6f4a;color:#ffffff;padding:12px 22px;border-radius:6px;text-decoration:none;font-weight:600;';

export function renderNoteEmail(input: NoteEmailInput): RenderedEmail {
  const footer = footerOf(input.operator);
  const url = input.button ? checkedUrl(input.button.url, 'button url') : undefined;
  const unsubscribeUrl = input.unsubscribeUrl
    ? checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl')
    : undefined;
  const paragraphs = html`${input.paragraphs.map((p) => html`<p style="margin:0 0 12px;">${p}</p>`)}`;
  const button =
    input.button && url
      ? html`<a href="${url}" style="${BUTTON_STYLE}">${input.button.label}</a>`
      : SafeHtml.empty;
  const htmlPart = fillTemplate(NOTE, {
    subject: input.subject,
    preheader: input.preheader,
    heading: input.heading,
    paragraphs,
    button,
    footerNote: html`${input.footerNote}${preferencesFooterHtml(input.preferencesUrl)}${
      unsubscribeUrl
        ? html` <a href="${unsubscribeUrl}" style="color:#1d5e3a;">Unsubscribe</a> with one click.`
        : SafeHtml.empty
    }`,
    operatorName: footer.name,
    operatorAddress: footer.address,
  });
  const text = [
    input.heading,
    '',
    ...input.paragraphs.flatMap((p) => [...wrapText(p, 76), '']),
    ...(input.button && url ? [`${input.button.label}: ${url}`, ''] : []),
    ...footerText(footer, input.footerNote, input.preferencesUrl).flatMap((line, i) =>
      i === 1 && unsubscribeUrl ? [line, `Unsubscribe: ${unsubscribeUrl}`] : [line],
    ),
  ].join('\n');
  return { subject: input.subject, html: htmlPart, text: `${text}\n` };
}
