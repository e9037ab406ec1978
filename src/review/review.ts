// Reviewing a draft reply against a situation's grid: which principles it shows, which violations, the
// exact phrase behind each, a suggestion for each, and a score out of 10. Pure and platform-neutral.
//
// A principle or violation is found in a sentence by either of two readers:
// - the grid's signals (content/reviews/<situation>.<lang>.md, both languages, since people mix them):
//   phrases matched by stems with small gaps, outside a negation (see grading/evidence.ts), with the
//   conditions {name}, {time} and {short} checked in code (layout.ts);
// - the classifier trained on the labelled drafts (train.ts), which recognises paraphrases the signals
//   do not list, when it is confident enough.
// Then the grid's traps apply: a `not_signals` phrase in the same sentence voids the find ("désolé que tu
// sois incapable de…" is no apology), and a violation voids the principles it `cancels` when both sit in
// one sentence (or two) around a "mais"/"but" ("I understand, but as I explained twice already…").
//
// Score: 10 × the weight of the principles present over the weight of all, minus the penalty of each
// violation found, rounded, from 0 to 10.
import type { Lang } from '../content/model.js';
import type { ReviewGrid } from '../content/review-model.js';
import { compilePhrase, Matcher, type Phrase, type Slot } from '../grading/evidence.js';
import { isContent, tokenize } from '../grading/text.js';
import { LogisticModel, sigmoid, type ModelBank } from './classifier.js';
import { sentenceFeatures } from './features.js';
import { MEANING } from './word-classes.js';
import { anchorFor, layoutOf, type Layout, type Sentence } from './layout.js';
import { SentenceIndex, slotNeeds, type SlotNeeds } from './sentence-index.js';
import { tr } from './strings.js';

export type RemarkKind = 'present' | 'missing' | 'violation';

export interface Remark {
  /** A principle or violation id of the grid. */
  id: string;
  kind: RemarkKind;
  /**
   * The exact phrase of the draft: the one that shows the principle or the violation, or, for a missing
   * principle, the sentence next to which its sentence should go (`position` says on which side).
   */
  phrase: string;
  /** In the draft's language: a sentence to add, a rewrite of the phrase, or why to keep it. */
  suggestion: string;
  /** Offsets of `phrase` in the draft. */
  start: number;
  end: number;
  position?: 'before' | 'after';
  /** Which reader found it (present and violation remarks). */
  via?: 'signal' | 'classifier';
  /** The grid's signal that matched, when a signal found it (for trainers tuning the grid). */
  signal?: string;
}

export interface Review {
  situation: string;
  /** The language of the draft, which the suggestions are written in. */
  lang: Lang;
  /** 0 to 10, a whole number. */
  score: number;
  /** Principle ids, in grid order. */
  present: string[];
  missing: string[];
  /** Violation ids found, in grid order. */
  violations: string[];
  /** Violations first (in draft order), then missing principles, then present ones. */
  remarks: Remark[];
}

/**
 * Confidence the classifier needs to report a principle, and (stricter) a violation, on its own.
 *
 * The violation threshold is set by a rule on 5-fold cross-validation of the training drafts, X from 0.5
 * to 0.95 by 0.05: the lowest X at which (1) the classifiers alone keep a micro precision of 85 % or more
 * on violations (`node bench/review-dev.mjs --classifier-only --v=X`), (2) the whole review flags no
 * excellent training draft (`--v=X`) and (3) it flags at most 1 % of the training drafts labelled without
 * any violation (`node bench/review-clean.mjs`). The signals were written from the training drafts, so
 * with them the cross-validation finds nearly every violation at any X; only the classifiers alone show
 * what they add on phrasings no signal lists. On 30 November 2026 (535 drafts and sentences, the grids'
 * suggestions and rewrites as examples of no violation, the loose signals that `bench/review-screen.mjs`
 * showed firing on clean text removed): (1) holds from 0.6 (85.9 %), (2) from 0.55, (3) from 0.75 (2 of
 * 232 clean drafts, 0.9 %; 0.7 flags 3): X = 0.75.
 * Condition (3) was added after a run of the frozen sets showed excellent drafts flagged (see README).
 */
