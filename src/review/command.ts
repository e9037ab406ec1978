// `/coach review [--situation ID] [--lang fr|en] DRAFT` in every chat surface, and the same review for
// surfaces that show it in their own views (Slack modals, Teams task modules). A draft is reviewed in
// memory and answered privately to whoever sent it: it is never stored, logged or posted elsewhere.
import { isLang, type Lang, type Library } from '../content/model.js';
import { text, type Message } from '../core/message.js';
import { textLanguage } from '../core/language.js';
import { foldKey } from '../text/fold.js';
import { askSituationMessage, reviewMessage } from './message.js';
import type { Review } from './review.js';
import { MAX_DRAFT_CHARS, type DraftReviewer } from './reviewer.js';
import { tr } from './strings.js';

/** The words after `/coach` that ask for a review. */
const REVIEW_WORDS = new Set(['review', 'revue', 'revision', 'reviser', 'revise', 'relire', 'relis']);
const COMMAND = /^\s*\/?coach\s+(\S+)(?:[ \t]+|\s*\n|$)/i;

/** The text after `/coach review` (newlines kept), or null when the text is not a review command. */
export function reviewArgs(textIn: string): string | null {
  const m = textIn.match(COMMAND);
  if (!m || !REVIEW_WORDS.has(foldKey(m[1]!))) return null;
  return textIn.slice(m[0].length);
}

/** Control characters and terminal escapes out, line breaks kept: the layout of a draft matters. */
export function cleanDraft(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ')
    .trim();
}

export interface ReviewRequest {
  draft: string;
  situation?: string;
  lang?: Lang;
  /** Offer buttons to review a guessed draft as another situation (chat surfaces); default true. */
  retry?: boolean;
}

export type ReviewOutcome =
  | { kind: 'review'; review: Review; message: Message }
  | { kind: 'unclear'; candidates: string[]; message: Message }
  | { kind: 'refused'; reason: 'empty' | 'too-long' | 'no-words' | 'unknown-situation' | 'unavailable'; message: Message };

/** What a surface may log of a review: counts only, never the draft nor a phrase of it. */
export function reviewLogFields(draft: string, outcome: ReviewOutcome): Record<string, string | number> {
  return {
    chars: draft.length, outcome: outcome.kind,
    ...(outcome.kind === 'review' ? { situation: outcome.review.situation, score: outcome.review.score, remarks: outcome.review.remarks.length } : {}),
  };
}

export class ReviewCommands {
  constructor(private readonly reviewer: DraftReviewer, private readonly library: Library, private readonly defaultLang: Lang) {}

  /**
   * The situations with a review grid, with their titles in a language (for pickers); those in `first`
   * (an unclear outcome's candidates) come first, in that order.
   */
  situations(lang: Lang, first: readonly string[] = []): { id: string; title: string }[] {
    const all = this.reviewer.situations.map((id) => ({ id, title: this.library.playbooks.find((p) => p.id === id)?.[lang].title ?? id }));
    if (first.length === 0) return all;
    return [...first.flatMap((id) => all.filter((s) => s.id === id)), ...all.filter((s) => !first.includes(s.id))];
  }

  /** `args`: what followed `/coach review`. `uiLang`: the language to talk to the person in. */
  handle(args: string, uiLang: Lang): Message[] {
    const parsed = parseArgs(args);
    if ('error' in parsed) return [text(tr(uiLang, 'usage', { ids: this.ids() }))];
    return [this.outcome(parsed, uiLang).message];
  }

  /** Reviews a draft, or says why not, or asks for its situation. Never throws for bad input. */
  outcome(request: ReviewRequest, uiLang: Lang): ReviewOutcome {
    const draft = cleanDraft(request.draft);
    const refuse = (reason: Extract<ReviewOutcome, { kind: 'refused' }>['reason'], message: string): ReviewOutcome => ({ kind: 'refused', reason, message: text(message) });
    if (this.reviewer.situations.length === 0) return refuse('unavailable', tr(uiLang, 'unavailable'));
    if (!draft) return refuse('empty', tr(uiLang, 'usage', { ids: this.ids() }));
    if (draft.length > MAX_DRAFT_CHARS) return refuse('too-long', tr(uiLang, 'draftTooLong', { length: draft.length, max: MAX_DRAFT_CHARS }));
    if (!/\p{L}/u.test(draft)) return refuse('no-words', tr(uiLang, 'noWords'));
    let situation: string | undefined;
    let guessed: string[] | undefined;
    if (request.situation) {
      situation = this.resolveSituation(request.situation);
      if (!situation) return refuse('unknown-situation', tr(uiLang, 'unknownSituation', { situation: request.situation.slice(0, 40), ids: this.ids() }));
    } else {
      const guess = this.reviewer.guess(draft);
      if (!guess.situation) return { kind: 'unclear', candidates: guess.candidates, message: withLang(askSituationMessage(draft, guess.candidates, this.library, uiLang), uiLang) };
      situation = guess.situation;
      guessed = guess.candidates.filter((s) => s !== situation);
    }
    const draftLang = request.lang ?? textLanguage(draft) ?? uiLang ?? this.defaultLang;
    const review = this.reviewer.review(draft, situation, draftLang);
    const retry = guessed && request.retry !== false ? { draft, situations: guessed } : undefined;
    return { kind: 'review', review, message: reviewMessage(review, this.reviewer, this.library, uiLang, retry) };
  }

  /** A situation id, or a playbook alias or title ("panne", "angry user"), or undefined. */
  resolveSituation(word: string): string | undefined {
    const key = foldKey(word);
    if (this.reviewer.has(key)) return key;
    const pair = this.library.playbooks.find((p) => this.reviewer.has(p.id) && [p.fr, p.en].some((x) => foldKey(x.title) === key || x.aliases.some((a) => foldKey(a) === key)));
    return pair?.id;
  }

  private ids(): string {
    return this.reviewer.situations.join('|');
  }
}

const withLang = (message: Message, lang: Lang): Message => ({ ...message, lang });

/** `[--situation ID | -s ID | --situation=ID] [--lang fr|en] DRAFT`: options first, the rest is the draft. */
export function parseArgs(args: string): ReviewRequest | { error: 'lang' } {
  let rest = args.replace(/^[ \t]+/, '');
  const out: ReviewRequest = { draft: '' };
  for (;;) {
    const m = rest.match(/^(--situation|-s|--lang)(?:=|[ \t]+)(\S+)[ \t]*\n?/);
    if (!m) break;
    if (m[1] === '--lang') {
      if (!isLang(m[2]!.toLowerCase())) return { error: 'lang' };
      out.lang = m[2]!.toLowerCase() as Lang;
    } else {
      out.situation = m[2]!;
    }
    rest = rest.slice(m[0].length);
  }
  out.draft = rest;
  return out;
}
