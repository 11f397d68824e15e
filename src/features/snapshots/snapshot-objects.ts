// Where snapshot files are kept for every server of a deployment to read. In the snapshot folder
// (the default: one server, or servers sharing a disk), or in the store itself, in pieces
// (CHIBO_SNAPSHOT_STORE=database): servers on machines without a shared disk need nothing but
// the PostgreSQL they already use. A server opens a snapshot from its own folder; when the file
// is not there it fetches a copy beside it, checks it against the checksum of the snapshot's
// row, and renames it into place, so a query never opens half a file.
// Kept in PostgreSQL rather than in an object store: no other service to run, secure, back up
// and reach from every replica; a national snapshot of a few GiB in 8 MiB rows is well within it.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { database } from '../../db/client.js';
import type { StoreKind } from '../../db/database.js';
import type { SqlSession } from '../../db/sql-session.js';
import type { Snapshot } from '../../generated/prisma/client.js';

export type SnapshotStoreKind = 'folder' | 'database';

/** The files of READY snapshots, wherever they are kept. */
export interface SnapshotObjects {
  kind: SnapshotStoreKind;
  /** Keeps the published file of snapshot `id` (before its row says READY). */
  put(id: number, file: string): Promise<void>;
  /** Writes snapshot `id`'s file to `file`; throws when it is not kept. */
  fetch(id: number, file: string): Promise<void>;
  delete(id: number): Promise<void>;
}

/** The snapshot folder is the store: the build writes there and every server reads there. */
const inFolder: SnapshotObjects = {
  kind: 'folder',
  async put() {},
  async fetch(id) {
    throw new Error(`snapshot ${id}'s file is not in this server's snapshot folder (CHIBO_SNAPSHOT_DIR): servers without a shared disk keep snapshots in the store with CHIBO_SNAPSHOT_STORE=database`);
  },
  async delete() {},
};

/** Rows of 8 MiB: large enough for few round trips, small enough for any PostgreSQL setting. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

const inDatabase: SnapshotObjects = {
  kind: 'database',
  async put(id, file) {
    await onPostgres(async (session) => {
      // One transaction: no server ever reads some of the pieces.
      await session.exec('BEGIN');
      try {
        await session.query(`DELETE FROM "SnapshotChunk" WHERE "snapshotId" = $1`, [id]);
        let index = 0;
        for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
          await session.query(`INSERT INTO "SnapshotChunk" ("snapshotId", "index", bytes) VALUES ($1, $2, $3)`, [id, index++, chunk]);
        }
        await session.exec('COMMIT');
      } catch (error) {
        await session.exec('ROLLBACK');
        throw error;
      }
    });
  },
  async fetch(id, file) {
    await onPostgres((session) =>
      pipeline(async function* () {
        // One piece at a time: memory stays at one piece whatever the file's size.
        for (let index = 0; ; index++) {
          const [row] = await session.query<{ bytes: Buffer }>(`SELECT bytes FROM "SnapshotChunk" WHERE "snapshotId" = $1 AND "index" = $2`, [id, index]);
          if (!row) {
            if (index === 0) throw new Error(`snapshot ${id}'s file is not kept in the store`);
            return;
          }
          yield row.bytes;
        }
      }, createWriteStream(file)),
    );
  },
  async delete(id) {
    await onPostgres((session) => session.query(`DELETE FROM "SnapshotChunk" WHERE "snapshotId" = $1`, [id]));
  },
};

/**
 * A connection of its own to the PostgreSQL server. The embedded store is one process's, whose
 * snapshot folder is already the only one: keeping files in it as well would gain nothing.
 */
function onPostgres<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
  const store = database();
  if (store.kind !== 'postgres') throw new Error(EMBEDDED_REFUSAL);
  return store.withSession(work);
}

const EMBEDDED_REFUSAL =
  'CHIBO_SNAPSHOT_STORE=database keeps snapshots in a PostgreSQL store for servers on several machines; the embedded store is one process\'s, whose snapshot folder is the only one (leave the setting unset)';

/** Refuses at start what cannot work: the store in the database on the embedded store. */
export function checkSnapshotStore(storeKind: StoreKind, raw: string | undefined): void {
  if (parseSnapshotStoreKind(raw) === 'database' && storeKind !== 'postgres') throw new Error(EMBEDDED_REFUSAL);
}

export function parseSnapshotStoreKind(raw: string | undefined): SnapshotStoreKind {
  if (raw === undefined || raw === '' || raw === 'folder') return 'folder';
  if (raw === 'database') return 'database';
  throw new Error(`CHIBO_SNAPSHOT_STORE must be "folder" or "database", got "${raw}"`);
}

/** The store CHIBO_SNAPSHOT_STORE names. */
export function snapshotObjects(): SnapshotObjects {
  return parseSnapshotStoreKind(process.env.CHIBO_SNAPSHOT_STORE) === 'database' ? inDatabase : inFolder;
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Fetches under way in this process, by file: two queries of a new snapshot fetch it once. */
const fetching = new Map<string, Promise<void>>();

/**
 * The local file of a READY snapshot, fetched first when this server does not have it: written
 * beside it, checked against the row's checksum, then renamed into place.
 */
export async function ensureLocalSnapshot(snapshot: Pick<Snapshot, 'id' | 'checksum'>, file: string): Promise<void> {
  if (await exists(file)) return;
  let pending = fetching.get(file);
  if (!pending) {
    pending = fetchInto(snapshot, file).finally(() => fetching.delete(file));
    fetching.set(file, pending);
  }
  await pending;
}

async function fetchInto(snapshot: Pick<Snapshot, 'id' | 'checksum'>, file: string): Promise<void> {
  const partial = `${file}.fetching-${process.pid}`;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await snapshotObjects().fetch(snapshot.id, partial);
    const checksum = await sha256(partial);
    if (checksum !== snapshot.checksum) {
      throw new Error(`snapshot ${snapshot.id}'s copy does not match its checksum (${checksum.slice(0, 12)}… against ${snapshot.checksum?.slice(0, 12)}…): not opened`);
    }
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
