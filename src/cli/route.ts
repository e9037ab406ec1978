// `coach route [--lang fr|en] [--chat] "TEXT"`: one JSON object per text. Without TEXT, one text per
// stdin line and one JSON line each, in a single process (batch mode).
import { createInterface } from 'node:readline';
import { parseCommand, wantsHelp } from './args.js';
import type { Lang } from '../content/model.js';
import { resolveLang } from '../core/language.js';
import type { PlaybookRouter } from '../understanding/router.js';
import type { StartIo } from './start.js';
import { prepare } from './start.js';

const USAGE = 'usage: coach route [--lang fr|en] [--chat] ["TEXT"]   (no TEXT: one text per stdin line)\n';

export async function route(argv: string[], io: StartIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseCommand(argv, { lang: { type: 'string' }, chat: { type: 'boolean' } }, USAGE, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const ready = prepare(io);
  if (!ready) return 1;
  const answer = (text: string) =>
    JSON.stringify(routeJson(ready.coach.router, text, values.chat === true, parsed.lang, ready.config.defaultLang)) + '\n';
  if (positionals.length > 0) {
    io.out(answer(positionals.join(' ')));
    return 0;
  }
  const rl = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) io.out(answer(line));
  return 0;
}

export function routeJson(router: PlaybookRouter, text: string, chat: boolean, lang: Lang | undefined, fallback: Lang) {
  const result = chat ? router.detect(text) : router.route(text);
  return {
    playbook: result.playbook,
    confidence: result.confidence,
    lang: lang ?? resolveLang({ matched: result.lang, text, fallback }),
    alternatives: result.alternatives,
    // Each word once, in the order first matched: a repeated word is one piece of evidence to read.
    matched: [...new Set(result.matched)],
    ...(result.reason ? { reason: result.reason } : {}),
  };
}
