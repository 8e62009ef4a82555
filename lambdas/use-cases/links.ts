// Building the signed links and reply address that go into emails.
import { signAddressLocalPart, signReplyLocalPart, signToken, type TokenPurpose } from '#domain/tokens';
import type { CoachSettings } from './deps';

export function signedLink(
  settings: CoachSettings,
  path: string,
  purpose: TokenPurpose,
  subscriberId: string,
  now: Date,
  nonce?: string,
): string {
  const token = signToken(
    { purpose, subscriberId, ...(nonce === undefined ? {} : { nonce }) },
    settings.tokenSecret,
    now,
  );
  return `${settings.publicBaseUrl}${path}?token=${encodeURIComponent(token)}`;
}

export function replyAddress(settings: CoachSettings, subscriberId: string, weekStart: string): string {
  return `${signReplyLocalPart(subscriberId, weekStart, settings.tokenSecret)}@${settings.inboundDomain}`;
}

/** The mailto of the List-Unsubscribe header: mailing it (any subject, any text) unsubscribes at once. */
export function unsubscribeAddress(settings: CoachSettings, subscriberId: string, weekStart: string): string {
  return `${signAddressLocalPart('unsubscribe', subscriberId, weekStart, settings.tokenSecret)}@${settings.inboundDomain}`;
}

/**
 * RFC 8058 one-click unsubscribe headers: mail providers show an unsubscribe button and POST to the URL;
 * older clients mail the mailto address instead.
 */
export function listUnsubscribeHeaders(
  unsubscribeUrl: string,
  mailto: string,
): { name: string; value: string }[] {
  return [
    { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>, <mailto:${mailto}?subject=unsubscribe>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
