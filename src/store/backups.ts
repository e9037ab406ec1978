// Rolling daily backups: `<dir of file>/backups/<name>-YYYY-MM-DD.json` (UTC day; `coach-…` for the
// default coach.json), one per day, the newest `keep` (7) kept. A backup is a byte copy of the data file
// taken when it was known good (just read at open, or just written), written durably like the file, with
// a copy of the score log beside it under the same name (`coach-YYYY-MM-DD.scores.jsonl`, see
// scoreLogFile). The log is copied FIRST, then the data file: the log only grows, so the copy holds at
// least the lines the copied document counts (its logEntries); any extra lines are dropped when the backup
// is restored and opened, like after a crash.
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { DataFileError, errorCode, errorText } from './errors.js';
import { syncDir, writeFileDurably } from './fsync-adapter.js';
import { MigrationError, migrate } from './migrations.js';
import { SCHEMA_VERSION, type CoachData } from './schema.js';
import { scanLog, scoreLogFile } from './score-log.js';
import { parseDataText, validateCurrent } from './validate.js';

export const DEFAULT_BACKUPS_KEPT = 7;

export function backupDir(file: string): string {
  return join(dirname(file), 'backups');
}

function stem(file: string): string {
  const name = basename(file);
  return extname(name) === '.json' ? name.slice(0, -5) : name;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function backupPath(file: string, day: string): string {
  return join(backupDir(file), `${stem(file)}-${day}.json`);
}

/** The backups of `file`, newest first. */
export async function listBackups(file: string): Promise<{ path: string; day: string }[]> {
  let names: string[];
  try {
    names = await readdir(backupDir(file));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return [];
    throw err;
  }
  const prefix = `${stem(file)}-`;
  const found: { path: string; day: string }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
    const day = name.slice(prefix.length, -5);
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) found.push({ path: join(backupDir(file), name), day });
  }
  return found.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/**
 * Makes the backup of `day` from the current file unless it exists, then keeps the newest `keep`.
 * Returns the path written, or null when that day's backup already existed.
 */
export async function ensureDailyBackup(file: string, day: string, keep = DEFAULT_BACKUPS_KEPT): Promise<string | null> {
  const target = backupPath(file, day);
  const existing = await listBackups(file);
  let written: string | null = null;
  if (!existing.some((b) => b.day === day)) {
    await mkdir(backupDir(file), { recursive: true });
    // The log first (see the top of this file); no log yet: no copy, and none left from an earlier try.
    if (!(await copyFileDurably(scoreLogFile(file), scoreLogFile(target)))) await unlinkIfExists(scoreLogFile(target));
    const text = await readFile(file, 'utf8');
    await writeFileDurably(target, text);
    written = target;
  }
  await pruneBackups(file, keep);
  return written;
}

/** Deletes all but the newest `keep` backups, with their score log copies (and log copies left without one). */
export async function pruneBackups(file: string, keep = DEFAULT_BACKUPS_KEPT): Promise<string[]> {
  const all = await listBackups(file);
  const removed: string[] = [];
  for (const old of all.slice(Math.max(keep, 1))) {
    await unlink(old.path);
    await unlinkIfExists(scoreLogFile(old.path));
    removed.push(old.path);
  }
  const kept = new Set(all.slice(0, Math.max(keep, 1)).map((b) => basename(scoreLogFile(b.path))));
  const pattern = new RegExp(`^${escapeRegExp(stem(file))}-\\d{4}-\\d{2}-\\d{2}\\.scores\\.jsonl$`);
  for (const name of await readdir(backupDir(file)).catch(() => [] as string[])) {
    if (pattern.test(name) && !kept.has(name)) await unlinkIfExists(join(backupDir(file), name));
  }
  return removed;
}

/**
 * Copies `from` to `to` durably (temp file, fsync, rename, folder fsync; a copy-on-write clone where the
 * file system offers one). Returns false, copying nothing, when `from` does not exist.
 */
export async function copyFileDurably(from: string, to: string): Promise<boolean> {
  const temp = `${to}.tmp-${process.pid}`;
  try {
    await copyFile(from, temp, constants.COPYFILE_FICLONE);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
  try {
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, to);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dirname(to));
  return true;
}

async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a data or backup file and checks that this version of Support Coach can open it: valid JSON, a
 * known schema version, the expected structure once migrated (in memory only). Throws DataFileError.
 */
export async function checkDataFile(path: string): Promise<{ data: CoachData; version: number; text: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new DataFileError(path, 'unreadable', 'does not exist', { cause: err });
    throw new DataFileError(path, 'unreadable', `cannot be read (${errorText(err)})`, { cause: err });
  }
  return { ...checkDataText(text, path), text };
}

export function checkDataText(text: string, path: string): { data: CoachData; version: number } {
  const raw = parseDataText(text, path);
  const version = raw.schemaVersion;
  if (version > SCHEMA_VERSION) {
    throw new DataFileError(path, 'invalid', `was written by a newer Support Coach, version ${version}; this one knows up to ${SCHEMA_VERSION}`);
  }
  try {
    return { data: validateCurrent(migrate(raw).data, path), version };
  } catch (err) {
    if (err instanceof MigrationError) throw new DataFileError(path, 'invalid', `cannot be migrated: ${err.message}`, { cause: err });
    throw err;
  }
}

/**
 * checkDataFile, then the score log beside the file (scoreLogFile): it must hold at least the lines the
 * document counts (its logEntries; a document from before the log, version 1, counts none). Used on
 * backups, so both files of a backup are checked. Throws DataFileError (naming the log when it is the log).
 */
export async function checkBackup(path: string): Promise<{ data: CoachData; version: number; text: string; logLines: number }> {
  const checked = await checkDataFile(path);
  const expected = checked.data.logEntries;
  if (expected === 0) return { ...checked, logLines: 0 };
  const log = scoreLogFile(path);
  let lines: number;
  try {
    const scan = await scanLog(log, expected);
    if (!scan.exists) throw new DataFileError(log, 'unreadable', `does not exist, but ${path} counts ${expected} score event(s) in it`);
    lines = scan.lines;
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    throw new DataFileError(log, 'unreadable', `cannot be read (${errorText(err)})`, { cause: err });
  }
  if (lines < expected) {
    throw new DataFileError(log, 'truncated', `holds ${lines} score event(s), but ${path} counts ${expected}: the score log is shorter than its data file says`);
  }
  return { ...checked, logLines: lines };
}

/** The newest backup of `file` whose data file parses and validates and whose score log copy is complete, or null. */
export async function newestGoodBackup(file: string): Promise<string | null> {
  for (const backup of await listBackups(file)) {
    try {
      await checkBackup(backup.path);
      return backup.path;
    } catch {
      // damaged too: try the one before
    }
  }
  return null;
}
