// The SES feedback events `coach simulate` feeds to the feedback handler, shaped as SES and SNS deliver them.
import { randomUUID } from 'node:crypto';

export const SIMULATIONS = ['bounce', 'soft-bounce', 'complaint', 'delivery'] as const;
export type Simulation = (typeof SIMULATIONS)[number];

/** An SNS-shaped event carrying one SES event, as AWS delivers it. */
export function snsFeedbackEvent(sesEvent: unknown): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: { Type: 'Notification', MessageId: `local-${Date.now()}`, Message: JSON.stringify(sesEvent) },
      },
    ],
  };
}

/** One SES event of the given kind for an address, shaped like SES's event publishing. */
export function simulatedSesEvent(kind: Simulation, email: string): unknown {
  const mail = {
    timestamp: new Date().toISOString(),
    messageId: `simulated-${randomUUID()}`,
    source: 'coach@coach.localhost',
    destination: [email],
  };
  if (kind === 'complaint') {
    return { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: email }] } };
  }
  if (kind === 'delivery') return { eventType: 'Delivery', mail, delivery: { recipients: [email] } };
  return {
    eventType: 'Bounce',
    mail,
    bounce: {
      bounceType: kind === 'bounce' ? 'Permanent' : 'Transient',
      bounceSubType: kind === 'bounce' ? 'General' : 'MailboxFull',
      bouncedRecipients: [{ emailAddress: email }],
    },
  };
}
