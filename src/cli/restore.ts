// `coach restore --from BACKUP | --empty [--file DATA_FILE]`: recovery when the data file cannot be read
// (the message the coach prints at start names the exact command). The current files are never deleted:
// they are kept beside the data file as `<file>.broken-<time>` (and `<score log>.broken-<time>`). A backup
// is checked, under the data file's lock, before anything moves (its data file and its score log copy,
// see checkBackup), and installed atomically (temp file, fsync, rename), so the data file is never missing
// or half-written: the data file is written from the very text that was checked. The score log copy is
// installed first, then the data file: lines of the copy beyond what the data file counts are dropped
// when the coach next opens it, as after a crash.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DataFileError,
  acquireLock,
  checkBackup,
  copyFileDurably,
  dataFileFromEnv,
  errorCode,
  errorText,
  listBackups,
  scoreLogFile,
  shortLogProblem,
  stamp,
  syncDir,
  syncFile,
  unlinkIfExists,
  writeFileDurably,
} from '../store/index.js';

export interface RestoreIo {
  out(s: string): void;
  err(s: string): void;
  env: Record<string, string | undefined>;
}

const USAGE = `usage: coach restore --from BACKUP [--file DATA_FILE]   install a backup (and its score log) as the data
       coach restore --empty [--file DATA_FILE]         move the data aside; the coach starts empty
The data file is COACH_DATA_FILE (default ./data/coach.json) unless --file is given; its score log is
beside it (coach.scores.jsonl). The current files are kept as <name>.broken-<time>, never deleted.
Stop the coach first.
`;

export async function restore(argv: string[], io: RestoreIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { from: { type: 'string' }, empty: { type: 'boolean' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    io.err(`coach restore: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const file = dataFileFromEnv(io.env, values.file);
  if ((values.from === undefined) === (values.empty !== true)) {
    io.err(`coach restore: give either --from BACKUP or --empty.\n${USAGE}${await backupList(file)}`);
    return 2;
  }
  if (values.from !== undefined && resolve(values.from) === file) {
    io.err(`coach restore: the backup and the data file are the same file (${file}).\n${USAGE}`);
    return 2;
  }
  try {
    return values.from !== undefined ? await restoreFrom(resolve(values.from), file, io) : await restoreEmpty(file, io);
  } catch (err) {
    io.err(`coach restore: failed: ${errorText(err)}\n`);
    return 1;
  }
}

async function restoreFrom(backup: string, file: string, io: RestoreIo): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  return withLock(file, io, async () => {
    let checked;
    try {
      checked = await checkBackup(backup);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      const which = err.file === backup ? `the backup ${backup}` : `the backup's score log ${err.file}`;
      io.err(`coach restore: ${which} ${err.description}. Nothing was changed.\n${await backupList(file)}`);
      return 1;
    }
    const expected = checked.data.logEntries;
    const log = scoreLogFile(file);
    const backupLog = scoreLogFile(backup);
    const time = stamp(new Date());
    const aside = await keepAside(file, 'link', time);
    const logAside = await keepAside(log, 'link', time);
    // The score log first: the data file installed after it counts at most the lines it holds.
    const installed = await installLog(backupLog, log, backup, expected);
    await writeFileDurably(file, checked.text);
    if (aside) io.out(`Kept the previous data file as ${aside}.\n`);
    if (logAside) io.out(`Kept the previous score log as ${logAside}.\n`);
    if (installed) io.out(`Restored its score log ${backupLog} as ${log}.\n`);
    const events = expected > 0 ? `, ${expected} score event(s) in its score log` : '';
    const summary = `schema version ${checked.version}, ${Object.keys(checked.data.workspaces).length} workspace(s)${events}`;
    io.out(`Restored ${backup} (${summary}) as ${file}.\nStart the coach again; changes made after that backup was taken are not in it.\n`);
    return 0;
  });
}

/**
 * Installs the backup's score log copy (checked by checkBackup: it holds the `expected` lines its data
 * file counts) as the score log, or removes the current log (already kept aside) when the backup has none:
 * a backup from before the score log, whose events are still in its data file. Returns whether a copy was
 * installed.
 */
async function installLog(from: string, to: string, backup: string, expected: number): Promise<boolean> {
  if (await copyFileDurably(from, to)) return true;
  if (expected > 0) throw new Error(`the backup's score log ${from} ${shortLogProblem(null, expected, backup)} (it was there a moment ago)`);
  await unlinkIfExists(to);
  await syncDir(dirname(to));
  return false;
}

async function restoreEmpty(file: string, io: RestoreIo): Promise<number> {
  const log = scoreLogFile(file);
  if (!(await exists(file)) && !(await exists(log))) {
    io.out(`There is no data file at ${file}: nothing to move. The coach will create it, empty, when it starts.\n`);
    return 0;
  }
  return withLock(file, io, async () => {
    const time = stamp(new Date());
    const aside = await keepAside(file, 'rename', time);
    const logAside = await keepAside(log, 'rename', time);
    if (aside) io.out(`Moved the data file ${file} to ${aside}.\n`);
    if (logAside) io.out(`Moved the score log ${log} to ${logAside}.\n`);
    io.out(`The coach will start with empty data (a new ${file}).\n`);
    return 0;
  });
}

async function withLock(file: string, io: RestoreIo, fn: () => Promise<number>): Promise<number> {
  const lock = await acquireLock(file);
  if (!lock.ok) {
    io.err(`coach restore: the data file ${file} ${lock.reason}. Nothing was changed.\n`);
    return 1;
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/**
 * Keeps the current file as `<file>.broken-<time>`. 'link' adds that name and leaves the file in place
 * (the caller then replaces it atomically, so there is never a moment without a data file); 'rename'
 * moves it. Returns the new name, or null when there was no file.
 */
async function keepAside(file: string, how: 'link' | 'rename', time: string): Promise<string | null> {
  if (!(await exists(file))) return null;
  const aside = `${file}.broken-${time}`;
  if (how === 'rename') {
    await rename(file, aside);
  } else {
    try {
      await link(file, aside);
    } catch (err) {
      // No hard links on this file system: a durable copy instead.
      if (errorCode(err) === 'EEXIST') throw err;
      await copyFile(file, aside, constants.COPYFILE_EXCL);
      await syncFile(aside);
    }
  }
  await syncDir(dirname(file));
  return aside;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

async function backupList(file: string): Promise<string> {
  const backups = await listBackups(file).catch(() => []);
  if (backups.length === 0) return `No backups found for ${file}.\n`;
  const lines = [`Backups of ${file}, newest first:`];
  for (const b of backups) {
    let state = 'good';
    try {
      await checkBackup(b.path);
    } catch (err) {
      state = err instanceof DataFileError ? `damaged: ${err.file === b.path ? '' : `its score log ${err.file} `}${err.description}` : `damaged: ${errorText(err)}`;
    }
    lines.push(`  ${b.path}  (${state})`);
  }
  return lines.join('\n') + '\n';
}
