// The score log file: `<data file without .json>.scores.jsonl` beside the data file (coach.json →
// coach.scores.jsonl), one JSON object per line, `{"workspace":…, …ScoreEvent}`, oldest first.
//
// It is only ever appended to (and fsynced) by the store's commit (two exceptions: rewriteLog, for a
// member's right to be forgotten, and moveToEnd, for purging a workspace), before the data file that counts its
// lines (`logEntries`) is written. So the first `logEntries` lines are the confirmed history, and anything
// after them is a batch whose data-file write never happened (a crash in between): the store truncates
// that tail at open. The file is read in chunks, never as one string (it grows to hundreds of MB).
import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorCode } from './errors.js';
import { syncDir, type AdapterFs } from './fsync-adapter.js';
import type { LogEntry, ScoreEvent } from './schema.js';
import { isRecord } from './validate.js';

/** The score log of a data file (or of a backup of it): `coach.json` → `coach.scores.jsonl`. */
export function scoreLogFile(dataFile: string): string {
  return `${dataFile.endsWith('.json') ? dataFile.slice(0, -5) : dataFile}.scores.jsonl`;
}

/** The line (without its newline) recording `event` for `workspace`; the workspace always comes first. */
export function logLine(workspace: string, event: ScoreEvent): string {
  // Fast path (one per score change): no copy of the event, the workspace spliced in front of its JSON.
  const body = typeof event === 'object' && event !== null && !Object.hasOwn(event, 'workspace') ? JSON.stringify(event) : undefined;
  if (body !== undefined && body.length > 2) return linePrefix(workspace) + body.slice(1);
  const { workspace: _ignored, ...rest } = (event ?? {}) as ScoreEvent & { workspace?: unknown };
  return JSON.stringify({ workspace, ...rest });
}

/** How every line written for `workspace` starts (JSON.stringify escapes the id, so no id is a prefix of another's). */
function linePrefix(workspace: string): string {
  return `{"workspace":${JSON.stringify(workspace)},`;
}

const NEWLINE = 0x0a;
const ANY_WORKSPACE = Buffer.from('{"workspace":');
/** Appends are written in pieces of about this many characters (a string cannot grow without limit). */
const APPEND_CHUNK = 4 * 1024 * 1024;

/**
 * Gathers lines (each without its newline) into pieces of about APPEND_CHUNK characters and writes them to
 * one open file; `written` counts the bytes written so far. Call `flush` once at the end.
 */
function chunkedWriter(handle: { writeFile(data: string): Promise<unknown> }) {
  let chunk = '';
  let written = 0;
  const flush = async () => {
    if (chunk === '') return;
    await handle.writeFile(chunk);
    written += Buffer.byteLength(chunk);
    chunk = '';
  };
  return {
    async add(lines: Iterable<string>) {
      for (const line of lines) {
        chunk += line + '\n';
        if (chunk.length >= APPEND_CHUNK) await flush();
      }
    },
    flush,
    get written() { return written; },
  };
}

/**
 * Appends `lines` (each without its newline) to the log and fsyncs it. Returns the bytes appended.
 * On a failure part of the batch may be in the file: its data-file write does not happen, so those lines
 * are beyond the confirmed count and dropped at the next open.
 */
export async function appendLines(fs: AdapterFs, file: string, lines: readonly string[]): Promise<number> {
  if (lines.length === 0) return 0;
  const handle = await fs.open(file, 'a');
  try {
    const out = chunkedWriter(handle);
    await out.add(lines);
    await out.flush();
    await handle.sync();
    return out.written;
  } finally {
    await handle.close();
  }
}

export interface LogScan {
  /** False when there is no log file (nothing recorded yet). */
  exists: boolean;
  size: number;
  /** Complete lines (ending with a newline). */
  lines: number;
  /** Byte offset just after line `expected`, or null when the file has fewer complete lines. */
  offsetOfExpected: number | null;
  /** Bytes after the last newline: a line cut short by a crash. */
  tornBytes: number;
}

