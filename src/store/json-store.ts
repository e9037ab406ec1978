// The JSON-file implementation of CoachStore: one file (COACH_DATA_FILE, default ./data/coach.json) held
// in memory by lowdb, plus the append-only score log beside it (coach.scores.jsonl, see score-log.ts),
// written through one serialised queue with group commit.
//
// update(fn) applies fn to the in-memory data at once, in arrival order, then waits for the next write
// that includes the change. Writes happen one at a time; one starts `commitWindowMs` (2 ms) after the
// first change following an idle period, or as soon as the previous write ends, and covers every change
// applied so far. So thousands of concurrent answers cost a handful of writes, and a caller is told
// "recorded" only once its change is on disk.
//
// Score events: right after each update function, the events it pushed to a workspace's `scoreLog` are
// moved (tagged with that workspace's id) into a pending buffer, so the document always holds
// `scoreLog: []` and stays small. A write (commitBatch, through lowdb's db.write() and the adapter) then
// (1) serialises the document with `logEntries` counting the batch's lines, (2) appends those lines to
// the log and fsyncs it, (3) writes the document (temp file, fsync, rename, fsync of the folder), (4)
// resolves the callers. A crash between (2) and (3) leaves lines beyond logEntries: never confirmed, they
// are cut at the next open (as is a torn last line). A log with FEWER lines than logEntries lost
// confirmed history: the store refuses to open.
//
// A file that exists but cannot be used (unreadable, empty, not JSON, wrong structure, newer version, a
// score log shorter than it says) is never written, moved or deleted: openJsonStore rejects with a
// StoreOpenError that says what is wrong, names the newest good backup and the `coach restore` command.
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DEFAULT_BACKUPS_KEPT, backupDir, newestGoodBackup, refreshBackup, utcDay } from './backups.js';
import { DataFileError, StoreClosedError, StoreOpenError, StoreWriteError, errorCode, errorText } from './errors.js';
import { FsyncJsonAdapter, WriteFailure, copyFileDurably, isTempFileOf, syncDir, type AdapterFs } from './fsync-adapter.js';
import { acquireLock } from './lock.js';
import { SCHEMA_VERSION, emptyData, emptyWorkspace, type CoachData, type LogEntry, type ScoreEvent, type WorkspaceData } from './schema.js';
import { forEachLogEntry, logLine, moveToEnd, parseEntry, rewriteLog, scanLog, scoreLogFile, shortLogProblem, truncateLog } from './score-log.js';
import { newPseudonym, pseudonymiseEntry, scrubMember, type ForgetReport } from './forget-member.js';
import { describeWorkspace, type WorkspacePurgeReport } from './purge-workspace.js';
import type { CoachStore, WorkspaceStore } from './store.js';

export const DEFAULT_DATA_FILE = './data/coach.json';

/** The day's backup is refreshed after this many score events, or this long after a change, at most once a minute. */
export const DEFAULT_BACKUP_EVERY = { changes: 20, ms: 10 * 60_000, minMs: 60_000 } as const;

export interface JsonStoreOptions {
  /** How long the first change after an idle period waits for others to join its write. Default 2 ms. */
  commitWindowMs?: number;
  /** The clock, for the daily backups (tests fake the date). */
  now?: () => Date;
  /** How many days of backups to keep; 0 turns backups off. Default 7. */
  backupsKept?: number;
  /**
   * When the day's backup is refreshed while the store runs (it always is at open and on a new day):
   * after `changes` score events or `ms` since the last refresh with any change, and never sooner than
   * `minMs` after it. Default 20 score events, 10 minutes, 1 minute.
   */
  backupEvery?: { changes?: number; ms?: number; minMs?: number };
  /** File operations of the commit: data file writes and score log appends (tests inject failures). */
  fs?: AdapterFs;
  /** JSON indentation of the data file; default 0 (compact). */
  indent?: number;
  /** Non-fatal events: a migration done, a backup that failed, unconfirmed log lines dropped. Default: console.warn. */
  warn?: (message: string) => void;
}

export interface JsonStoreStats {
  /** Writes of the data file by the commit queue since open. */
  writes: number;
  /** Changes applied in memory and not yet on disk. */
  pending: number;
  /** The write error that stopped the store, or null. */
  failure: string | null;
  /** Size of the last write of the data file, in bytes. */
  lastWriteBytes: number;
  /** Bytes appended to the score log by the last write (0 when it had no score events). */
  lastLogBytes: number;
  /** Duration of the last write (serialise + log append + fsync + data file write + fsync + rename + folder fsync), in ms. */
  lastWriteMs: number;
  /** Score events recorded in the log (its confirmed lines). */
  logEntries: number;
  /** Score events applied and not yet recorded. */
  pendingLogEntries: number;
}

