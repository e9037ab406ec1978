// The store's typed errors. Messages are written for the person running the bot: they name the file,
// say what is wrong and what to do.

/** What is wrong with a data (or backup) file that exists but cannot be used. */
export type DataFileProblem =
  | 'unreadable' // EACCES, EISDIR, EIO…
  | 'empty'
  | 'truncated' // JSON that ends too early
  | 'not-json'
  | 'not-object' // valid JSON, but an array, a string, null…
  | 'no-version' // an object without a usable schemaVersion
  | 'newer' // written by a newer Support Coach (a schema version this one does not know)
  | 'unmigratable' // an older schema version whose migration is missing or fails
  | 'invalid'; // the structure does not match the schema

/** Thrown by the adapter's read() (and so by backup checks) for a file that exists but cannot be used. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly problem: DataFileProblem,
    /** Human description, e.g. "is not valid JSON (truncated?): Unexpected end of JSON input". */
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(`${file} ${description}`, options);
  }
}

/** `openJsonStore` refuses to open: the message says what is wrong and how to recover. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    message: string,
    readonly file: string,
    /** What is wrong, as in "<file> <problem>". */
    readonly problem: string,
    /** The newest good backup, when one was looked for and found. */
    readonly backup: string | null = null,
    /** The command that recovers, when there is one. */
    readonly command: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A write to disk failed: every caller of that batch, and every later update, is rejected with this. */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  constructor(message: string, readonly file: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** update() after close(). */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}

/** Whether `err` says the store cannot be reached or written now (a database down, a failing disk, closed). */
export function isStoreFailure(err: unknown): boolean {
  return err instanceof StoreWriteError || err instanceof StoreClosedError;
}

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** The message of an error (duck-typed: errors from another realm, e.g. a test sandbox, are not `instanceof Error`). */
export function errorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}
