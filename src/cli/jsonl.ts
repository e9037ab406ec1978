// The `--jsonl` batch mode shared by `coach grade` and `coach review`: one JSON object per stdin line in,
// one JSON line out for each, in order, in one process.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One line's outcome: the JSON to print, or why the line was refused (and any extra keys to print). */
export type LineOutcome = { json: object } | { error: string; extra?: Record<string, unknown> };

/**
 * Reads `input` line by line (LF or CRLF). A line that is not a JSON object prints
 * {"error","line"} (`shape` names the expected keys, e.g. `{"scenario","answer","lang"}`); an object goes
 * to `answer`, whose outcome is printed as one line: its JSON, or {"error","line",...extra}. Lines count
 * from 1. Resolves once the input ends.
 */
export async function answerJsonLines(input: Readable, shape: string, answer: (fields: Record<string, unknown>) => LineOutcome, out: (text: string) => void): Promise<void> {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    const outcome = answerLine(text, shape, answer);
    out(JSON.stringify('json' in outcome ? outcome.json : { error: outcome.error, line, ...outcome.extra }) + '\n');
  }
}

function answerLine(text: string, shape: string, answer: (fields: Record<string, unknown>) => LineOutcome): LineOutcome {
  if (!text.trim()) return { error: `empty line: expected a JSON object ${shape}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `expected a JSON object ${shape}` };
  return answer(value as Record<string, unknown>);
}

/**
 * Checks that a command given `--jsonl` has no text on its command line and one without it has some;
 * otherwise prints why (`noun`: what the text is, e.g. "draft"; `verb`: what is done to it) with the usage
 * and returns false (the caller exits 2).
 */
export function textOrJsonl(jsonl: boolean, positionals: readonly string[], noun: string, verb: string, usage: string, io: { err(text: string): void }): boolean {
  const word = noun.toUpperCase();
  if (jsonl && positionals.length > 0) io.err(`--jsonl reads the ${noun}s from stdin: give no ${word} on the command line.\n${usage}`);
  else if (!jsonl && positionals.length === 0) io.err(`give the ${word} to ${verb}, in quotes (or use --jsonl to read ${noun}s from stdin).\n${usage}`);
  else return true;
  return false;
}
