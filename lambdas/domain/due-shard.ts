// Which shard of the due index a subscriber's profile lives in.

/** A stable hash of the id, so the writes of many subscribers spread evenly over the shards. */
export function dueShardOf(subscriberId: string, shards: number): number {
  let hash = 0;
  for (const ch of subscriberId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % shards;
}

/** Every shard of the due index, 0 to shards − 1: the hourly run dispatches each of them once. */
export function allDueShards(shards: number): number[] {
  return Array.from({ length: shards }, (_, shard) => shard);
}