export const CLASSIFIER_THRESHOLDS = { principle: 0.8, violation: 0.75 } as const;

/** The classifier's word features must add up to this much (log-odds) for it to report a find alone. */
const MIN_WORD_EVIDENCE = 2;
/**
 * A violation the classifier reports alone must also rest on a word class that carries a violation's
 * meaning (word-classes.ts: a fault, a reminder, tone…), not only on words and who is addressed: a
 * good reply shares many words with a bad one ("your request", "the vendor"), rarely its meaning.
 */
const isMeaningFeature = (f: string) => f.startsWith('k:') && (f.includes('+') || MEANING.has(f.slice(2)));
const isWordFeature = (f: string) => f.startsWith('w:') || f.startsWith('b:') || f.startsWith('k:');
/**
 * A `{time}` at the end of a signal: the time starts within this many words after what matched, with at
 * most two content words between ("nous vous écrivons de nouveau à 10 h"); right after a one-word signal
 * ("d'ici 14 h", "at 10:15", not "dans le jus aujourd'hui").
 */
const TIME_REACH_WORDS = 4;

/** At most this many phrases are quoted for one violation. */
const MAX_PHRASES_PER_VIOLATION = 3;
/** A quoted phrase longer than this is cut around what matched (still an exact substring). */
const MAX_PHRASE_CHARS = 180;
const CONTRAST = new Set(['mais', 'but', 'cependant', 'toutefois', 'however', 'though', 'although', 'pourtant', 'quoique', 'sauf', 'except', 'yet', 'neanmoins', 'nevertheless']);
const CONDITION = /\{(name|time|short|placeholder)\}/g;

interface CompiledSignal {
  text: string;
  lang: Lang;
  phrase: Phrase | null;
  /** What each slot of the phrase needs in a sentence (to skip the sentences that cannot match). */
  slotNeeds: SlotNeeds[];
  needs: Set<string>;
  /** A signal that is one acronym (SAN, NAT, VLAN): the word exactly, in capitals ("SAN" is not "sans"). */
  acronym?: string;
  /**
   * A look-alike of one word ("normalement", "probably"): the word of the draft must be of its family,
   * not only share its stem ("normalement" and "normal" share the stem "normal"; "back to normal" is no
   * hedge).
   */
  family?: string;
}

const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9]{2,8}s?$/;

interface CompiledLabel {
  id: string;
  kind: 'principle' | 'violation';
  anyPolarity: boolean;
  signals: CompiledSignal[];
  notSignals: CompiledSignal[];
  cancels: string[];
}

/** A grid compiled for matching: both languages' signals under each id. */
export interface CompiledGrid {
  id: string;
  grids: Record<Lang, ReviewGrid>;
  labels: CompiledLabel[];
  matcher: Matcher;
}