/** Counts the complete lines of the log and finds where line `expected` ends. Throws on read errors other than ENOENT. */
export async function scanLog(file: string, expected: number): Promise<LogScan> {
  let lines = 0;
  let offsetOfExpected: number | null = expected === 0 ? 0 : null;
  let position = 0;
  let lastEnd = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(NEWLINE);
      while (at !== -1) {
        lines += 1;
        lastEnd = position + at + 1;
        if (lines === expected) offsetOfExpected = lastEnd;
        at = chunk.indexOf(NEWLINE, at + 1);
      }
      position += chunk.length;
    }
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { exists: false, size: 0, lines: 0, offsetOfExpected, tornBytes: 0 };
    throw err;
  }
  return { exists: true, size: position, lines, offsetOfExpected, tornBytes: position - lastEnd };
}

/**
 * What is wrong with a score log holding fewer complete lines (`lines`; null: no log file) than the
 * `expected` its data file counts: confirmed history is missing. `dataFile` names that data file as the
 * message should ("its data file …", or just the path).
 */
export function shortLogProblem(lines: number | null, expected: number, dataFile: string): string {
  return lines === null
    ? `is missing, but ${dataFile} counts ${expected} score event(s) in it`
    : `holds ${lines} score event(s), but ${dataFile} counts ${expected}: the log is shorter than the data file says (cut short or replaced?)`;
}

/** Cuts the log to its first `bytes` bytes, durably. */
export async function truncateLog(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A line of the log that is not a score event. */
export class LogLineError extends Error {
  override readonly name = 'LogLineError';
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(`${file} line ${line} ${detail}`);
  }
}

export interface ReadLogOptions {
  /** Read only the first this many bytes (the confirmed part). Default: the whole file. */
  bytes?: number;
  /** Read only the first this many lines. Default: all. */
  maxLines?: number;
  /** Only this workspace's entries (others are skipped without being parsed). */
  workspace?: string;
}

/**
 * Calls `onEntry` for each entry of the log, in order (a missing file has none). Returns how many complete
 * lines were read (all workspaces). Throws LogLineError for a line that is not a score event.
 */
export async function forEachLogEntry(file: string, options: ReadLogOptions, onEntry: (entry: LogEntry) => void): Promise<number> {
  const limit = options.bytes;
  const maxLines = options.maxLines ?? Infinity;
  if (limit === 0 || maxLines === 0) return 0;
  const wanted = options.workspace === undefined ? null : Buffer.from(linePrefix(options.workspace));
  let lineNo = 0;
  let carry: Buffer | null = null;
  const onLine = (buf: Buffer, start: number, end: number): void => {
    lineNo += 1;
    // Lines we wrote start with {"workspace":"<id>", so other workspaces' lines are skipped unparsed.
    if (wanted && startsWith(buf, start, end, ANY_WORKSPACE) && !startsWith(buf, start, end, wanted)) return;
    const entry = parseEntry(buf.toString('utf8', start, end), file, lineNo);
    if (options.workspace !== undefined && entry.workspace !== options.workspace) return;
    onEntry(entry);
  };
  const stream = createReadStream(file, { highWaterMark: 1 << 20, ...(limit !== undefined ? { end: limit - 1 } : {}) });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      let at = chunk.indexOf(NEWLINE);
      while (at !== -1 && lineNo < maxLines) {
        if (carry) {
          const line: Buffer = Buffer.concat([carry, chunk.subarray(0, at)]);
          carry = null;
          onLine(line, 0, line.length);
        } else onLine(chunk, start, at);
        start = at + 1;
        at = chunk.indexOf(NEWLINE, start);
      }
      if (lineNo >= maxLines) break;
      if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    }
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return 0;
    throw err;
  } finally {
    stream.destroy();
  }
  // A last line without its newline was cut short by a crash: never confirmed, not an entry.
  return lineNo;
}

/** Parses one line; `file`/`lineNo` name it in the error. */
export function parseEntry(text: string, file: string, lineNo: number): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LogLineError(file, lineNo, `is not valid JSON (corrupted?): ${(err as Error).message}`);
  }
  if (!isRecord(value) || typeof value.workspace !== 'string') throw new LogLineError(file, lineNo, 'is not a score event (no "workspace")');
  return value as unknown as LogEntry;
}

function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return end - start >= prefix.length && buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;
}

