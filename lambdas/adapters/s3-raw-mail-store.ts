// The RawMailStore on S3: where SES receiving (and the local SMTP stand-in) keeps each inbound message.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '#lambdas/ports';

export class S3RawMailStore implements RawMailStore {
  constructor(private readonly client: S3Client) {}

  async get(bucket: string, key: string, maxBytes: number): Promise<Uint8Array | 'too-large' | 'missing'> {
    try {
      // Check the size first: a message over the limit is never downloaded.
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      if ((head.ContentLength ?? 0) > maxBytes) return 'too-large';
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = await out.Body?.transformToByteArray();
      if (!bytes) return 'missing';
      return bytes.length > maxBytes ? 'too-large' : bytes;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return 'missing';
      throw error;
    }
  }

  async put(bucket: string, key: string, raw: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }),
    );
  }
}