export function compileGrid(grids: Record<Lang, ReviewGrid>): CompiledGrid {
  const known = new Set<string>();
  const learn = (text: string) => {
    for (const t of tokenize(text.replace(CONDITION, ' '))) for (const s of t.stems) known.add(s);
  };
  const compile = (text: string, lang: Lang, strict = false): CompiledSignal => {
    learn(text);
    const needs = new Set([...text.matchAll(CONDITION)].map((m) => m[1]!));
    const words = text.replace(CONDITION, ' ').trim();
    if (ACRONYM.test(words)) return { text, lang, phrase: null, slotNeeds: [], needs, acronym: words };
    const phrase = words ? (strict ? strictPhrase(words) : compilePhrase(words)) : null;
    const only = strict && phrase?.slots.length === 1 && phrase.slots[0]!.kind === 'stem' ? phrase.slots[0]!.word : undefined;
    return { text, lang, phrase, slotNeeds: phrase ? slotNeeds(phrase) : [], needs, ...(only ? { family: only } : {}) };
  };
  // Look-alikes are told apart by their small words ("sorry IF YOU took it" is not "sorry it took this
  // long"): every word of a not_signal is required.
  const strictly = (text: string, lang: Lang) => compile(text, lang, true);
  const labels: CompiledLabel[] = [];
  const { fr, en } = grids;
  fr.principles.forEach((p, i) => {
    const twin = en.principles[i]!;
    labels.push({
      id: p.id, kind: 'principle', cancels: [], anyPolarity: p.anyPolarity,
      signals: [...p.signals.map((s) => compile(s, 'fr')), ...twin.signals.map((s) => compile(s, 'en'))],
      notSignals: [...p.notSignals.map((s) => strictly(s, 'fr')), ...twin.notSignals.map((s) => strictly(s, 'en'))],
    });
  });
  fr.violations.forEach((v, i) => {
    const twin = en.violations[i]!;
    labels.push({
      id: v.id, kind: 'violation', cancels: v.cancels, anyPolarity: v.anyPolarity,
      signals: [...v.signals.map((s) => compile(s, 'fr')), ...twin.signals.map((s) => compile(s, 'en'))],
      notSignals: [...v.notSignals.map((s) => strictly(s, 'fr')), ...twin.notSignals.map((s) => strictly(s, 'en'))],
    });
  });
  for (const g of [fr, en]) for (const x of [...g.principles, ...g.violations]) { learn(x.name); learn(x.why); }
  return { id: fr.id, grids, labels, matcher: new Matcher(known) };
}

/** A phrase whose every word is a required slot, in order (stems for content words, the word itself otherwise). */
function strictPhrase(text: string): Phrase | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  const slots: Slot[] = tokens.map((t, i) => {
    const glued = t.glued && i > 0;
    if (t.negator && tokens.length > 1) return { kind: 'neg', nothing: t.word === 'rien' || t.word === 'nothing', glued };
    if (isContent(t)) return { kind: 'stem', word: t.word, stems: t.stems, glued };
    return { kind: 'word', words: new Set([t.word]), subject: false, glued };
  });
  return { text, slots };
}

interface Hit {
  label: CompiledLabel;
  sentence: number;
  /** Token indexes of what matched. */
  at: number[];
  via: 'signal' | 'classifier';
  signal?: CompiledSignal;
}

/** The models the review may use: one per principle or violation id (absent: signals only). */
export type ReviewModels = ReadonlyMap<string, LogisticModel>;

/** Which readers to use and how confident the classifier must be (the dev bench compares them). */
export interface ReviewOptions {
  signals?: boolean;
  thresholds?: { principle: number; violation: number };
}

/**
 * Reviews a draft. `lang` is the draft's language (suggestions are written in it). The draft must have
 * at least one word (callers check; a draft without words throws a RangeError).
 */
