// What the email layer needs to turn a plan (or a confirmation) into a sendable message.
import type { Preferences, WeekPlan } from '#domain/types';
import type { PastWeek } from './last-week';

export type { PastWeek, VolumePoint } from './last-week';

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
  /** Local hour the subscriber usually runs: calendar events start then. */
  runHour: number;
  /**
   * Up to the 7 weeks before this plan, oldest first, with what they told us of each: the chart shows them
   * and this week, and the week just before gives the "Last week" line.
   */
  history: PastWeek[];
  unsubscribeUrl: string;
  /** The subscriber's signed preferences page (send day, units, pause, their data), linked in the footer. */
  preferencesUrl?: string;
  operator: Operator;
  /** When the email is made: the calendar attachment's DTSTAMP. Defaults to the current time. */
  now?: Date;
}
