// The lowdb adapter of the data file, and the durable file operations of the store.
//
// FsyncJsonAdapter is what the store's Low<CoachData> reads and writes through. read() tells "no file
// yet" (null) apart from "a file we cannot use" (a DataFileError), so the caller never replaces a file it
// could not read. write() is the commit: the JSON goes to `<file>.tmp-<pid>`, which is fsynced, then
// renamed over the file, then the folder is fsynced so the rename itself survives a power cut (lowdb's own
// file adapter, through steno, renames without any fsync); score log lines staged for that write are
// appended and fsynced before it, because the document counts them.
import { constants } from 'node:fs';
import { copyFile, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { DataFileError, errorCode, errorText } from './errors.js';
import { dataFromText } from './migrations.js';
import type { CoachData } from './schema.js';
import { appendLines, scoreLogFile } from './score-log.js';

/** The file operations of the commit (data file and score log appends); tests inject failing ones (tests run as root, so chmod does not). */
export interface AdapterFs {
  readFile(path: string): Promise<Buffer>;
  open(path: string, flags: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export interface FileHandleLike {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeFs: AdapterFs = {
  readFile: (path) => readFile(path),
  open: (path, flags) => open(path, flags),
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
};

export interface FsyncAdapterOptions {
  fs?: AdapterFs;
  /** JSON indentation; 0 (the default) writes compact JSON, the fastest to write and read. */
  indent?: number;
}

/** A data (or backup) file as read: its data migrated in memory to the current version, its text and the schema version it holds. */
export interface DataFile {
  data: CoachData;
  text: string;
  version: number;
}

/**
 * Reads a data (or backup) file: null when there is no file; a DataFileError when it cannot be used
 * (unreadable, not a data file, written by a newer version, cannot be migrated; see dataFromText).
 */
export async function readDataFile(file: string, fs: AdapterFs = nodeFs): Promise<DataFile | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw new DataFileError(file, 'unreadable', `cannot be read (${errorText(err)})`, { cause: err });
  }
  const text = bytes.toString('utf8');
  return { ...dataFromText(text, file), text };
}

/** A write() that failed: `file` is the one whose write failed (the data file or its score log). The message is the cause's. */
export class WriteFailure extends Error {
  override readonly name = 'WriteFailure';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(errorText(cause), { cause });
  }
}

/** lowdb Adapter<CoachData> of a data file and the score log beside it (scoreLogFile). */
export class FsyncJsonAdapter implements Adapter<CoachData> {
  readonly file: string;
  readonly logFile: string;
  private readonly fs: AdapterFs;
  private readonly indent: number;
  private stagedLines: readonly string[] = [];
  /** What the last read() found on disk: the file's text and the schema version it holds (null: no file). */
  found: Omit<DataFile, 'data'> | null = null;
  /** Size in bytes of the last write of the data file. */
  lastBytes = 0;
  /** Bytes the last write appended to the score log (0 when it had no staged lines). */
  lastLogBytes = 0;

  constructor(file: string, options: FsyncAdapterOptions = {}) {
    this.file = file;
    this.logFile = scoreLogFile(file);
    this.fs = options.fs ?? nodeFs;
    this.indent = options.indent ?? 0;
  }

  /** The file's data, migrated in memory to the current schema version (see readDataFile). */
  async read(): Promise<CoachData | null> {
    this.found = null;
    const read = await readDataFile(this.file, this.fs);
    if (read === null) return null;
    this.found = { text: read.text, version: read.version };
    return read.data;
  }

  /**
   * Score log lines (each without its newline) for the next write() to append, and fsync, before it writes
   * the document; that document must count them (its logEntries).
   */
  stageLogLines(lines: readonly string[]): void {
    this.stagedLines = lines;
  }

  /**
   * Serialises `data` synchronously (before the first await), so the document written holds exactly the
   * state at the moment of the call; then appends the staged log lines and fsyncs the log; then writes the
   * document durably (writeFileDurably). Throws a WriteFailure naming the file that failed.
   */
  async write(data: CoachData): Promise<void> {
    const lines = this.stagedLines;
    this.stagedLines = [];
    this.lastLogBytes = 0;
    let text: string;
    try {
      text = this.indent > 0 ? JSON.stringify(data, null, this.indent) + '\n' : JSON.stringify(data);
    } catch (err) {
      throw new WriteFailure(this.file, err);
    }
    try {
      this.lastLogBytes = await appendLines(this.fs, this.logFile, lines);
    } catch (err) {
      throw new WriteFailure(this.logFile, err);
    }
    this.lastBytes = Buffer.byteLength(text);
    try {
      await writeFileDurably(this.file, text, this.fs);
    } catch (err) {
      throw new WriteFailure(this.file, err);
    }
  }
}

/**
 * Writes `text` to `file` so that after it resolves the content survives a crash or power cut, and at no
 * moment does `file` hold anything but its old or its new content.
 */
export async function writeFileDurably(file: string, text: string, fs: AdapterFs = nodeFs): Promise<void> {
  const tempFile = `${file}.tmp-${process.pid}`;
  let renamed = false;
  try {
    const handle = await fs.open(tempFile, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tempFile, file);
    renamed = true;
    await syncDir(dirname(file), fs);
  } catch (err) {
    if (!renamed) await fs.unlink(tempFile).catch(() => undefined);
    throw err;
  }
}

/**
 * Copies `from` to `to` durably, like writeFileDurably (temp file, fsync, rename, folder fsync; a
 * copy-on-write clone where the file system offers one). Returns false, copying nothing, when `from` does
 * not exist.
 */
export async function copyFileDurably(from: string, to: string): Promise<boolean> {
  const temp = `${to}.tmp-${process.pid}`;
  let copied = false;
  try {
    await copyFile(from, temp, constants.COPYFILE_FICLONE);
    copied = true;
    await syncFile(temp);
    await rename(temp, to);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    if (!copied && errorCode(err) === 'ENOENT') return false;
    throw err;
  }
  await syncDir(dirname(to));
  return true;
}

/** fsyncs a file's content. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs a folder so a rename in it is durable. Windows cannot open a folder; the rename is then all we get. */
export async function syncDir(dir: string, fs: AdapterFs = nodeFs): Promise<void> {
  let handle: FileHandleLike;
  try {
    handle = await fs.open(dir, 'r');
  } catch (err) {
    if (process.platform === 'win32') return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a folder (EINVAL); the data file itself was fsynced.
    if (errorCode(err) !== 'EINVAL' && process.platform !== 'win32') throw err;
  } finally {
    await handle.close();
  }
}

export async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
}

/** `<file>.tmp-*` names left by a process that died mid-write. */
export function isTempFileOf(file: string, name: string): boolean {
  return name.startsWith(`${basename(file)}.tmp-`);
}
