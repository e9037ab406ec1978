// A lowdb adapter that makes each write durable: the JSON goes to `<file>.tmp-<pid>`, which is fsynced,
// then renamed over the file, then the folder is fsynced so the rename itself survives a power cut.
// (lowdb's own file adapter, through steno, renames without any fsync.)
// read() tells "no file yet" (null) apart from "a file we cannot use" (a DataFileError), so the caller
// never replaces a file it could not read.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { DataFileError, errorCode, errorText } from './errors.js';
import type { CoachData } from './schema.js';
import { parseDataText, type VersionedData } from './validate.js';

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

/**
 * lowdb Adapter<CoachData>. read() returns the parsed object as found on disk: its schemaVersion may be
 * older than the code's (the store migrates it), so callers check the version before trusting the shape.
 */
export class FsyncJsonAdapter implements Adapter<CoachData> {
  readonly file: string;
  readonly tempFile: string;
  private readonly fs: AdapterFs;
  private readonly indent: number;
  /** Size in bytes of the last write. */
  lastBytes = 0;

  constructor(file: string, options: FsyncAdapterOptions = {}) {
    this.file = file;
    this.tempFile = `${file}.tmp-${process.pid}`;
    this.fs = options.fs ?? nodeFs;
    this.indent = options.indent ?? 0;
  }

  async read(): Promise<CoachData | null> {
    const raw = await this.readVersioned();
    return raw as unknown as CoachData | null;
  }

  /** read() with its honest type. */
  async readVersioned(): Promise<VersionedData | null> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.file);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return null;
      throw new DataFileError(this.file, 'unreadable', `cannot be read (${errorText(err)})`, { cause: err });
    }
    return parseDataText(bytes.toString('utf8'), this.file);
  }

  /**
   * Serialises `data` synchronously (before the first await), so the write holds exactly the state at
   * the moment it was called, then makes it durable.
   */
  async write(data: CoachData): Promise<void> {
    await this.writeText(this.serialize(data));
  }

  /** The text write() would write. The store serialises at the start of a commit and writes after the log. */
  serialize(data: CoachData): string {
    return this.indent > 0 ? JSON.stringify(data, null, this.indent) + '\n' : JSON.stringify(data);
  }

  /** Makes `text` (from serialize) the file's content, durably. */
  async writeText(text: string): Promise<void> {
    this.lastBytes = Buffer.byteLength(text);
    await writeFileDurably(this.file, text, this.fs, this.tempFile);
  }
}

/**
 * Writes `text` to `file` so that after it resolves the content survives a crash or power cut, and at no
 * moment does `file` hold anything but its old or its new content.
 */
export async function writeFileDurably(file: string, text: string, fs: AdapterFs = nodeFs, tempFile = `${file}.tmp-${process.pid}`): Promise<void> {
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

/** `<file>.tmp-*` names left by a process that died mid-write. */
export function isTempFileOf(file: string, name: string): boolean {
  return name.startsWith(`${basename(file)}.tmp-`);
}
