// One writer per data file. Two stores (or two processes) writing one JSON file would each overwrite the
// other's changes, so the store holds `<file>.lock` (naming its pid) while open. A lock left by a process
// that died (kill -9, crash) is taken over: its pid no longer runs.
import { readFileSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { errorCode } from './errors.js';

const heldHere = new Set<string>();

export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; reason: string };

function lockFileOf(file: string): string {
  return `${file}.lock`;
}

/** Takes the lock on `file` (an absolute path) or says who holds it. */
export async function acquireLock(file: string): Promise<LockResult> {
  const lock = lockFileOf(file);
  if (heldHere.has(file)) return { ok: false, reason: 'is already open in this process (close the other store first)' };
  const content = JSON.stringify({ pid: process.pid, since: new Date().toISOString() }) + '\n';
  try {
    await writeFile(lock, content, { flag: 'wx' });
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
    const holder = await lockHolder(file);
    if (holder !== null) {
      return { ok: false, reason: `is in use by another Support Coach process (pid ${holder}). Stop it first; if no coach is running, delete ${lock}` };
    }
    await writeFile(lock, content); // stale: its process is gone
  }
  heldHere.add(file);
  let released = false;
  return {
    ok: true,
    release: async () => {
      if (released) return;
      released = true;
      heldHere.delete(file);
      if ((await readPid(lock)) === process.pid) await unlink(lock).catch(() => undefined);
    },
  };
}

/** The pid of another live process holding the lock on `file`, or null (no lock, or a stale one). */
async function lockHolder(file: string): Promise<number | null> {
  const pid = await readPid(lockFileOf(file));
  if (pid === null || pid === process.pid) return null; // our pid but not held here: a previous life (containers reuse pids)
  return isAlive(pid) ? pid : null;
}

async function readPid(lock: string): Promise<number | null> {
  try {
    const parsed = JSON.parse(await readFile(lock, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed.pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (errorCode(err) !== 'EPERM') return false; // EPERM: it exists, owned by someone else
  }
  // Pids are reused: on Linux, a live pid that is not a Node process is not a coach.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS, Windows): trust the pid
  }
}
