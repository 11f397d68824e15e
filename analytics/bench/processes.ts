// Child processes of the bench: TypeScript entry points of the project run by Node itself with
// tsx's loader (`node --import tsx`), so the child's pid is the process doing the work (its
// memory can be read, and a signal reaches it), not a launcher in between.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function startTypeScript(entry: string, args: string[], env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio,
  });
}

/** Resolves with the exit code (or rejects on a signal) once the child has ended. */
export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === null ? reject(new Error(`${child.spawnfile} ended by ${signal}`)) : resolve(code)));
  });
}

/** Runs an entry point to its end with its output shown; fails unless it exits 0. */
export async function runTypeScript(entry: string, args: string[], env: Record<string, string>): Promise<void> {
  const code = await exited(startTypeScript(entry, args, env, 'inherit'));
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}`);
}

/**
 * Runs an entry point that prints its result as one JSON line starting with `mark` (other output
 * shown as it comes on stderr); answers the result, or fails naming `what` with the output.
 */
export async function runForResult<T>(entry: string, args: string[], env: Record<string, string>, mark: string, what: string): Promise<T> {
  const child = startTypeScript(entry, args, env, ['ignore', 'pipe', 'inherit']);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await exited(child);
  const line = output.split('\n').find((text) => text.startsWith(mark));
  if (code !== 0 || !line) throw new Error(`${what} failed (exit ${code})${output ? `:\n${output}` : ''}`);
  return JSON.parse(line.slice(mark.length)) as T;
}