export interface JsonStore extends CoachStore {
  /** The data file, as an absolute path. */
  readonly file: string;
  /** The score log beside it (scoreLogFile), as an absolute path. */
  readonly logFile: string;
  stats(): JsonStoreStats;
  /**
   * Forgets a member of a workspace (Quebec's Law 25; issue 16): scrubs the document (forget-member.ts)
   * and rewrites the score log with a pseudonym in place of their id, then writes the document and
   * refreshes the day's backup. Waits for every pending write first, and holds back new writes until it
   * is done (changes still apply in memory meanwhile), so no append can interleave with the rewrite.
   * Resolves with what was removed (all counts 0 and memberEntry false: nothing was known about them).
   * Rejects like update() when the store is closed or stopped by a write failure.
   */
  forgetMember(workspace: string, member: string): Promise<ForgetReport>;
  /**
   * Deletes a workspace for good (`coach purge`, issue 13): its slice of the document and its score log
   * lines, then refreshes the day's backup. The log is first rewritten with the workspace's lines at its
   * end (moveToEnd), then the document without the workspace counting only the lines before them, then
   * the log is cut: a crash at any point leaves files that open consistently (the tail is cut at open as
   * unconfirmed). Meant for a quiet store (the CLI holds the data file's lock): changes applied meanwhile
   * are written with the document, their score events after the cut. Resolves with what was deleted
   * (`found` false and 0 lines: the store knew nothing of it). Rejects like update() when closed or stopped.
   */
  purgeWorkspace(workspace: string): Promise<WorkspacePurgeReport>;
}

/**
 * The data file, as an absolute path: `file` (a command's --file) when given, else the environment's
 * COACH_DATA_FILE, else ./data/coach.json.
 */
export function dataFileFromEnv(env: Record<string, string | undefined>, file?: string): string {
  const value = file?.trim() || env.COACH_DATA_FILE?.trim();
  return resolve(value ? value : DEFAULT_DATA_FILE);
}

/** Opens (creating on first run) the data file. Rejects with StoreOpenError when it cannot be used. */
export async function openJsonStore(file: string, options: JsonStoreOptions = {}): Promise<JsonStore> {
  const path = resolve(file);
  const warn = options.warn ?? ((m: string) => console.warn(m));
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (err) {
    const problem = `cannot be created: its folder ${dirname(path)} cannot be created (${errorText(err)})`;
    throw new StoreOpenError(`Support Coach cannot start: its data file ${path} ${problem}.`, path, problem, null, null, { cause: err });
  }
  let lock;
  try {
    lock = await acquireLock(path);
  } catch (err) {
    const problem = `cannot be locked (${errorText(err)})`;
    throw new StoreOpenError(`Support Coach cannot start: its data file ${path} ${problem}.`, path, problem, null, null, { cause: err });
  }
  if (!lock.ok) {
    throw new StoreOpenError(`Support Coach cannot start: its data file ${path} ${lock.reason}.`, path, lock.reason);
  }
  try {
    const logPath = scoreLogFile(path);
    await removeStaleTempFiles(dirname(path), [path, logPath]);
    const adapter = new FsyncJsonAdapter(path, { fs: options.fs, indent: options.indent });
    // lowdb holds the data in memory (db.data) and reads and writes it through the adapter.
    const db = new Low<CoachData>(adapter, emptyData());
    const migration = await loadOrCreate(path, logPath, db, adapter, warn);
    const log = await reconcileLog(path, logPath, db.data.logEntries, warn);
    await moveLoggedEvents(path, logPath, db, adapter, log, migration, warn);
    const now = options.now ?? (() => new Date());
    const keep = options.backupsKept ?? DEFAULT_BACKUPS_KEPT;
    const day = utcDay(now());
    if (keep > 0) await backupOrWarn(path, day, keep, warn);
    return new JsonFileStore(path, logPath, db, adapter, log, lock.release, {
      windowMs: options.commitWindowMs ?? 2,
      now,
      keep,
      warn,
      backupDay: day,
      backupEvery: {
        changes: options.backupEvery?.changes ?? DEFAULT_BACKUP_EVERY.changes,
        ms: options.backupEvery?.ms ?? DEFAULT_BACKUP_EVERY.ms,
        minMs: options.backupEvery?.minMs ?? DEFAULT_BACKUP_EVERY.minMs,
      },
    });
  } catch (err) {
    await lock.release();
    throw err;
  }
}

interface Migrated {
  from: number;
  /** Where the original file was copied. */
  copy: string;
}

