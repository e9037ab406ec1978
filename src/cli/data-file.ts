// The data file read for a CLI command without opening the store (`coach export`, `coach incident`): the
// file is replaced atomically, never partly written, so it can be read while the coach runs on it. It is
// checked as the coach checks it at open (checkDataFile): one written by a newer version is refused, an
// older one is migrated in memory. Nothing is written.
import { DataFileError, checkDataFile, dataFileFromEnv, errorText, type CoachData } from '../store/index.js';
import type { Io } from './io.js';

/**
 * The data file (`--file`, else COACH_DATA_FILE, else ./data/coach.json) and its checked contents, or
 * null once the reason it cannot be used has been printed, prefixed by `command` (e.g. "coach export"):
 * the caller then exits 1.
 */
export async function readDataFileForCli(command: string, io: Pick<Io, 'err' | 'env'>, fileArg: string | undefined): Promise<{ file: string; data: CoachData } | null> {
  const file = dataFileFromEnv(io.env, fileArg);
  try {
    const { data } = await checkDataFile(file);
    return { file, data };
  } catch (err) {
    io.err(`${command}: ${err instanceof DataFileError ? `the data file ${file} ${err.description}` : `cannot read ${file}: ${errorText(err)}`}\n`);
    return null;
  }
}
