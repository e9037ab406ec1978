// Option parsing shared by the CLI commands: node's parseArgs, a `--lang fr|en` check, and a usage
// message on any mistake (exit code 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isLang, type Lang } from '../content/model.js';
import type { Io } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options and positionals, or null once the usage has been printed. */
export function parseCommand<O extends Options>(argv: string[], options: O, usage: string, io: Pick<Io, 'err'>) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return null;
  }
  const lang = (parsed.values as Record<string, unknown>).lang;
  if (lang !== undefined && !isLang(lang)) {
    io.err(`--lang must be fr or en, not "${String(lang)}".\n${usage}`);
    return null;
  }
  return { values: parsed.values, positionals: parsed.positionals, lang: lang as Lang | undefined };
}

/**
 * Whether the command was asked for its usage (`--help` or `-h` before any `--`): the caller prints it on
 * standard output and exits 0, before parsing anything else.
 */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