/**
 * Reads the data file into db.data (lowdb's read, through the adapter: migrated in memory when it holds an
 * older schema version), or creates it, empty, on first run. Returns the migration to finish (by
 * moveLoggedEvents, which writes the new version) when the file held an older version: its original is
 * copied first.
 */
async function loadOrCreate(path: string, logPath: string, db: Low<CoachData>, adapter: FsyncJsonAdapter, warn: (m: string) => void): Promise<Migrated | null> {
  try {
    await db.read();
  } catch (err) {
    throw err instanceof DataFileError ? await refusalToOpen(path, err) : err;
  }
  const found = adapter.found;
  if (found === null) {
    // No file: db.data is still lowdb's default data, emptyData().
    try {
      await setOrphanLogAside(path, logPath, warn);
      await db.write();
    } catch (err) {
      const problem = `cannot be created (${errorText(err)})`;
      throw new StoreOpenError(`Support Coach cannot start: its data file ${path} ${problem}.`, path, problem, null, null, { cause: err });
    }
    return null;
  }
  if (found.version === SCHEMA_VERSION) return null;
  try {
    return { from: found.version, copy: await keepPreMigrationCopy(path, found.version, found.text) };
  } catch (err) {
    throw migrationWriteError(path, found.version, err);
  }
}

/** The StoreOpenError for a data file that read() could not use, by what is wrong with it. */
async function refusalToOpen(path: string, err: DataFileError): Promise<StoreOpenError> {
  const opening = `Support Coach cannot start: its data file ${path} ${err.description}.`;
  switch (err.problem) {
    case 'newer':
      return new StoreOpenError(`${opening}\nThe file was left as it is. Run that newer version of Support Coach (or later) on it.`, path, err.description, null, null, { cause: err });
    case 'unmigratable':
      return new StoreOpenError(`${opening}\nThe file was left as it is.`, path, err.description, null, null, { cause: err });
    default:
      // Damaged, or data that does not have the structure it should: say which backup restores it.
      return unusableFileError(path, err);
  }
}

function migrationWriteError(path: string, version: number, err: unknown): StoreOpenError {
  const problem = `(schema version ${version}) could not be migrated to version ${SCHEMA_VERSION}: writing failed (${errorText(err)})`;
  return new StoreOpenError(
    `Support Coach cannot start: its data file ${path} ${problem}.\nThe file still holds version ${version} (it is replaced in one step, never partly).`,
    path,
    problem,
    null,
    null,
    { cause: err },
  );
}

/**
 * No data file but a score log: the log belongs to data that is gone (deleted, or moved by hand). It is
 * kept, renamed `<log>.orphan-<time>`, and the coach starts with an empty log.
 */
async function setOrphanLogAside(path: string, logPath: string, warn: (m: string) => void): Promise<void> {
  let size: number;
  try {
    size = (await stat(logPath)).size;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return;
    throw err;
  }
  if (size === 0) return;
  const aside = `${logPath}.orphan-${stamp(new Date())}`;
  await rename(logPath, aside);
  await syncDir(dirname(logPath));
  warn(`Support Coach found a score log ${logPath} but no data file ${path}: it starts with empty data, and kept that log as ${aside}.`);
}

interface LogState {
  /** Confirmed lines (the document's logEntries once written). */
  lines: number;
  /** Bytes of those lines: the log file's size. */
  bytes: number;
  /** Lines of the commit in progress: maybe in the file, not confirmed yet. */
  writing: string[];
}

/**
 * Brings the score log in line with the document: lines beyond `expected` (a batch whose data-file write
 * never happened) and a torn last line are cut off; FEWER complete lines than `expected` means confirmed
 * history is missing, and the store refuses to open.
 */
async function reconcileLog(path: string, logPath: string, expected: number, warn: (m: string) => void): Promise<LogState> {
  let scan;
  try {
    scan = await scanLog(logPath, expected);
  } catch (err) {
    const problem = `cannot be read (${errorText(err)})`;
    throw new StoreOpenError(
      `Support Coach cannot start: its score log ${logPath} ${problem}.\nIf only its permissions or ownership are wrong, fix them and start again.`,
      logPath,
      problem,
      null,
      null,
      { cause: err },
    );
  }
  if (scan.offsetOfExpected === null) throw await shortLogError(path, logPath, scan.exists ? scan.lines : null, expected);
  const keep = scan.offsetOfExpected;
  if (scan.size > keep) {
    try {
      await truncateLog(logPath, keep);
    } catch (err) {
      const problem = `cannot be repaired: its unconfirmed end could not be cut off (${errorText(err)})`;
      throw new StoreOpenError(`Support Coach cannot start: its score log ${logPath} ${problem}.`, logPath, problem, null, null, { cause: err });
    }
    const dropped = scan.lines - expected;
    const what = [
      dropped > 0 ? `${dropped} score event(s) written just before a crash and never confirmed (${path} counts ${expected})` : '',
      scan.tornBytes > 0 ? `a last line cut short (${scan.tornBytes} bytes)` : '',
    ].filter(Boolean);
    warn(`Support Coach dropped from the end of its score log ${logPath}: ${what.join(' and ')}.`);
  }
  return { lines: expected, bytes: keep, writing: [] };
}

