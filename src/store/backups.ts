// Rolling backups, one per UTC day: `<dir of file>/backups/<name>-YYYY-MM-DD.json` (`coach-…` for the
// default coach.json), the newest `keep` (7) days kept. A day's backup is a byte copy of the data file
// taken when it was known good (just read at open, or just written), written durably like the file, with
// a copy of the score log beside it under the same name (`coach-YYYY-MM-DD.scores.jsonl`, see
// scoreLogFile). It is refreshed during the day (at each start, and by the store as changes come in), so
// it is never the empty file of the day's first start. The log is copied FIRST, then the data file: the
// log only grows, so the copy holds at least the lines the copied document counts (its logEntries); any
// extra lines are dropped when the backup is restored and opened, like after a crash. A refresh appends
// to the log copy only what the log gained since (the log can reach hundreds of MB).
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { DataFileError, errorCode, errorText } from './errors.js';
import { copyFileDurably, readDataFile, unlinkIfExists, type DataFile } from './fsync-adapter.js';
import { scanLog, scoreLogFile, shortLogProblem } from './score-log.js';

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

export interface Backup {
  path: string;
  day: string;
}

/** The backup folder's files of `file`: its backups, newest first, and the days of the score log copies found. */
interface BackupFolder {
  backups: Backup[];
  logCopyDays: Set<string>;
}

/** One listing of the backup folder. */
async function readBackupFolder(file: string): Promise<BackupFolder> {
  let names: string[];
  try {
    names = await readdir(backupDir(file));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { backups: [], logCopyDays: new Set() };
    throw err;
  }
  // backupPath's names, `<stem>-YYYY-MM-DD.json`, and their scoreLogFile, `<stem>-YYYY-MM-DD.scores.jsonl`.
  const pattern = new RegExp(`^${escapeRegExp(stem(file))}-(\\d{4}-\\d{2}-\\d{2})(\\.json|\\.scores\\.jsonl)$`);
  const folder: BackupFolder = { backups: [], logCopyDays: new Set() };
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const day = match[1]!;
    if (match[2] === '.json') folder.backups.push({ path: join(backupDir(file), name), day });
    else folder.logCopyDays.add(day);
  }
  folder.backups.sort(newestFirst);
  return folder;
}

function newestFirst(a: Backup, b: Backup): number {
  return a.day < b.day ? 1 : a.day > b.day ? -1 : 0;
}

/** The backups of `file`, newest first. */
export async function listBackups(file: string): Promise<Backup[]> {
  return (await readBackupFolder(file)).backups;
}

/**
 * Makes, or brings up to date, the backup of `day` from the current files (the score log copy first, then
 * the data file), then keeps the newest `keep` days. `logRewritten`: the score log's recorded lines
 * changed (a member forgotten), so its copy is made whole again rather than appended to: a rewrite can
 * keep the log's length and last bytes. Throws when the data file is missing or a copy fails.
 */
export async function refreshBackup(file: string, day: string, keep = DEFAULT_BACKUPS_KEPT, logRewritten = false): Promise<void> {
  const folder = await readBackupFolder(file);
  const target = backupPath(file, day);
  await mkdir(backupDir(file), { recursive: true });
  // The log first (see the top of this file); no log yet: no copy, and none left from an earlier try.
  if (await syncLogCopy(scoreLogFile(file), scoreLogFile(target), logRewritten)) folder.logCopyDays.add(day);
  else await unlinkIfExists(scoreLogFile(target));
  if (!(await copyFileDurably(file, target))) throw new Error(`${file} does not exist`);
  if (!folder.backups.some((b) => b.day === day)) {
    folder.backups.push({ path: target, day });
    folder.backups.sort(newestFirst);
  }
  await pruneBackups(file, keep, folder);
}

/** How many bytes at the end of a log copy are compared with the log to tell that the copy is its start. */
const TAIL_CHECK_BYTES = 4096;

/**
 * Makes `copy` hold the score log `log`: appends what the log gained since the copy was made when the
 * copy is the start of the log (its last bytes match) and `whole` is false, else copies the log whole.
 * False, copying nothing, when there is no log.
 */
async function syncLogCopy(log: string, copy: string, whole: boolean): Promise<boolean> {
  const logSize = await sizeOf(log);
  if (logSize === null) return false;
  const copySize = await sizeOf(copy);
  if (whole || copySize === null || copySize > logSize || !(await sameBytes(log, copy, Math.max(0, copySize - TAIL_CHECK_BYTES), copySize))) {
    return copyFileDurably(log, copy);
  }
  if (copySize === logSize) return true;
  const handle = await open(copy, 'a');
  try {
    for await (const chunk of createReadStream(log, { start: copySize, end: logSize - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Whether two files hold the same bytes from `start` to `end` (exclusive). */
async function sameBytes(a: string, b: string, start: number, end: number): Promise<boolean> {
  if (end <= start) return true;
  const [x, y] = await Promise.all([readRange(a, start, end), readRange(b, start, end)]);
  return x.equals(y);
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Deletes all but the newest `keep` backups, then the score log copies left without a kept backup. */
async function pruneBackups(file: string, keep: number, folder: BackupFolder): Promise<void> {
  const kept = folder.backups.slice(0, Math.max(keep, 1));
  for (const old of folder.backups.slice(kept.length)) await unlinkIfExists(old.path);
  const keptDays = new Set(kept.map((b) => b.day));
  for (const day of folder.logCopyDays) {
    if (!keptDays.has(day)) await unlinkIfExists(scoreLogFile(backupPath(file, day)));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a data or backup file and checks that this version of Support Coach can open it: valid JSON, a
 * known schema version, the expected structure once migrated (in memory only). Throws DataFileError.
 */
export async function checkDataFile(path: string): Promise<DataFile> {
  const read = await readDataFile(path);
  if (read === null) throw new DataFileError(path, 'unreadable', 'does not exist');
  return read;
}

/**
 * checkDataFile, then the score log beside the file (scoreLogFile): it must hold at least the lines the
 * document counts (its logEntries; a document from before the log, version 1, counts none). Used on
 * backups, so both files of a backup are checked. Throws DataFileError (naming the log when it is the log).
 */
export async function checkBackup(path: string): Promise<DataFile> {
  const checked = await checkDataFile(path);
  const expected = checked.data.logEntries;
  if (expected === 0) return checked;
  const log = scoreLogFile(path);
  let scan;
  try {
    scan = await scanLog(log, expected);
  } catch (err) {
    throw new DataFileError(log, 'unreadable', `cannot be read (${errorText(err)})`, { cause: err });
  }
  if (!scan.exists) throw new DataFileError(log, 'unreadable', shortLogProblem(null, expected, path));
  if (scan.lines < expected) throw new DataFileError(log, 'truncated', shortLogProblem(scan.lines, expected, path));
  return checked;
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
