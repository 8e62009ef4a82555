// What the email layer needs to turn a plan (or a confirmation) into a sendable message.
import type { Preferences, WeekPlan } from '#domain/types';

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

/** One bar of the progress chart: a past week's volume and, when reported, the knee's pain score. */
export interface VolumePoint {
  weekStart: string;
  /** What was run when reported, otherwise what was planned, in the plan's unit. */
  volume: number;
  painScore?: number;
}

export interface WeeklyPlanEmailInput {
  plan: WeekPlan;
  /** IANA zone; dates and weekdays are shown in it. */
  timeZone: string;
  /** Local hour the subscriber usually runs: calendar events start then. */
  runHour: number;
  /** Up to the 7 weeks before this plan, oldest first (the chart shows them and this week). */
  history: VolumePoint[];
  unsubscribeUrl: string;
  /** The subscriber's signed preferences page (send day, units, pause, their data), linked in the footer. */
  preferencesUrl?: string;
  operator: Operator;
  /** When the email is made: the calendar attachment's DTSTAMP. Defaults to the current time. */
  now?: Date;
}
