// What the email layer needs to turn a plan (or a confirmation) into a sendable message.
import type { Preferences, WeekPlan } from '../domain/types';

export interface Operator {
  /** Who sends the coach's emails, shown in every footer. */
  name: string;
  /** Postal address shown in every footer (bulk-sender rules). */
  postalAddress: string;
}

export interface Attachment {
  fileName: string;
  contentType: string;
  /** Raw bytes of the attachment. */
  content: Uint8Array;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments?: Attachment[];
}

export interface ConfirmationEmailInput {
  confirmUrl: string;
  preferences: Preferences;
  operator: Operator;
}

export interface WeeklyPlanEmailInput {
  plan: WeekPlan;
  /** IANA zone; dates and weekdays are shown in it. */
  timeZone: string;
  unsubscribeUrl: string;
  operator: Operator;
}
