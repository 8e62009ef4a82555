// The in-memory store keeps the same contract as the DynamoDB one, so use-case tests can run on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySubscriberStore } from '#adapters/memory-subscriber-store';
import { subscriberSchema } from '#domain/types';
import { CONTRACT_DUE_SHARDS, storeContract } from '#test/support/store-contract';
import { arbitrarySubscriber } from '#test/support/stored-shapes';

describe('the in-memory store keeps the store contract', () => {
  storeContract(async () => {
    const store = new MemorySubscriberStore(CONTRACT_DUE_SHARDS);
    return { store, profileIds: async () => store.storedProfileIds().sort() };
  });
});

describe('the subscriber generator the round-trip property uses', () => {
  it('produces every field of the stored subscriber shape, so a new field is round-tripped too', () => {
    // Prepare
    const seen = new Set<string>();
    // Act
    for (const s of fc.sample(arbitrarySubscriber(fc.constant('x')), 300))
      for (const key of Object.keys(s)) seen.add(key);
    // Assess
    expect([...seen].sort()).toEqual(Object.keys(subscriberSchema.shape).sort());
  });
});
