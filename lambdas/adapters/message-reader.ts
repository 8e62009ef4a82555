// Reading one inbound message for the inbound use case: parsed, reduced to what the person wrote, understood,
// and its watch files found. They are read (and the file readers, with the FIT SDK, loaded) only when the reply
// use case asks, once it knows the reply is theirs.

import { isReplyError, type MessageAttachment, understandReply } from '#domain/reply/index';
import { looksLikeActivityFile } from '#lambdas/activity-files/detect';
import type { MessageReader, ReadFile } from '#use-cases/receive-mail';

export const readMessage: MessageReader = async (raw) => {
  const understood = await understandReply(Buffer.from(raw));
  if (isReplyError(understood)) return { error: understood.error.code };
  const watchFiles = understood.attachments.filter((a) => looksLikeActivityFile(a));
  return {
    ...(understood.from ? { from: understood.from } : {}),
    subject: understood.subject ?? '',
    autoReply: understood.automatic,
    text: understood.text,
    ...(understood.date ? { date: understood.date } : {}),
    findings: understood,
    ...(watchFiles.length > 0 ? { readFiles: () => readWatchFiles(watchFiles) } : {}),
  };
};

/** Set only in the Lambda bundle, to the file readers' own file beside it (lib/constructs/bundling.ts). */
declare const COACH_ACTIVITY_FILES_CHUNK: string | undefined;

type ActivityFiles = typeof import('#lambdas/activity-files/index');
let activityFiles: Promise<ActivityFiles> | undefined;

function loadActivityFiles(): Promise<ActivityFiles> {
  activityFiles ??= (
    typeof COACH_ACTIVITY_FILES_CHUNK === 'string'
      ? (import(COACH_ACTIVITY_FILES_CHUNK) as Promise<ActivityFiles>)
      : import('#lambdas/activity-files/index')
  ).catch((error: unknown) => {
    activityFiles = undefined; // the next message tries again
    throw error;
  });
  return activityFiles;
}

/** The attachments that are watch files (by name, type or first bytes), read; other attachments are ignored. */
export async function readWatchFiles(attachments: MessageAttachment[]): Promise<ReadFile[]> {
  const candidates = attachments.filter((a) => looksLikeActivityFile(a));
  if (candidates.length === 0) return [];
  const { readActivityFiles } = await loadActivityFiles();
  const results = await readActivityFiles(candidates);
  return results.map((r) => ({
    filename: r.filename,
    kind: r.kind,
    activities: r.activities.map(
      ({ startedAt, sport, sportName, distanceKm, movingMinutes, fingerprint }) => ({
        startedAt,
        sport,
        sportName,
        distanceKm,
        movingMinutes,
        fingerprint,
      }),
    ),
    ...(r.skipped ? { skipped: r.skipped } : {}),
  }));
}