async function shortLogError(path: string, logPath: string, lines: number | null, expected: number): Promise<StoreOpenError> {
  const problem = shortLogProblem(lines, expected, `its data file ${path}`);
  return recoveryError(path, `its score log ${logPath} ${problem}`, logPath, problem, 'Both files were left as they are: nothing was written, moved or deleted.', false);
}

/**
 * The commit: (1) the document counts the confirmed lines and `lines` (logEntries) and, in db.write(), is
 * serialised at once; (2) `lines` are appended to the score log and fsynced; (3) the document is written
 * (temp file, fsync, rename, folder fsync); (4) the log counters move on. (1) to (3) are the adapter's
 * write (FsyncJsonAdapter.write), which lowdb's write() calls synchronously with db.data: the document
 * written is the state at the call, and nothing else runs in between. This order makes a crash safe: the
 * log never holds fewer lines than a document on disk counts. Throws the adapter's WriteFailure, which
 * names the file that failed; the counters are then left as they were.
 */
async function commitBatch(db: Low<CoachData>, adapter: FsyncJsonAdapter, log: LogState, lines: string[]): Promise<void> {
  db.data.logEntries = log.lines + lines.length;
  log.writing = lines;
  adapter.stageLogLines(lines);
  await db.write();
  log.lines += lines.length;
  log.bytes += adapter.lastLogBytes;
  log.writing = [];
}

/**
 * Moves score events still inside the document's scoreLog lists (a file from before the score log, or
 * one just migrated) to the log, then writes the document when it changed: the first write of a migrated
 * file, after its log lines, like any commit.
 */
async function moveLoggedEvents(
  path: string,
  logPath: string,
  db: Low<CoachData>,
  adapter: FsyncJsonAdapter,
  log: LogState,
  migration: Migrated | null,
  warn: (m: string) => void,
): Promise<void> {
  const lines: string[] = [];
  try {
    for (const id of Object.keys(db.data.workspaces)) takeEvents(id, db.data.workspaces[id], lines);
    if (lines.length === 0 && migration === null) return;
    await commitBatch(db, adapter, log, lines);
  } catch (err) {
    if (migration !== null) throw migrationWriteError(path, migration.from, err);
    const problem = `still holds score events in it that could not be moved to the score log ${logPath} (${errorText(err)})`;
    throw new StoreOpenError(`Support Coach cannot start: its data file ${path} ${problem}.\nThe file was left as it is.`, path, problem, null, null, { cause: err });
  }
  if (migration !== null) {
    warn(`Support Coach migrated its data file ${path} from schema version ${migration.from} to ${SCHEMA_VERSION}; the original is kept as ${migration.copy}.`);
  }
  if (lines.length > 0) warn(`Support Coach moved ${lines.length} score event(s) from its data file ${path} to its score log ${logPath}.`);
}

/**
 * Moves the events of `ws.scoreLog` to `into`, as log lines tagged with the workspace id, and empties the
 * list. All serialised first: an event that cannot be (it throws) leaves the list as it was.
 */
function takeEvents(workspace: string, ws: WorkspaceData | undefined, into: string[]): void {
  const events = ws?.scoreLog;
  if (!Array.isArray(events) || events.length === 0) return;
  const before = into.length;
  try {
    for (const event of events) into.push(logLine(workspace, event));
  } catch (err) {
    into.length = before;
    throw err;
  }
  events.length = 0;
}

/**
 * Copies the file (a byte copy) as `<file>.v<N>.bak` before a migration, unless that copy already holds
 * `text` (the file's content, as read at open); a distinct name if it holds something else.
 */
async function keepPreMigrationCopy(path: string, version: number, text: string): Promise<string> {
  let target = `${path}.v${version}.bak`;
  const existing = await readFile(target, 'utf8').catch(() => null);
  if (existing === text) return target;
  if (existing !== null) target = `${path}.v${version}-${stamp(new Date())}.bak`;
  if (!(await copyFileDurably(path, target))) throw new Error(`${path} does not exist`);
  return target;
}

