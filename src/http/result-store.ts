// Where cached analytics answers are kept: the bytes of each answer as it was sent, under a key
// that names the snapshots it was read from. A snapshot never changes, so an entry never goes
// stale; entries leave when memory runs short (least recently used first) or when their
// snapshot is deleted. The interface is small so that a store shared by several server
// processes can stand in for the in-memory one.
import { LRUCache } from 'lru-cache';
import type { SharedRedis } from './shared-redis.js';

export interface ResultStore {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Keeps an answer read from these snapshots (deleted with any of them). */
  set(key: string, snapshotIds: readonly number[], bytes: Uint8Array): Promise<void>;
  /** Drops every answer read from the snapshot. */
  deleteSnapshot(snapshotId: number): Promise<void>;
  /** Entries and bytes held (for the logs and tests). */
  usage(): { entries: number; bytes: number };
}

/** Bytes an entry costs beyond its answer: its key and the bookkeeping of the maps holding it. */
const ENTRY_OVERHEAD_BYTES = 200;

/** Answers in this process's memory, at most `maxBytes` of them. */
export function inMemoryResultStore(maxBytes: number): ResultStore {
  /** The keys of each snapshot's answers, to drop them when it is deleted. */
  const keysOfSnapshot = new Map<number, Set<string>>();
  const snapshotsOfKey = new Map<string, readonly number[]>();
  const cache = new LRUCache<string, Uint8Array>({
    maxSize: maxBytes,
    sizeCalculation: (bytes, key) => bytes.byteLength + 2 * key.length + ENTRY_OVERHEAD_BYTES,
    dispose: (_bytes, key) => {
      for (const id of snapshotsOfKey.get(key) ?? []) {
        const keys = keysOfSnapshot.get(id);
        keys?.delete(key);
        if (keys?.size === 0) keysOfSnapshot.delete(id);
      }
      snapshotsOfKey.delete(key);
    },
  });
  return {
    async get(key) {
      return cache.get(key);
    },
    async set(key, snapshotIds, bytes) {
      // Replacing an entry disposes of the old one first, index included.
      cache.set(key, bytes);
      // Too large for the budget: not kept, and nothing to index.
      if (!cache.has(key)) return;
      snapshotsOfKey.set(key, snapshotIds);
      for (const id of snapshotIds) {
        let keys = keysOfSnapshot.get(id);
        if (!keys) keysOfSnapshot.set(id, (keys = new Set()));
        keys.add(key);
      }
    },
    async deleteSnapshot(snapshotId) {
      for (const key of [...(keysOfSnapshot.get(snapshotId) ?? [])]) cache.delete(key);
      keysOfSnapshot.delete(snapshotId);
    },
    usage: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}

/**
 * Answers shared by the servers of a deployment through Redis, with this process's memory in
 * front: a hit in memory asks nothing of Redis, a miss there reads the answer another replica
 * kept. While Redis does not answer, the memory serves alone and requests never fail for it.
 * Each answer expires after `ttlSeconds` besides leaving with its snapshot, so the Redis the
 * deployment runs (with its own memory policy) never fills with answers of snapshots long gone.
 */
export function sharedResultStore(redis: SharedRedis, local: ResultStore, ttlSeconds: number): ResultStore {
  const answerKey = (key: string) => `${redis.prefix}answer:${key}`;
  const snapshotKey = (snapshotId: number) => `${redis.prefix}snapshot-answers:${snapshotId}`;
  const shared = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch {
      return undefined; // logged once by the link itself; the memory goes on alone
    }
  };
  return {
    async get(key) {
      const remembered = await local.get(key);
      if (remembered) return remembered;
      const bytes = await shared(() => redis.client.getBuffer(answerKey(key)));
      if (!bytes) return undefined;
      const answer = new Uint8Array(bytes);
      // The snapshots of an answer read from Redis are not known here: it is kept under none,
      // and leaves the memory by age; its snapshot's deletion reaches Redis.
      await local.set(key, [], answer);
      return answer;
    },
    async set(key, snapshotIds, bytes) {
      await local.set(key, snapshotIds, bytes);
      await shared(async () => {
        const batch = redis.client.multi().set(answerKey(key), Buffer.from(bytes), 'EX', ttlSeconds);
        for (const id of snapshotIds) batch.sadd(snapshotKey(id), answerKey(key)).expire(snapshotKey(id), ttlSeconds);
        await batch.exec();
      });
    },
    async deleteSnapshot(snapshotId) {
      await local.deleteSnapshot(snapshotId);
      await shared(async () => {
        const keys = await redis.client.smembers(snapshotKey(snapshotId));
        await redis.client.del(snapshotKey(snapshotId), ...keys);
      });
    },
    usage: () => local.usage(),
  };
}
