// The emails the coach sends, rendered ready to send (subject, HTML, text); one import for the use cases.
export { CONFIRMATION_SUBJECT, renderConfirmationEmail } from './confirmation-email';
export {
  checkedUrl,
  type Footer,
  footerOf,
  footerText,
  PREFERENCES_LABEL,
  preferencesFooterHtml,
} from './shared';
export { renderWeeklyPlanEmail } from './weekly-plan-email';
export { DECISION_HEADLINES, shownWeekTotal, weeklyPlanSubject } from './weekly-view';