export function reviewDraft(grid: CompiledGrid, draft: string, lang: Lang, models: ReviewModels = new Map(), options: ReviewOptions = {}): Review {
  const layout = layoutOf(draft);
  if (layout.sentences.length === 0) throw new RangeError('a draft needs at least one word to be reviewed');
  const hits = findHits(grid, layout, models, options);
  const text = grid.grids[lang];
  const byId = new Map<string, Hit[]>();
  for (const h of hits) (byId.get(h.label.id) ?? byId.set(h.label.id, []).get(h.label.id)!).push(h);

  const present = text.principles.filter((p) => byId.has(p.id)).map((p) => p.id);
  const missing = text.principles.filter((p) => !byId.has(p.id)).map((p) => p.id);
  const violations = text.violations.filter((v) => byId.has(v.id)).map((v) => v.id);
  const total = text.principles.reduce((n, p) => n + p.weight, 0);
  const got = text.principles.filter((p) => byId.has(p.id)).reduce((n, p) => n + p.weight, 0);
  const penalty = text.violations.filter((v) => byId.has(v.id)).reduce((n, v) => n + v.penalty, 0);
  const score = Math.max(0, Math.min(10, Math.round((total ? (10 * got) / total : 0) - penalty)));

  const remarks: Remark[] = [];
  const violationRemarks: Remark[] = [];
  for (const v of text.violations) {
    const seen = new Set<number>();
    for (const h of byId.get(v.id) ?? []) {
      if (seen.has(h.sentence) || seen.size >= MAX_PHRASES_PER_VIOLATION) continue;
      seen.add(h.sentence);
      const perSignal = h.signal && h.signal.lang === lang ? v.rewrites.find((r) => r.signal === h.signal!.text)?.rewrite : undefined;
      const rewrite = perSignal ?? (layout.tutoiement && v.rewriteTu ? v.rewriteTu : v.rewrite);
      violationRemarks.push({ id: v.id, kind: 'violation', ...quote(layout, h), suggestion: personalise(rewrite, layout), via: h.via, ...(h.signal ? { signal: h.signal.text } : {}) });
    }
  }
  remarks.push(...violationRemarks.sort((a, b) => a.start - b.start));
  for (const p of text.principles) {
    if (byId.has(p.id)) continue;
    const anchor = anchorFor(layout, p.place);
    const suggestion = layout.tutoiement && p.suggestionTu ? p.suggestionTu : p.suggestion;
    remarks.push({ id: p.id, kind: 'missing', phrase: draft.slice(anchor.start, anchor.end), start: anchor.start, end: anchor.end, position: anchor.position, suggestion: personalise(suggestion, layout) });
  }
  for (const p of text.principles) {
    const h = byId.get(p.id)?.[0];
    if (h) remarks.push({ id: p.id, kind: 'present', ...quote(layout, h), suggestion: tr(lang, 'keep', { why: p.why }), via: h.via, ...(h.signal ? { signal: h.signal.text } : {}) });
  }
  return { situation: grid.id, lang, score, present, missing, violations, remarks };
}