/** The StoreOpenError for a file that exists and cannot be used: what is wrong, the backup, the command. */
function unusableFileError(path: string, err: DataFileError): Promise<StoreOpenError> {
  const leftAlone = 'The file was left as it is: nothing was written, moved or deleted.';
  return recoveryError(path, `its data file ${path} ${err.description}`, path, err.description, leftAlone, err.problem === 'unreadable', err);
}

/**
 * A refusal to open that a backup can repair: `what` is wrong, the newest good backup (both of its files
 * checked) and the `coach restore` command that installs it (or moves the data aside when there is none).
 */
async function recoveryError(
  path: string,
  what: string,
  file: string,
  problem: string,
  leftAlone: string,
  maybePermissions: boolean,
  cause?: unknown,
): Promise<StoreOpenError> {
  const backup = await newestGoodBackup(path).catch(() => null);
  const fileArg = path === resolve(DEFAULT_DATA_FILE) ? '' : ` --file ${shellQuote(path)}`;
  const command = backup ? `npx coach restore --from ${shellQuote(backup)}${fileArg}` : `npx coach restore --empty${fileArg}`;
  const aside = `${basename(path)}.broken-<time>`;
  const lines = [
    `Support Coach cannot start: ${what}.`,
    leftAlone,
    backup ? `Newest good backup: ${backup}` : `No backup found (looked in ${backupDir(path)}).`,
  ];
  if (maybePermissions) lines.push('If only its permissions or ownership are wrong, fix them and start again. Otherwise:');
  lines.push(
    backup
      ? `To restore that backup (the current data file is kept beside it as ${aside}; an intact score log stays, and the score changes made after the backup are replayed from it), run:`
      : `To move the damaged data aside (kept as ${aside}) and start with empty data, run:`,
    `  ${command}`,
  );
  return new StoreOpenError(lines.join('\n'), file, problem, backup, command, cause === undefined ? undefined : { cause });
}

/** Refreshes the day's backup; a failure is only warned about (the store goes on). Returns whether it was made. */
async function backupOrWarn(path: string, day: string, keep: number, warn: (m: string) => void, logRewritten = false): Promise<boolean> {
  try {
    await refreshBackup(path, day, keep, logRewritten);
    return true;
  } catch (err) {
    warn(`Support Coach could not make today's backup of ${path} in ${backupDir(path)}: ${errorText(err)}. It will try again after the next changes.`);
    return false;
  }
}

