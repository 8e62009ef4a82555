// The sign-up by email (to start@, or a subject "subscribe"): a pending subscriber with placeholder answers,
// and one email with the link to fill in the real ones.
import { addressHash, isValidEmailAddress, normalizeEmailAddress } from '#domain/email-address';
import { newPendingSubscriber, renewPending, renewRefusal } from '#domain/subscriber';
import { DEFAULT_RAMP_RATE, type Preferences, type Subscriber } from '#domain/types';
import { renderNoteEmail } from '#email/note';
import { type CoachDeps, sendRendered } from './deps';
import { drop, type InboundOutcome, type ReadMessage } from './inbound-mail';
import { signedLink } from './links';
import { confirmPolicy } from './subscribe';

/** Placeholder answers for an email sign-up: the confirmation page asks for the real ones before anything is sent. */
const EMAIL_SIGNUP_DEFAULTS: Preferences = {
  weeklyVolume: 30,
  unit: 'min',
  runDays: 3,
  timeZone: 'UTC',
  sendDay: 'sun',
  sendHour: 18,
  rampRate: DEFAULT_RAMP_RATE,
  runHour: 7,
};

export async function subscribeByEmail(deps: CoachDeps, message: ReadMessage): Promise<InboundOutcome> {
  const from = message.from?.trim() ?? '';
  if (!isValidEmailAddress(from)) return drop('invalid-sender');
  const normalized = normalizeEmailAddress(from);
  if (await deps.store.isSuppressed(addressHash(normalized))) return { kind: 'subscribe-ignored' };
  const existingId = await deps.store.findIdByEmail(normalized);
  const existing = existingId === undefined ? undefined : await deps.store.get(existingId);
  const now = deps.clock.now();
  const policy = confirmPolicy(deps);
  // Whatever the reason (active, suppressed, too many confirmations), the sender gets no mail back.
  if (existing && renewRefusal(existing, policy, now)) return { kind: 'subscribe-ignored' };
  let subscriber: Subscriber;
  if (existing) {
    subscriber = renewPending(existing, policy, {
      nonce: deps.ids.newId(),
      now,
      needsProfile: existing.status === 'unsubscribed' ? true : (existing.needsProfile ?? false),
    });
    if (!(await deps.store.update(subscriber, existing.version))) return { kind: 'subscribe-ignored' };
  } else {
    subscriber = newPendingSubscriber({
      id: deps.ids.newId(),
      email: normalized,
      preferences: EMAIL_SIGNUP_DEFAULTS,
      nonce: deps.ids.newId(),
      now,
      needsProfile: true,
    });
    if ((await deps.store.createPending(subscriber, normalized)) !== 'created')
      return { kind: 'subscribe-ignored' };
  }
  const url = signedLink(deps.settings, '/confirm', 'confirm', subscriber.id, now, subscriber.confirmNonce);
  const email = renderNoteEmail({
    subject: 'Finish setting up your knee-friendly running plan',
    preheader: 'Two minutes to tell us how much you run now.',
    heading: 'Almost there',
    paragraphs: [
      'Thanks for writing to us. To build your first plan we need a few facts: how much you run now, how many days a week you can run, and when you would like your weekly plan.',
      "Open the link below to fill them in. Nothing is sent to you until you do, and if this wasn't you, just ignore this email.",
    ],
    button: { url, label: 'Set up my plan' },
    footerNote: 'You got this one email because this address wrote to our sign-up address.',
    operator: deps.settings.operator,
  });
  await sendRendered(deps, subscriber.email, email);
  return { kind: 'subscribe-started' };
}