function findHits(grid: CompiledGrid, layout: Layout, models: ReviewModels, options: ReviewOptions): Hit[] {
  const thresholds = options.thresholds ?? CLASSIFIER_THRESHOLDS;
  const { tokens, sentences } = layout;
  const index = new SentenceIndex(layout);
  let acronymAt: Map<string, number[]> | null = null;
  // Each sentence's features, once and without repeats, for every model.
  const features: string[][] = [];
  const featuresOf = (s: Sentence) => (features[s.index] ??= [...new Set(sentenceFeatures(layout, s))]);
  // Look-alikes (not_signals) count even under a negation: "cannot be approved in accordance with policy".
  const signalHits = (label: CompiledLabel, signals: CompiledSignal[], anyPolarity = false): Hit[] => {
    const out: Hit[] = [];
    for (const signal of signals) {
      if (signal.needs.has('name') && !layout.name) continue;
      if (signal.needs.has('short') && !layout.short) continue;
      if (signal.acronym) {
        acronymAt ??= tokensByText(layout);
        for (const i of acronymAt.get(signal.acronym) ?? []) out.push({ label, sentence: layout.sentenceOf[i]!, at: [i], via: 'signal', signal });
        continue;
      }
      if (!signal.phrase) {
        // A signal made only of conditions: the sentence that names the person, or that holds a blank.
        if (signal.needs.has('name') && layout.name) out.push({ label, sentence: layout.name.sentence, at: tokenRange(layout, layout.name.start, layout.name.end), via: 'signal', signal });
        else if (signal.needs.has('placeholder')) {
          for (const s of sentences) if (s.placeholder) out.push({ label, sentence: s.index, at: [s.from, s.to], via: 'signal', signal });
        }
        continue;
      }
      for (const sentence of index.candidates(signal.slotNeeds)) {
        if (signal.needs.has('time') && !sentences[sentence]!.time) continue;
        if (signal.needs.has('placeholder') && !sentences[sentence]!.placeholder) continue;
        const from = sentences[sentence]!.from;
        for (const m of grid.matcher.find(signal.phrase, index.tokensOf[sentence]!)) {
          if (m.negated && !anyPolarity && !label.anyPolarity) continue;
          const at = m.at.map((i) => i + from);
          if (signal.family && !sameFamily(signal.family, tokens[at[0]!]!.word)) continue;
          if (signal.needs.has('time') && !timeFits(layout, signal, at)) continue;
          out.push({ label, sentence, at, via: 'signal', signal });
        }
      }
    }
    return out;
  };
  // Every model of the grid scores every sentence, in one pass per sentence.
  const bank = bankOf(grid, models);
  const odds = bank.models.some(Boolean) ? sentences.map((s) => bank.bank.logOdds(featuresOf(s), new Float64Array(bank.models.length))) : [];
  const raw: Hit[] = [];
  grid.labels.forEach((label, k) => {
    const found = options.signals === false ? [] : signalHits(label, label.signals);
    const model = bank.models[k];
    if (model) {
      const threshold = thresholds[label.kind];
      for (const s of sentences) {
        if (found.some((h) => h.sentence === s.index)) continue;
        // The words must carry the decision, not only the sentence's shape (short, last, a question…).
        if (sigmoid(odds[s.index]![k]!) < threshold || model.evidence(featuresOf(s), isWordFeature) < MIN_WORD_EVIDENCE) continue;
        if (label.kind === 'violation' && model.evidence(featuresOf(s), isMeaningFeature) <= 0) continue;
        found.push({ label, sentence: s.index, at: [s.from, s.to], via: 'classifier' });
      }
    }
    if (found.length === 0) return;
    // A look-alike in the same sentence voids the find: "sorry, not sorry", "désolé que tu sois incapable".
    const voided = new Set(signalHits(label, label.notSignals, true).map((h) => h.sentence));
    raw.push(...found.filter((h) => !voided.has(h.sentence)));
  });
  // Politeness in front of a violation is no principle: "I understand, but as I explained twice already".
  const violationHits = raw.filter((h) => h.label.kind === 'violation');
  return raw
    .filter((h) => h.label.kind === 'violation' || !violationHits.some((v) => v.label.cancels.includes(h.label.id) && aroundContrast(layout, h, v)))
    .sort((a, b) => a.sentence - b.sentence || a.at[0]! - b.at[0]!);
}

/** A grid's models in label order (undefined where a label has none) and their bank, made once per grid and set of models. */
interface GridModels {
  models: (LogisticModel | undefined)[];
  bank: ModelBank;
}
const banks = new WeakMap<CompiledGrid, WeakMap<ReviewModels, GridModels>>();

function bankOf(grid: CompiledGrid, models: ReviewModels): GridModels {
  let byModels = banks.get(grid);
  if (!byModels) banks.set(grid, (byModels = new WeakMap()));
  let made = byModels.get(models);
  if (!made) {
    const inOrder = grid.labels.map((l) => models.get(l.id));
    // A label without a model gets an empty one in the bank (its log-odds are never read).
    made = { models: inOrder, bank: LogisticModel.bank(inOrder.map((m) => m ?? EMPTY_MODEL)) };
    byModels.set(models, made);
  }
  return made;
}
const EMPTY_MODEL = LogisticModel.train([]);

/**
 * Whether two words are forms of one word: each starts with the other but for its last three letters
 * (hope, hoping, hoped; probable, probably), which the stem alone does not say (normal, normalement).
 */
function sameFamily(a: string, b: string): boolean {
  const root = (w: string) => w.slice(0, Math.max(3, w.length - 3));
  return a.startsWith(root(b)) && b.startsWith(root(a));
}

