// The one email a sign-up gets before anything else: confirm the address, with what they told us.
import { html, SafeHtml } from '#lambdas/html';
import { confirmHtml } from './compiled/templates.generated';
import { cleanText, count, formatAmount, formatSendTime } from './format';
import { checkedUrl, footerOf, footerText } from './shared';
import { fillTemplate, parseTemplate } from './template';
import type { ConfirmationEmailInput, RenderedEmail } from './types';

// Split once per Lambda container; marked pure so a bundle that never sends a confirmation leaves it out.
const CONFIRM = /* @__PURE__ */ parseTemplate('confirm', confirmHtml);

export const CONFIRMATION_SUBJECT = 'Confirm your knee-friendly running plan';

// Inline styles, because Outlook and some webmail clients ignore styles in <head>.
const SUMMARY_HEAD = 'padding:6px 12px 6px 0;font-weight:700;text-align:left;vertical-align:top;';
const SUMMARY_CELL = 'padding:6px 0;text-align:left;vertical-align:top;';

const NOT_YOU = "If this wasn't you, ignore this email: nothing more will be sent to this address.";

export function renderConfirmationEmail(input: ConfirmationEmailInput): RenderedEmail {
  const { preferences: p } = input;
  const confirmUrl = checkedUrl(input.confirmUrl, 'confirmUrl');
  const footer = footerOf(input.operator);
  const preheader = 'One click and your first weekly plan is on its way.';
  const footerNote = 'You got this one email because this address was entered on our sign-up page.';
  const weeklyVolume = `${formatAmount(p.weeklyVolume, p.unit)} a week`;
  const runDays = `${count(p.runDays, 'day')} a week`;
  const sendTime = formatSendTime(p.sendDay, p.sendHour);
  const timeZone = cleanText(p.timeZone);
  const goal = p.goalVolume === undefined ? undefined : `${formatAmount(p.goalVolume, p.unit)} a week`;

  const htmlPart = fillTemplate(CONFIRM, {
    subject: CONFIRMATION_SUBJECT,
    preheader,
    confirmUrl,
    weeklyVolume,
    runDays,
    sendTime,
    timeZone,
    goalRow:
      goal === undefined
        ? SafeHtml.empty
        : html`<tr><th scope="row" style="${SUMMARY_HEAD}">Your goal</th><td style="${SUMMARY_CELL}">${goal}</td></tr>`,
    footerNote: html`${footerNote}`,
    operatorName: footer.name,
    operatorAddress: footer.address,
  });

  const summary: [string, string][] = [
    ['Running now', weeklyVolume],
    ['Days you can run', runDays],
    ['Your plan arrives', sendTime],
    ['Time zone', timeZone],
    ...(goal === undefined ? [] : [['Your goal', goal] as [string, string]]),
  ];
  const text = [
    CONFIRMATION_SUBJECT,
    '',
    'Thanks for signing up. Please confirm that this is your email address, and your first weekly plan',
    'will arrive on the day and hour you chose.',
    '',
    'Confirm my plan:',
    confirmUrl,
    '',
    'What you told us:',
    ...summary.map(([label, value]) => `  ${`${label}:`.padEnd(19)} ${value}`),
    '',
    NOT_YOU,
    '',
    ...footerText(footer, footerNote),
  ];
  return { subject: CONFIRMATION_SUBJECT, html: htmlPart, text: `${text.join('\n')}\n` };
}
