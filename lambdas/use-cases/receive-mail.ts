// Receiving email: drop what is unsafe or not for us, then hand it to its flow (a reply to a plan, the
// List-Unsubscribe mailto, the sign-up by email). Anything else is dropped with one log line.
import { verifyAddressLocalPart } from '#domain/tokens';
import { drop, type InboundDeps, type InboundMail, type InboundOutcome } from './inbound-mail';
import { receiveReply } from './reply-to-plan';
import { subscribeByEmail } from './sign-up-by-email';
import { unsubscribeById } from './unsubscribe';

// The vocabulary of receiving email, for the modules that import it from here.
export {
  type DropReason,
  type FileSkipReason,
  type InboundDeps,
  type InboundMail,
  type InboundOutcome,
  MAX_INBOUND_BYTES,
  type MessageReader,
  type ReadFile,
  type ReadMessage,
} from './inbound-mail';

/** Handles one received message. Never throws for anything the sender controls; logs one line. */
export async function receiveMail(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const outcome = await receive(deps, mail);
  // One structured line per message, and never an address or a word of the reply in it.
  const fields = { messageId: mail.messageId, outcome: outcome.kind };
  if (outcome.kind === 'dropped')
    deps.log.warn('inbound mail dropped', { ...fields, reason: outcome.reason });
  else
    deps.log.info('inbound mail handled', {
      ...fields,
      ...('subscriberId' in outcome ? { subscriberId: outcome.subscriberId } : {}),
    });
  return outcome;
}

async function receive(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const v = mail.verdicts;
  if (v.virus === 'FAIL') return drop('virus');
  if (v.spam === 'FAIL') return drop('spam');
  if (deps.inbound.requireSenderAuth && v.spf !== 'PASS' && v.dkim !== 'PASS') return drop('unauthenticated');

  const raw = await deps.rawMail.get(mail.bucket, mail.key, deps.inbound.maxBytes);
  if (raw === 'too-large') return drop('too-large');
  if (raw === 'missing') return drop('missing');
  const message = await deps.readMessage(raw);
  if ('error' in message) return drop('malformed');
  if (message.autoReply) return drop('auto-reply');

  const domain = deps.settings.inboundDomain.toLowerCase();
  const ours = mail.recipients.map((r) => r.trim().toLowerCase()).filter((r) => r.endsWith(`@${domain}`));
  const unsubscribeTo = ours.find((r) => r.startsWith('unsubscribe+'));
  if (unsubscribeTo) return receiveUnsubscribe(deps, unsubscribeTo.slice(0, unsubscribeTo.lastIndexOf('@')));
  const replyTo = ours.find((r) => r.startsWith('reply+'));
  if (replyTo) return receiveReply(deps, replyTo.slice(0, replyTo.lastIndexOf('@')), message);
  if (ours.includes(`start@${domain}`) || /^\s*(re:\s*)?subscribe\b/i.test(message.subject)) {
    return subscribeByEmail(deps, message);
  }
  return drop('unknown-recipient');
}

/**
 * A mail to the List-Unsubscribe mailto unsubscribes at once. The signed address is the proof (mail
 * clients send it from the account that got the email, and the address was only ever in that email), so
 * the From is not compared: forwarding services and aliases would otherwise keep someone subscribed.
 */
async function receiveUnsubscribe(deps: InboundDeps, localPart: string): Promise<InboundOutcome> {
  const claims = verifyAddressLocalPart('unsubscribe', localPart, deps.settings.tokenSecrets);
  if (!claims) return drop('bad-token');
  const outcome = await unsubscribeById(deps, claims.subscriberId);
  if (outcome === 'invalid') return drop('unknown-subscriber');
  return { kind: 'unsubscribed', subscriberId: claims.subscriberId };
}