/** Two finds in one sentence with a contrast word between them, or in two sentences the second opening with one. */
function aroundContrast(layout: Layout, a: Hit, b: Hit): boolean {
  const { tokens, sentences } = layout;
  if (a.sentence === b.sentence) {
    const from = Math.min(a.at[0]!, b.at[0]!);
    const to = Math.max(a.at[0]!, b.at[0]!);
    for (let i = from; i <= to; i++) if (CONTRAST.has(tokens[i]!.word)) return true;
    return false;
  }
  const [first, second] = a.sentence < b.sentence ? [a, b] : [b, a];
  return second.sentence === first.sentence + 1 && CONTRAST.has(tokens[sentences[second.sentence]!.from]!.word);
}

/**
 * `{time}` at the end of a signal ("d'ici {time}", "next update {time}"): a time starts right after what
 * matched; elsewhere in the signal: anywhere in the sentence.
 */
function timeFits(layout: Layout, signal: CompiledSignal, at: number[]): boolean {
  const sentence = layout.sentences[layout.sentenceOf[at[0]!]!]!;
  if (!sentence.time) return false;
  if (!/\{time\}\s*$/.test(signal.text)) return true;
  const last = Math.max(...at);
  const oneWord = !/\s/.test(signal.text.replace(/\{time\}/g, '').trim());
  const reach = oneWord ? 1 : TIME_REACH_WORDS;
  const after = layout.tokens[last]!.end;
  return layout.times.some((t) => {
    if (t.start < after || t.start >= sentence.end) return false;
    let between = 0;
    let content = 0;
    for (let j = last + 1; j < layout.tokens.length && layout.tokens[j]!.end <= t.start; j++) {
      between++;
      if (isContent(layout.tokens[j]!)) content++;
    }
    return between <= reach && content <= (oneWord ? 0 : 2);
  });
}

/** The tokens' indexes by their exact text in the draft (for acronyms, which match case and all). */
function tokensByText(layout: Layout): Map<string, number[]> {
  const out = new Map<string, number[]>();
  layout.tokens.forEach((t, i) => {
    const text = layout.draft.slice(t.start, t.end);
    (out.get(text) ?? out.set(text, []).get(text)!).push(i);
  });
  return out;
}

function tokenRange(layout: Layout, start: number, end: number): number[] {
  const at = layout.tokens.flatMap((t, i) => (t.start >= start && t.end <= end ? [i] : []));
  return at.length ? at : [0];
}

/** The sentence of a find, cut around what matched when it is long: always an exact substring. */
function quote(layout: Layout, hit: Hit): { phrase: string; start: number; end: number } {
  const s = layout.sentences[hit.sentence]!;
  let start = s.start;
  let end = s.end;
  if (end - start > MAX_PHRASE_CHARS) {
    const first = layout.tokens[Math.min(...hit.at)]!;
    const last = layout.tokens[Math.max(...hit.at)]!;
    const room = Math.max(0, MAX_PHRASE_CHARS - (last.end - first.start)) / 2;
    start = Math.max(s.start, wordStart(layout, first.start - room));
    end = Math.min(s.end, wordEnd(layout, last.end + room));
  }
  return { phrase: layout.draft.slice(start, end), start, end };
}

function wordStart(layout: Layout, at: number): number {
  const t = layout.tokens.find((x) => x.end > at);
  return t ? t.start : at;
}

function wordEnd(layout: Layout, at: number): number {
  const t = [...layout.tokens].reverse().find((x) => x.start < at);
  return t ? t.end : at;
}

/** `{name}` in a suggestion becomes the person's name, or disappears with its space when there is none. */
function personalise(text: string, layout: Layout): string {
  if (layout.name) return text.replace(/\{name\}/g, layout.name.text);
  return text.replace(/ ?\{name\}/g, '').replace(/\{name\} ?/g, '').replace(/\s+([,.!?])/g, '$1');
}