/** Removes the `<file>.tmp-*` files left by a process that died mid-write, for each of `files` (all in `dir`). */
async function removeStaleTempFiles(dir: string, files: string[]): Promise<void> {
  for (const name of await readdir(dir)) {
    if (files.some((file) => isTempFileOf(file, name))) await unlink(resolve(dir, name)).catch(() => undefined);
  }
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

interface QueueOptions {
  windowMs: number;
  now: () => Date;
  keep: number;
  warn: (m: string) => void;
  backupDay: string;
  backupEvery: { changes: number; ms: number; minMs: number };
}

/**
 * Set by workspaceStore on the function it passes to update(): the one workspace that function can reach,
 * so the store looks for new score events there only (instead of in every workspace, after every update).
 */
const ONLY_WORKSPACE = Symbol('onlyWorkspace');
type UpdateFn<T> = ((data: CoachData) => T) & { [ONLY_WORKSPACE]?: string };

class JsonFileStore implements JsonStore {
  /** Callers whose changes are applied in memory and wait for the next write. */
  private batch: Waiter[] = [];
  /** Changes applied (or half-applied by a throwing fn) since the last write started. */
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private applying = false;
  private failure: StoreWriteError | null = null;
  private closing: Promise<void> | null = null;
  private writes = 0;
  private lastWriteMs = 0;
  private backupDay: string;
  /** When the day's backup was last refreshed (ms, options.now()), and the score events and writes since. */
  private lastBackupAt: number;
  private eventsSinceBackup = 0;
  private writesSinceBackup = 0;
  /** Log lines of score events applied since the last write started (the next write appends them). */
  private pendingLines: string[] = [];
  /** Set while forgetMember rewrites the log: no write starts, readLog waits. */
  private rewriting: Promise<unknown> | null = null;

  constructor(
    readonly file: string,
    readonly logFile: string,
    private readonly db: Low<CoachData>,
    private readonly adapter: FsyncJsonAdapter,
    /**
     * The confirmed part of the log, its lines and their bytes (the file holds exactly these between
     * writes), and the lines of the write in progress.
     */
    private readonly log: LogState,
    private readonly releaseLock: () => Promise<void>,
    private readonly options: QueueOptions,
  ) {
    this.backupDay = options.backupDay;
    this.lastBackupAt = options.now().getTime();
  }

  read<T>(fn: (data: Readonly<CoachData>) => T): T {
    return fn(this.db.data);
  }

  update<T>(fn: (data: CoachData) => T): Promise<T> {
    if (this.failure) {
      return Promise.reject(
        new StoreWriteError(
          `Support Coach is not recording changes: an earlier write to ${this.failure.file} failed (${errorText(this.failure.cause)}). Fix the cause and restart the bot.`,
          this.failure.file,
          { cause: this.failure },
        ),
      );
    }
    if (this.closing) return Promise.reject(new StoreClosedError(`The store of ${this.file} is closed: this change was not recorded.`));
    if (this.applying) return Promise.reject(new Error('update() was called from inside an update function: apply all the changes in one function.'));
    let result: T;
    this.applying = true;
    try {
      result = fn(this.db.data);
      this.takeScoreEvents((fn as UpdateFn<T>)[ONLY_WORKSPACE]);
    } catch (err) {
      // No roll-back (see CoachStore.update): whatever fn changed before throwing, score events included,
      // is written with the next batch.
      this.takeScoreEvents((fn as UpdateFn<T>)[ONLY_WORKSPACE], true);
      this.dirty = true;
      this.schedule();
      return Promise.reject(err);
    } finally {
      this.applying = false;
    }
    this.dirty = true;
    if (isThenable(result)) {
      this.schedule();
      return Promise.reject(new TypeError('update(fn): fn returned a promise; it must be synchronous (changes after an await would not be recorded).'));
    }
    return new Promise<T>((resolve, reject) => {
      this.batch.push({ resolve: () => resolve(result), reject });
      this.schedule();
    });
  }

  async readLog(workspace?: string): Promise<LogEntry[]> {
    while (this.rewriting) await this.rewriting.catch(() => undefined);
    // What is confirmed is in the file's first `bytes` bytes, which never change while the store is open;
    // the rest is still in memory. Both taken now, so an event is neither missed nor seen twice.
    const bytes = this.log.bytes;
    const unconfirmed = [...this.log.writing, ...this.pendingLines];
    const entries: LogEntry[] = [];
    await forEachLogEntry(this.logFile, { bytes, workspace }, (entry) => void entries.push(entry));
    unconfirmed.forEach((line, i) => {
      const entry = parseEntry(line, `(pending score event ${i + 1})`, i + 1);
      if (workspace === undefined || entry.workspace === workspace) entries.push(entry);
    });
    return entries;
  }

  stats(): JsonStoreStats {
    return {
      writes: this.writes,
      pending: this.batch.length,
      failure: this.failure ? errorText(this.failure.cause) : null,
      lastWriteBytes: this.adapter.lastBytes,
      lastLogBytes: this.adapter.lastLogBytes,
      lastWriteMs: this.lastWriteMs,
      logEntries: this.log.lines,
      pendingLogEntries: this.log.writing.length + this.pendingLines.length,
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      await this.flushQueue();
      await this.releaseLock();
    })();
    return this.closing;
  }

  /**
   * Moves new score events out of the document into the pending log lines: from `only`, or from every
   * workspace. `quiet`: after a throwing update, whose own error is the one to report.
   */
  private takeScoreEvents(only: string | undefined, quiet = false): void {
    try {
      const workspaces = this.db.data.workspaces;
      if (only !== undefined) {
        if (Object.hasOwn(workspaces, only)) takeEvents(only, workspaces[only], this.pendingLines);
        return;
      }
      for (const id of Object.keys(workspaces)) takeEvents(id, workspaces[id], this.pendingLines);
    } catch (err) {
      if (!quiet) throw err;
    }
  }

  /** A write starts after the commit window, unless one is running: that one's loop takes the change. */
  private schedule(): void {
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, this.options.windowMs);
  }

  forgetMember(workspace: string, member: string): Promise<ForgetReport> {
    // The scrubbed document (same log count), with any change applied meanwhile and its score events, is
    // written by the queue as usual, after the log: a crash in between leaves the member in the document
    // only, and running the command again removes them. Today's backup is made again, without them; older
    // backups age out (see the README's Privacy section).
    return this.rewriteAlone('nobody was forgotten', () => this.rewriteForgetting(workspace, member), () => true);
  }

  purgeWorkspace(workspace: string): Promise<WorkspacePurgeReport> {
    // Changes applied during the purge had their document written with it; their score events now follow.
    return this.rewriteAlone('nothing was deleted', () => this.rewritePurging(workspace), () => this.pendingLines.length > 0 || this.batch.length > 0);
  }

  /**
   * Runs `rewrite` (of the log and the document) alone: after everything applied so far is on disk (so it
   * sees the whole history) and with the write queue held; then writes what came meanwhile (`writeAgain`
   * says whether the document must be written again) and refreshes today's backup. `nothingDone` ends the
   * refusal when the store is closed or failing. Rejects with StoreClosedError or StoreWriteError.
   */
  private rewriteAlone<T>(nothingDone: string, rewrite: () => Promise<T>, writeAgain: () => boolean): Promise<T> {
    if (this.closing) return Promise.reject(new StoreClosedError(`The store of ${this.file} is closed: ${nothingDone}.`));
    return (async () => {
      while (this.rewriting) await this.rewriting.catch(() => undefined);
      await this.flushQueue();
      if (this.failure) throw new StoreWriteError(`Support Coach is not recording changes (${errorText(this.failure.cause)}): ${nothingDone}.`, this.failure.file, { cause: this.failure });
      const done = rewrite();
      this.rewriting = done;
      let result: T;
      try {
        result = await done;
      } finally {
        this.rewriting = null;
      }
      if (writeAgain()) this.dirty = true;
      await this.flushQueue();
      if (this.failure) throw this.failure;
      if (this.options.keep > 0) await backupOrWarn(this.file, utcDay(this.options.now()), this.options.keep, this.options.warn, true);
      return result;
    })();
  }

  /** Runs the write queue until nothing is left to write (or it failed). */
  private async flushQueue(): Promise<void> {
    while (this.running || (this.dirty && !this.failure)) {
      this.kick();
      await this.whenIdle();
    }
  }

  /** purgeWorkspace's three steps, once the queue is idle and held: log reordered, document written, log cut. */
  private async rewritePurging(workspace: string): Promise<WorkspacePurgeReport> {
    const moved = await moveToEnd(this.logFile, this.log.bytes, (entry) => entry.workspace === workspace);
    const data = this.db.data;
    const ws = Object.hasOwn(data.workspaces, workspace) ? data.workspaces[workspace] : undefined;
    const report = describeWorkspace(workspace, ws, moved.moved);
    if (!ws && moved.moved === 0) return report;
    delete data.workspaces[workspace];
    // Its claims (issue 13's `slot:WS:…` and `offer:WS:…` keys) name it and its channels: they go too.
    const claims = data.claims;
    if (claims) for (const key of Object.keys(claims)) if (claimOf(key) === workspace) delete claims[key];
    const before = { lines: this.log.lines, bytes: this.log.bytes };
    this.log.lines = moved.keptLines;
    this.log.bytes = moved.keptBytes;
    try {
      await commitBatch(this.db, this.adapter, this.log, []);
      this.writes += 1;
      this.writesSinceBackup += 1;
    } catch (err) {
      // The document on disk still has the workspace and counts every line: consistent with the log.
      Object.assign(this.log, before);
      this.fail(err, []);
      throw this.failure ?? err;
    }
    try {
      await truncateLog(this.logFile, moved.keptBytes);
    } catch (err) {
      // The document counts only the lines in front: the next open cuts the tail itself.
      this.fail(new WriteFailure(this.logFile, err), []);
      throw this.failure ?? err;
    }
    return report;
  }

  /** The first half of forgetMember, once the queue is idle: the document scrubbed in memory, the log rewritten. */
  private async rewriteForgetting(workspace: string, member: string): Promise<ForgetReport> {
    const data = this.db.data;
    const pseudonym = newPseudonym();
    const ws = Object.hasOwn(data.workspaces, workspace) ? data.workspaces[workspace] : undefined;
    const report: ForgetReport = ws
      ? scrubMember(ws, workspace, member, pseudonym)
      : { workspace, member, pseudonym, memberEntry: false, answers: 0, totals: 0, points: 0, incidents: 0, walls: 0, logEntries: 0 };
    try {
      const rewritten = await rewriteLog(this.logFile, this.log.bytes, (entry) =>
        entry.workspace === workspace ? pseudonymiseEntry(entry, member, report.name, pseudonym) : null);
      this.log.bytes = rewritten.bytes;
      report.logEntries = rewritten.changed;
    } catch (err) {
      // The old log is intact (the new one never replaced it) but the document was scrubbed in memory: stop
      // recording rather than write a document that disagrees with the log.
      this.fail(new WriteFailure(this.logFile, err), []);
      throw this.failure ?? err;
    }
    return report;
  }

  private kick(): void {
    if (this.running || !this.dirty || this.failure || this.rewriting) return;
    this.running = true;
    void this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty && !this.failure) {
        // From here to the serialisation nothing else runs: the write holds exactly the changes of
        // `batch` and their score events, and changes arriving during the write wait for the next one.
        const batch = this.batch;
        this.batch = [];
        this.dirty = false;
        const started = performance.now();
        try {
          this.takeScoreEvents(undefined); // only events pushed outside an update could be left: none, normally
          const lines = this.pendingLines;
          this.pendingLines = [];
          // The log lines, fsynced; then the document that counts them (serialised now); then the callers.
          await commitBatch(this.db, this.adapter, this.log, lines);
          this.eventsSinceBackup += lines.length;
          this.writesSinceBackup += 1;
        } catch (err) {
          this.fail(err, batch);
          return;
        }
        this.lastWriteMs = performance.now() - started;
        this.writes += 1;
        // A due backup is made before the callers are told (so "recorded" also means "backed up" then);
        // it is due at most once a minute, and its failure is only warned about.
        await this.backupIfDue();
        for (const waiter of batch) waiter.resolve();
      }
    } finally {
      this.running = false;
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /**
   * Refreshes the day's backup from the files just written (nothing else writes meanwhile): on a new day,
   * else after `backupEvery.changes` score events or `backupEvery.ms` with changes, at most once per
   * `backupEvery.minMs`. So a backup is never far behind the day's data.
   */
  private async backupIfDue(): Promise<void> {
    if (this.options.keep <= 0 || this.writesSinceBackup === 0) return;
    const now = this.options.now();
    const day = utcDay(now);
    const since = now.getTime() - this.lastBackupAt;
    const every = this.options.backupEvery;
    const due = day !== this.backupDay || (since >= every.minMs && (this.eventsSinceBackup >= every.changes || since >= every.ms));
    if (!due) return;
    this.backupDay = day;
    this.lastBackupAt = now.getTime();
    if (await backupOrWarn(this.file, day, this.options.keep, this.options.warn)) {
      this.eventsSinceBackup = 0;
      this.writesSinceBackup = 0;
    }
  }

  private whenIdle(): Promise<void> {
    return this.running ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  private fail(err: unknown, batch: Waiter[]): void {
    const file = err instanceof WriteFailure ? err.file : this.file;
    const waiting = [...batch, ...this.batch];
    this.batch = [];
    const what = file === this.logFile ? 'score log' : 'data file';
    this.failure = new StoreWriteError(
      `Support Coach could not write its ${what} ${file}: ${errorText(err)}. ` +
        `${waiting.length} change(s) were NOT recorded, and no further change will be until the bot is restarted.`,
      file,
      { cause: err },
    );
    this.options.warn(this.failure.message);
    for (const waiter of waiting) waiter.reject(this.failure);
  }
}

/** One workspace's slice of a store. Reading an unknown workspace sees an empty, frozen slice and creates nothing. */
export function workspaceStore(store: CoachStore, workspaceId: string): WorkspaceStore {
  if (typeof workspaceId !== 'string' || workspaceId === '' || workspaceId === '__proto__') {
    throw new TypeError(`workspaceStore: invalid workspace id ${JSON.stringify(workspaceId)}`);
  }
  const own = (data: Readonly<CoachData>): WorkspaceData | undefined =>
    Object.hasOwn(data.workspaces, workspaceId) ? data.workspaces[workspaceId] : undefined;
  return {
    workspace: workspaceId,
    read: (fn) => store.read((data) => fn(own(data) ?? EMPTY_WORKSPACE)),
    update: <T>(fn: (ws: WorkspaceData) => T) => {
      const inWorkspace: UpdateFn<T> = (data) => {
        const existing = own(data);
        const ws = existing ?? emptyWorkspace();
        if (!existing) data.workspaces[workspaceId] = ws;
        try {
          return fn(ws);
        } catch (err) {
          // A refused first change leaves no empty slice behind (unless it changed something).
          if (!existing && isUntouched(ws)) delete data.workspaces[workspaceId];
          throw err;
        }
      };
      inWorkspace[ONLY_WORKSPACE] = workspaceId;
      return store.update(inWorkspace);
    },
    // Only this workspace's lines, without the workspace id (the slice's events, as they were pushed).
    readLog: async () => (await store.readLog(workspaceId)).map(withoutWorkspace),
  };
}

function withoutWorkspace(entry: LogEntry): ScoreEvent {
  const { workspace: _own, ...event } = entry;
  return event;
}

const EMPTY_WORKSPACE: Readonly<WorkspaceData> = deepFreeze(emptyWorkspace());

function isUntouched(ws: WorkspaceData): boolean {
  return Object.keys(ws).length === 3 && Object.keys(ws.members).length === 0 && Object.keys(ws.channels).length === 0 && ws.scoreLog.length === 0;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** A file-name-safe timestamp: 2026-11-28T20-00-00-000Z. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The workspace a claim key names: its second field (`KIND:WORKSPACE:…`, see StorePort.claim's callers). */
function claimOf(key: string): string | undefined {
  return key.split(':')[1];
}
