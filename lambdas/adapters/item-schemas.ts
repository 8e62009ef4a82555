// The schemas items read back from DynamoDB are checked against: stored data is input too. The shapes
// themselves are the domain's (one definition each); only the address reservation is the store's own.
import * as z from 'zod/mini';
import { subscriberSchema, weekRecordSchema } from '#domain/types';

export const profileItemSchema = subscriberSchema;
export const weekItemSchema = weekRecordSchema;
export const emailItemSchema = z.object({ subscriberId: z.string().check(z.minLength(1)) });
