// What happens to snapshots, for those who keep something per snapshot in this process (the
// result cache): a snapshot published READY, or deleted. Told by the process that made the
// change; other processes sharing a PostgreSQL store learn of it when they next read the list.
import { EventEmitter } from 'node:events';

interface SnapshotEventMap {
  published: [snapshotId: number];
  deleted: [snapshotId: number];
}

export const snapshotEvents = new EventEmitter<SnapshotEventMap>();
// One listener per app; the tests make several apps in one process.
snapshotEvents.setMaxListeners(0);
