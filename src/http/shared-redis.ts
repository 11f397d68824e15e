// The Redis that several server processes share for the request budget and the cached answers.
// Redis is a help, never a dependency of an answer: a command waits for no reconnection (it
// fails at once while the link is down, and each caller falls back to its process's memory),
// and the link is retried in the background. Going down and coming back are each logged once.
import { Redis } from 'ioredis';

export interface SharedRedis {
  client: Redis;
  /** Prepended to every key: replicas of one deployment share it, another deployment takes its own. */
  prefix: string;
  /** Closes the link (the app's dispose). */
  close(): Promise<void>;
}

/** Longest wait between reconnection attempts. */
const MAX_RETRY_DELAY_MS = 5_000;

export function openSharedRedis(url: string, prefix: string): SharedRedis {
  const client = new Redis(url, {
    lazyConnect: false,
    // Fail a command while disconnected instead of queueing it behind a reconnection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RETRY_DELAY_MS),
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    console.warn(`Redis at ${redactedUrl(url)} is not answering (${error.message}): request budgets and cached answers stay in this process until it is back.`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    console.warn(`Redis at ${redactedUrl(url)} answers again: request budgets and cached answers are shared.`);
  });
  return {
    client,
    prefix,
    async close() {
      client.disconnect();
    },
  };
}

/** The URL without its password, for the logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