/**
 * Rewrites the first `bytes` bytes of the log (its confirmed lines) through `change`, which returns the
 * new entry for a line or null to keep the line byte for byte; the result replaces the log in one step
 * (a new file `<log>.tmp-rewrite-<pid>`, fsynced, renamed over the log, folder fsynced). Every line stays
 * a line (same count, same order). Returns the new size in bytes and how many lines changed.
 *
 * This is the one exception to "the log is only appended to": a member's right to be forgotten (Quebec's
 * Law 25, issue 16) needs their id out of the recorded history, and a pseudonym in its place keeps every
 * total the log adds up to. The caller must hold the store's lock and let no append happen meanwhile
 * (JsonStore.forgetMember). A crash leaves either the old log or the new one, never a mix.
 */
export async function rewriteLog(file: string, bytes: number, change: (entry: LogEntry) => LogEntry | null): Promise<{ bytes: number; lines: number; changed: number }> {
  const temp = `${file}.tmp-rewrite-${process.pid}`;
  let lines = 0;
  let changed = 0;
  let written = 0;
  const handle = await open(temp, 'w');
  try {
    const out = chunkedWriter(handle);
    const pending: string[] = [];
    await forEachRawLine(file, bytes, (text, lineNo) => {
      lines += 1;
      const next = change(parseEntry(text, file, lineNo));
      if (next) changed += 1;
      pending.push(next ? logLine(next.workspace, withoutWorkspaceKey(next)) : text);
    }, () => out.add(pending.splice(0)));
    await out.flush();
    written = out.written;
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(temp, file);
  await syncDir(dirname(file));
  return { bytes: written, lines, changed };
}

/**
 * Rewrites the first `bytes` bytes of the log (temp file, fsync, rename, folder fsync) with the lines that
 * `moves` picks placed after all the others, each group in its order: same lines, same bytes. Used to purge
 * a workspace (JsonStore.purgeWorkspace): once its lines are the tail, a document counting only the lines
 * before them makes them an unconfirmed tail, which the next open cuts like a crash's (so a crash at any
 * point leaves the two files consistent). Resolves with the size and count of the lines kept in front.
 */
export async function moveToEnd(file: string, bytes: number, moves: (entry: LogEntry) => boolean): Promise<{ keptBytes: number; keptLines: number; moved: number }> {
  const temp = `${file}.tmp-purge-${process.pid}`;
  let keptBytes = 0;
  let keptLines = 0;
  let moved = 0;
  let written = 0;
  const handle = await open(temp, 'w');
  try {
    const out = chunkedWriter(handle);
    for (const pass of ['keep', 'move'] as const) {
      const pending: string[] = [];
      await forEachRawLine(file, bytes, (text, lineNo) => {
        const move = moves(parseEntry(text, file, lineNo));
        if (move !== (pass === 'move')) return;
        pending.push(text);
        if (pass === 'keep') keptLines += 1;
        else moved += 1;
      }, () => out.add(pending.splice(0)));
      await out.flush();
      written = out.written;
      if (pass === 'keep') keptBytes = written;
    }
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  if (written !== bytes) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`the score log ${file} changed while it was being rewritten (${written} bytes written for ${bytes})`);
  }
  await rename(temp, file);
  await syncDir(dirname(file));
  return { keptBytes, keptLines, moved };
}

function withoutWorkspaceKey(entry: LogEntry): ScoreEvent {
  const { workspace: _w, ...event } = entry;
  return event;
}

/** Calls `onLine` for each complete line in the first `bytes` bytes of `file`, then `afterChunk` after each chunk read. */
async function forEachRawLine(file: string, bytes: number, onLine: (text: string, lineNo: number) => void, afterChunk: () => Promise<void>): Promise<void> {
  if (bytes === 0) return;
  let lineNo = 0;
  let carry: Buffer | null = null;
  const stream = createReadStream(file, { highWaterMark: 1 << 20, end: bytes - 1 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      let at = chunk.indexOf(NEWLINE);
      while (at !== -1) {
        const line: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, at)]) : chunk.subarray(start, at);
        carry = null;
        onLine(line.toString('utf8'), ++lineNo);
        start = at + 1;
        at = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
      await afterChunk();
    }
  } finally {
    stream.destroy();
  }
}
