// One process at a time owns the embedded store's data folder: PGlite admits one, and a second
// process writing the same files damages them. The owner keeps a lock file in the folder that
// says who it is (pid, command, a server's HTTP port), so that a second process can name it and
// `npm run snapshot` can ask that server to do the work instead.
//
// Written here rather than taken from a library: proper-lockfile judges a lock stale by its age
// (its mtime, refreshed by a timer), so a restart after a crash waits out that age, and its lock
// cannot say who holds the folder. Here a lock is stale exactly when its process is gone.
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE_NAME = 'chibo.lock';
/** The command a server writes in its lock; command-line tools write their npm script. */
export const SERVER_COMMAND = 'server';

export interface DataFolderHolder {
  pid: number;
  /** SERVER_COMMAND, or what a person typed: "npm run seed", "npm run snapshot", … */
  command: string;
  /** A server's HTTP port, once it listens. */
  port?: number;
  startedAt: string;
  /** Tells this lock from a later one of a process with the same pid. */
  token: string;
}

export interface DataFolderLock {
  readonly holder: DataFolderHolder;
  /** Writes the server's HTTP port into the lock, so a command-line tool can reach it. */
  recordPort(port: number): Promise<void>;
  release(): Promise<void>;
}

export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataFolderHolder,
  ) {
    super(`The data folder ${dataDir} is in use by ${describeHolder(holder)}; the embedded store admits one process at a time.`);
    this.name = 'DataFolderBusyError';
  }
}

/** "the chibo server (pid 4242, serving http://localhost:4000/graphql, since …)", for messages. */
export function describeHolder(holder: DataFolderHolder): string {
  const what = holder.pid === process.pid ? 'this process' : holder.command === SERVER_COMMAND ? 'the chibo server' : holder.command;
  const port = holder.port === undefined ? (holder.command === SERVER_COMMAND ? ', still starting' : '') : `, serving http://localhost:${holder.port}/graphql`;
  return `${what} (pid ${holder.pid}${port}, since ${holder.startedAt})`;
}

/** Locks held by this process, by lock file: released on close, and at exit whatever happens. */
const held = new Map<string, DataFolderLock>();

/** Takes the data folder for this process, or throws DataFolderBusyError naming its holder. */
export async function lockDataFolder(dataDir: string, command: string): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.resolve(dataDir, LOCK_FILE_NAME);
  const holder: DataFolderHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  for (;;) {
    if (await createWhole(file, JSON.stringify(holder))) break;
    const found = await readLock(file);
    if (found === null) continue; // released in between: try again
    const current = parseHolder(found);
    if (current && isAlive(file, current)) throw new DataFolderBusyError(dataDir, current);
    await removeStale(file, found);
  }
  const lock: DataFolderLock = {
    holder,
    async recordPort(port) {
      if (held.get(file) !== lock) return;
      holder.port = port;
      // Written aside and renamed over the lock, so a reader sees the old content or the new.
      const aside = `${file}.${holder.token}`;
      await writeFile(aside, JSON.stringify(holder));
      await rename(aside, file);
    },
    async release() {
      if (held.get(file) !== lock) return;
      held.delete(file);
      if (parseHolder((await readLock(file)) ?? '')?.token === holder.token) await rm(file, { force: true });
    },
  };
  held.set(file, lock);
  registerExitRelease();
  return lock;
}

/** The lock this process holds on the data folder, if it holds one (a server records its port in it). */
export function heldDataFolderLock(dataDir: string): DataFolderLock | undefined {
  return held.get(path.resolve(dataDir, LOCK_FILE_NAME));
}

/**
 * Whether the lock's process still runs. kill(pid, 0) sends nothing: ESRCH means no such
 * process; EPERM one that exists but belongs to another user, so alive (as is anything else
 * unexpected: wrongly taking a live folder would damage it). A lock naming this process's own
 * pid that this process did not take is from an earlier process with the same pid (a container
 * restarted after a crash gives its server the same pid again).
 */
function isAlive(file: string, holder: DataFolderHolder): boolean {
  if (holder.pid === process.pid) return held.get(file)?.holder.token === holder.token;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Creates `file` with `content` only if it does not exist. Written aside and hard-linked into
 * place (link fails on an existing name, atomically), so no reader ever sees it half written.
 */
async function createWhole(file: string, content: string): Promise<boolean> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, content);
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(aside, { force: true });
  }
}

async function readLock(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The holder a lock names; null for content that is not a lock (it is then stale). */
function parseHolder(content: string): DataFolderHolder | null {
  try {
    const value = JSON.parse(content) as Partial<DataFolderHolder>;
    if (!Number.isSafeInteger(value.pid) || (value.pid ?? 0) <= 0 || typeof value.command !== 'string' || typeof value.token !== 'string') return null;
    return value as DataFolderHolder;
  } catch {
    return null;
  }
}

/**
 * Removes a lock whose process is gone. Two processes may find the same stale lock at once:
 * only the one that creates the take-over mark removes it, and only while the lock is still
 * the stale one it read, so neither removes a lock the other has just taken.
 */
async function removeStale(file: string, staleContent: string): Promise<void> {
  const mark = `${file}.takeover`;
  if (!(await createWhole(mark, JSON.stringify({ pid: process.pid, command: 'take-over', token: 'take-over', startedAt: new Date().toISOString() })))) {
    const content = await readLock(mark);
    if (content === null) return; // that take-over has just ended
    const marker = parseHolder(content);
    // A mark left by a process that died while taking over would otherwise stop every start.
    if (!marker || !isAlive(mark, marker)) await rm(mark, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    if ((await readLock(file)) === staleContent) await rm(file, { force: true });
  } finally {
    await rm(mark, { force: true });
  }
}

let exitReleaseRegistered = false;

/** On exit (normal, process.exit, an uncaught error) the locks go; after kill -9 the next process takes them over. */
function registerExitRelease(): void {
  if (exitReleaseRegistered) return;
  exitReleaseRegistered = true;
  process.on('exit', () => {
    for (const [file, { holder }] of held) {
      try {
        if (parseHolder(readFileSync(file, 'utf8'))?.token === holder.token) unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    }
    held.clear();
  });
}
