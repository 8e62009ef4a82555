// The local stand-in for SQS between dispatch and send-week: SQS-shaped batches handed over in-process,
// with the same batch size, partial-failure handling, bounded retries and a dead-letter list.
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SendQueue, SendWeekMessage } from '#lambdas/ports';

export interface LocalQueueStats {
  delivered: number;
  failedAttempts: number;
  parked: number;
}

export interface ParkedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  parkedAt: string;
}

export class LocalSendQueue implements SendQueue {
  readonly stats: LocalQueueStats = { delivered: 0, failedAttempts: 0, parked: 0 };

  constructor(
    private readonly consumer: (event: SQSEvent) => Promise<SQSBatchResponse>,
    private readonly options: {
      maxReceiveCount: number;
      retryDelayMs: number;
      onParked?: (message: ParkedMessage) => void;
    } = { maxReceiveCount: 5, retryDelayMs: 200 },
  ) {}

  async enqueue(messages: SendWeekMessage[]): Promise<void> {
    if (messages.length > 10) throw new Error('SQS batches hold at most 10 messages');
    let pending = messages.map((m) => ({
      messageId: randomUUID(),
      body: JSON.stringify(m),
      receiveCount: 0,
    }));
    while (pending.length > 0) {
      for (const p of pending) p.receiveCount++;
      const response = await this.consumer({ Records: pending.map(toRecord) });
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      this.stats.delivered += pending.length - failed.size;
      this.stats.failedAttempts += failed.size;
      const retry = [];
      for (const p of pending.filter((m) => failed.has(m.messageId))) {
        if (p.receiveCount >= this.options.maxReceiveCount) {
          this.stats.parked++;
          this.options.onParked?.({ ...p, parkedAt: new Date().toISOString() });
        } else {
          retry.push(p);
        }
      }
      pending = retry;
      if (pending.length > 0) await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
    }
  }
}

function toRecord(m: { messageId: string; body: string; receiveCount: number }): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: m.messageId,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:send-week',
    awsRegion: 'local',
  };
}
