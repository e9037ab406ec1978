// `coach review --situation SITUATION [--lang fr|en] "DRAFT"`: review a draft reply and print
// {"situation","score","present","missing","violations","remarks":[{"id","kind","phrase","suggestion"}]}.
// Without --situation the situation is guessed (router and situation classifier); when it is unclear the
// command says so on stderr and exits 1.
// `coach review --jsonl [--situation SITUATION] [--lang fr|en]`: one {"situation","lang","draft"} object per
// stdin line ("situation" and "lang" may be omitted), one JSON line out for each, in order, in one process;
// a bad line prints {"error","line"} instead (with "candidates" when the situation is unclear).
// Drafts are read and reviewed in memory; nothing is written anywhere but stdout and stderr.
import type { Readable } from 'node:stream';
import { isLang, type Lang } from '../content/model.js';
import { textLanguage } from '../core/language.js';
import { cleanDraft, type ReviewCommands } from '../review/command.js';
import type { Review } from '../review/review.js';
import { MAX_DRAFT_CHARS, type DraftReviewer } from '../review/reviewer.js';
import { parseCommand, wantsHelp } from './args.js';
import { answerJsonLines, textOrJsonl } from './jsonl.js';
import { prepare } from './start.js';

export interface ReviewIo {
  out(s: string): void;
  err(s: string): void;
  env: Record<string, string | undefined>;
  stdin: Readable;
}

const USAGE = `usage: coach review --situation SITUATION [--lang fr|en] "DRAFT"
       coach review --jsonl [--situation SITUATION] [--lang fr|en]   (stdin: one {"situation","lang","draft"} per line)
`;

/** The JSON contract, keys in this order. */
export function reviewJson(review: Review) {
  return {
    situation: review.situation,
    score: review.score,
    present: review.present,
    missing: review.missing,
    violations: review.violations,
    remarks: review.remarks.map((r) => ({ id: r.id, kind: r.kind, phrase: r.phrase, suggestion: r.suggestion })),
  };
}

type Verdict = { review: Review } | { error: string; candidates?: string[] };

export async function review(argv: string[], io: ReviewIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseCommand(argv, { situation: { type: 'string' }, lang: { type: 'string' }, jsonl: { type: 'boolean' } }, USAGE, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const jsonl = values.jsonl === true;
  if (!textOrJsonl(jsonl, positionals, 'draft', 'review', USAGE, io)) return 2;
  const ready = prepare(io);
  if (!ready) return 1;
  const { reviewer } = ready.coach;
  const reviews = ready.coach.engine.reviews!;
  const fallback = ready.config.defaultLang;
  if (reviewer.situations.length === 0) {
    io.err('no review grid in the content (content/reviews/): nothing to review against.\n');
    return 1;
  }
  let fixedSituation: string | undefined;
  if (typeof values.situation === 'string') {
    fixedSituation = reviews.resolveSituation(values.situation);
    if (!fixedSituation) {
      io.err(`unknown situation "${values.situation}": use one of ${reviewer.situations.join(', ')}.\n${USAGE}`);
      return 2;
    }
  }
  const judge = (draftIn: string, situation: string | undefined, lang: Lang | undefined): Verdict => {
    const draft = cleanDraft(draftIn);
    if (!draft) return { error: 'empty draft' };
    if (draft.length > MAX_DRAFT_CHARS) return { error: `the draft is ${draft.length} characters long; at most ${MAX_DRAFT_CHARS}` };
    if (!/\p{L}/u.test(draft)) return { error: 'the draft has no words' };
    const chosen = situation ?? fixedSituation ?? guessed(reviewer, draft);
    if (typeof chosen !== 'string') return { error: `the situation is unclear: give it (one of ${reviewer.situations.join(', ')})`, candidates: chosen.candidates };
    return { review: reviewer.review(draft, chosen, lang ?? parsed.lang ?? textLanguage(draft) ?? fallback) };
  };

  if (!jsonl) {
    const verdict = judge(positionals.join(' '), undefined, undefined);
    if ('error' in verdict) {
      io.err(`${verdict.error}${verdict.candidates ? ` (likeliest first: ${verdict.candidates.join(', ')})` : ''}.\n`);
      return 1;
    }
    io.out(JSON.stringify(reviewJson(verdict.review)) + '\n');
    return 0;
  }
  await answerJsonLines(io.stdin, '{"situation","lang","draft"}', (fields) => {
    const request = parseLine(fields, reviews);
    const verdict: Verdict = 'error' in request ? request : judge(request.draft, request.situation, request.lang);
    if ('review' in verdict) return { json: reviewJson(verdict.review) };
    return { error: verdict.error, ...(verdict.candidates ? { extra: { candidates: verdict.candidates } } : {}) };
  }, io.out);
  return 0;
}

function guessed(reviewer: DraftReviewer, draft: string): string | { candidates: string[] } {
  const guess = reviewer.guess(draft);
  return guess.situation ?? { candidates: guess.candidates };
}

type LineRequest = { draft: string; situation?: string; lang?: Lang } | { error: string };

function parseLine(fields: Record<string, unknown>, reviews: ReviewCommands): LineRequest {
  if (typeof fields.draft !== 'string') return { error: '"draft" must be a string' };
  let situation: string | undefined;
  if (fields.situation !== undefined && fields.situation !== null) {
    if (typeof fields.situation !== 'string') return { error: '"situation" must be a situation id' };
    situation = reviews.resolveSituation(fields.situation);
    if (!situation) return { error: `unknown situation "${fields.situation.slice(0, 40)}"` };
  }
  if (fields.lang !== undefined && fields.lang !== null && !isLang(fields.lang)) return { error: '"lang" must be fr or en' };
  return { draft: fields.draft, ...(situation ? { situation } : {}), ...(isLang(fields.lang) ? { lang: fields.lang } : {}) };
}
