// The content's own evidence for each playbook: TF-IDF over stems of every alias, keyword, example sentence,
// title and summary of each playbook, in both languages, built at start-up from the content itself, so a
// trainer's new playbook has evidence as soon as its file exists.
//
// Every alias, keyword and example is a small document; a stem's weight for a playbook is how much of that
// playbook's material uses it, its IDF how rare it is across all snippets. A text's evidence for a playbook
// is the IDF-weighted share of its words pointing there; its confidence multiplies how much of the text the
// best playbook explains (coverage) by how clearly it beats the next one (dominance).
//
// Evidence is graded, not just shared out: a stem met once in an example sentence supports its playbook
// less than a keyword (or a word the examples keep using), and a stem that only French content uses hardly
// counts in a message clearly written in English (English "comms" and French "comme" share the stem
// "comm"; the reverse is not penalised, since Quebec French borrows English words all the time). Whether a
// text has one of a playbook's keywords or one-word aliases, or one of its longer aliases or titles whole,
// is reported as "strong" evidence: example sentences help rank playbooks, they never make one strong.
import { editDistance } from '../text/edit-distance.js';
import * as enStop from 'natural/lib/natural/util/stopwords.js';
import * as frStop from 'natural/lib/natural/util/stopwords_fr.js';
import type { Lang, Library } from '../content/model.js';
import { fold } from '../text/fold.js';
import { analyze, stemsOf, words, type Word } from './analyzer.js';

const WEIGHTS = { alias: 3, id: 3, title: 2, keyword: 2, example: 1, summary: 1 } as const;
/** How informative a word the content never uses is taken to be, relative to the mean IDF. */
const UNKNOWN_WORD_MASS = 0.4;
/** Material weight at which a stem fully supports a playbook: a keyword, or a word used in two examples. */
const FULL_SUPPORT_WEIGHT = 2;
/** What is left of a stem's evidence when only French content uses it and the message is in English. */
const CROSS_LANGUAGE_FACTOR = 0.3;
/** A word backs a playbook when its evidence for it is at least this share of the word's weight. */
const BACKING_SHARE = 0.3;
/** Inputs are cut to this many words: a pasted log must not cost more than a sentence. */
export const MAX_WORDS = 120;
/** Typo tolerance only for short queries, where one misspelt word is the whole query. */
export const FUZZY_MAX_WORDS = 4;

interface StemStats {
  idf: number;
  /** How firmly the content uses the stem at all (0..1]: a word met once in one example is half known. */
  firmness: number;
  /** Per playbook: its share of the stem's weight, times how firmly its material uses the stem (0..1]. */
  support: Map<string, number>;
  langs: Set<Lang>;
  /** Playbooks whose keywords, or aliases or titles of one content word, are the stem: signs on their own. */
  strongFor: Set<string>;
  /** `support` and `strongFor` by playbook index (see `playbookIds`), for scoring without allocating. */
  supportOf: Float64Array;
  strongOf: Uint8Array;
}
interface Phrase { words: string[]; playbook: string; lang: Lang }

// Stop words of one language only: a cheap, reliable sign of which language a sentence is written in.
const foldAll = (list: string[]) => new Set(list.map((w) => fold(w).replace(/'/g, '')).filter((w) => w.length > 1));
const EN_STOP = foldAll(enStop.words);
const FR_STOP = foldAll(frStop.words);
const EN_ONLY = new Set([...EN_STOP].filter((w) => !FR_STOP.has(w)));
const FR_ONLY = new Set([...FR_STOP].filter((w) => !EN_STOP.has(w)));

/** The language a message is clearly written in, from its grammar words; null when mixed or too short. */
export function messageLang(all: string[]): Lang | null {
  let en = 0;
  let fr = 0;
  for (const w of all) {
    if (EN_ONLY.has(w)) en++;
    else if (FR_ONLY.has(w)) fr++;
  }
  if (en >= 2 && en >= 3 * fr) return 'en';
  if (fr >= 2 && fr >= 3 * en) return 'fr';
  return null;
}

const extraStemCache = new Map<string, string[]>();
/**
 * The analyzer's stems, plus those of the word without a folded feminine ending: the French stemmer
 * needs accents, so folded "fachee" stems to "fache" while "fache" stems to "fach".
 */
function routeStems(word: string, stems: string[]): string[] {
  if (word.length < 5 || !/ees?$/.test(word)) return stems;
  let out = extraStemCache.get(word);
  if (!out) {
    out = [...new Set([...stems, ...stemsOf(word.replace(/es?$/, ''))])];
    if (extraStemCache.size > 10_000) extraStemCache.clear();
    extraStemCache.set(word, out);
  }
  return out;
}
/**
 * Negations and the pieces English contractions leave ("isn't" → "isn"): they say whether something
 * happens, never which situation it is, yet the content's sentences are full of them.
 */
const POLARITY = new Set([
  'not', 'never', 'isn', 'aren', 'wasn', 'weren', 'don', 'doesn', 'didn', 'hasn', 'haven', 'hadn', 'won', 'wouldn', 'couldn', 'shouldn',
  'pu', 'plus', 'jamais', 'rien', 'aucun', 'aucune',
]);
export const terms = (text: string): Word[] =>
  analyze(text).filter((t) => !POLARITY.has(t.word)).map((t) => ({ word: t.word, stems: routeStems(t.word, t.stems) }));

export class ContentEvidence {
  private readonly stems = new Map<string, StemStats>();
  private readonly exact = new Map<string, { playbook: string; lang: Lang }>();
  /** Multi-word aliases, keywords and titles, by their first word. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** Surface words of the content: those are never taken for typos. */
  private readonly known = new Set<string>();
  /** Words of aliases, keywords and titles by length: the only targets of typo correction. */
  private readonly vocabulary = new Map<number, string[]>();
  private readonly fuzzyCache = new Map<string, string | null>();
  private readonly meanIdf: number;
  readonly playbookIds: string[];

  constructor(library: Library) {
    this.playbookIds = library.playbooks.map((p) => p.id);
    const weight = new Map<string, Map<string, number>>();
    const docFreq = new Map<string, number>();
    const langs = new Map<string, Set<Lang>>();
    const strong = new Map<string, Set<string>>();
    const vocab = new Set<string>();
    let snippets = 0;

    // Keywords are strong evidence word by word. An alias or title is strong when found whole (see
    // `phrases`); its words alone are strong only when it has a single content word ("monday rush" does not
    // make "monday" a sign of a ticket flood, nor "angry customer" make "customer" a sign of anger).
    const addSnippet = (playbook: string, lang: Lang, text: string, w: number, wholeOnly = false) => {
      const found = terms(text);
      const isStrong = w >= WEIGHTS.keyword && (!wholeOnly || found.length === 1);
      snippets++;
      const seen = new Set<string>();
      for (const { word, stems } of found) {
        this.known.add(word);
        if (isStrong) vocab.add(word);
        for (const stem of stems) {
          const perPlaybook = weight.get(stem) ?? new Map<string, number>();
          perPlaybook.set(playbook, (perPlaybook.get(playbook) ?? 0) + w);
          weight.set(stem, perPlaybook);
          if (!langs.has(stem)) langs.set(stem, new Set());
          langs.get(stem)!.add(lang);
          if (!seen.has(stem)) docFreq.set(stem, (docFreq.get(stem) ?? 0) + 1);
          if (isStrong) {
            if (!strong.has(stem)) strong.set(stem, new Set());
            strong.get(stem)!.add(playbook);
          }
          seen.add(stem);
        }
      }
    };
    const addPhrase = (playbook: string, lang: Lang, text: string) => {
      const key = words(text).join(' ');
      if (!key) return;
      if (!this.exact.has(key)) this.exact.set(key, { playbook, lang });
      const parts = key.split(' ');
      if (parts.length > 1) {
        const bucket = this.phrases.get(parts[0]!) ?? [];
        bucket.push({ words: parts, playbook, lang });
        this.phrases.set(parts[0]!, bucket);
      }
    };

    for (const pair of library.playbooks) {
      addSnippet(pair.id, 'en', pair.id.replace(/-/g, ' '), WEIGHTS.id, true);
      addPhrase(pair.id, 'en', pair.id.replace(/-/g, ' '));
      for (const lang of ['fr', 'en'] as const) {
        const p = pair[lang];
        addSnippet(p.id, lang, p.title, WEIGHTS.title, true);
        addPhrase(p.id, lang, p.title);
        addSnippet(p.id, lang, p.summary, WEIGHTS.summary);
        for (const a of p.aliases) { addSnippet(p.id, lang, a, WEIGHTS.alias, true); addPhrase(p.id, lang, a); }
        for (const k of p.keywords) { addSnippet(p.id, lang, k, WEIGHTS.keyword); addPhrase(p.id, lang, k); }
        for (const e of p.examples) addSnippet(p.id, lang, e, WEIGHTS.example);
      }
    }

    let idfSum = 0;
    for (const [stem, perPlaybook] of weight) {
      const total = [...perPlaybook.values()].reduce((a, b) => a + b, 0);
      const support = new Map([...perPlaybook].map(([id, w]) => [id, (w / total) * Math.min(1, w / FULL_SUPPORT_WEIGHT)]));
      const idf = Math.log(1 + snippets / docFreq.get(stem)!);
      idfSum += idf;
      const strongFor = strong.get(stem) ?? new Set<string>();
      const supportOf = Float64Array.from(this.playbookIds, (id) => support.get(id) ?? 0);
      const strongOf = Uint8Array.from(this.playbookIds, (id) => (strongFor.has(id) ? 1 : 0));
      this.stems.set(stem, { idf, firmness: Math.min(1, total / FULL_SUPPORT_WEIGHT), support, langs: langs.get(stem)!, strongFor, supportOf, strongOf });
    }
    this.meanIdf = this.stems.size ? idfSum / this.stems.size : 1;
    for (const word of vocab) {
      const bucket = this.vocabulary.get(word.length) ?? [];
      bucket.push(word);
      this.vocabulary.set(word.length, bucket);
    }
  }

  /** The playbook whose alias, keyword or title the whole text is (case, accents and spacing aside). */
  exactMatch(all: string[]): { playbook: string; lang: Lang } | undefined {
    return this.exact.get(all.join(' '));
  }

  /**
   * A word the content never uses, within one or two edits of exactly one alias, keyword or title word,
   * is taken as that word misspelt. Words whose stems already match count as misspelt only at one edit
   * (English "agressive" has the French stem of "agressif", but means "aggressive"). Four-letter words
   * ("pane") are corrected at one edit towards a word at least as long ("panne"), never a shorter one,
   * with the same first and last letters.
   */
  correct(token: Word): Word {
    if (token.word.length < 4 || /\d/.test(token.word) || this.known.has(token.word)) return token;
    let fixed = this.fuzzyCache.get(token.word);
    if (fixed === undefined) {
      const stemMatches = token.stems.some((s) => this.stems.has(s));
      const short = token.word.length === 4;
      fixed = short && stemMatches ? null : this.closestWord(token.word, stemMatches || token.word.length <= 6 ? 1 : 2, short ? token.word.length : 0);
      // A four-letter word keeps its first and last letters ("pane" is "panne", "mail" is not "email").
      if (fixed && short && (fixed[0] !== token.word[0] || fixed.at(-1) !== token.word.at(-1))) fixed = null;
      if (this.fuzzyCache.size > 10_000) this.fuzzyCache.clear();
      this.fuzzyCache.set(token.word, fixed);
    }
    return fixed ? { word: fixed, stems: routeStems(fixed, stemsOf(fixed)) } : token;
  }

  private closestWord(word: string, maxDistance: number, minLength = 0): string | null {
    let best: string | null = null;
    let bestDistance = maxDistance + 1;
    let tie = false;
    for (let len = Math.max(minLength, word.length - maxDistance); len <= word.length + maxDistance; len++) {
      for (const candidate of this.vocabulary.get(len) ?? []) {
        const d = editDistance(word, candidate);
        if (d < bestDistance) { best = candidate; bestDistance = d; tie = false; }
        else if (d === bestDistance && candidate !== best) tie = true;
      }
    }
    return tie ? null : best;
  }

  score(all: string[], tokens: Word[]) {
    const P = this.playbookIds.length;
    const evidenceOf = new Float64Array(P);
    /** Per playbook, how many words back it (most of their weight points there). */
    const backingOf = new Int32Array(P);
    /** Per playbook, how many of those words are its aliases, keywords or title words. */
    const strongBackingOf = new Int32Array(P);
    const strongOf = new Uint8Array(P);
    // Per word, reused: its evidence for each playbook, and whether it is one of the playbook's own words.
    const tokenEvidence = new Float64Array(P);
    const tokenStrong = new Uint8Array(P);
    const langVotes = { fr: 0, en: 0 };
    const matched: string[] = [];
    const msgLang = messageLang(all);
    let mass = 0;
    for (const token of tokens) {
      let tokenMass = 0;
      tokenEvidence.fill(0);
      tokenStrong.fill(0);
      for (const stem of token.stems) {
        const stats = this.stems.get(stem);
        if (!stats) continue;
        tokenMass = Math.max(tokenMass, stats.idf * stats.firmness);
        const crossLanguage = msgLang === 'en' && !stats.langs.has('en');
        const factor = crossLanguage ? CROSS_LANGUAGE_FACTOR : 1;
        for (let k = 0; k < P; k++) {
          const e = stats.idf * stats.supportOf[k]! * factor;
          if (e > tokenEvidence[k]!) tokenEvidence[k] = e;
        }
        if (stats.langs.size === 1) langVotes[[...stats.langs][0]!] += stats.idf * factor;
        if (!crossLanguage) for (let k = 0; k < P; k++) if (stats.strongOf[k]) { strongOf[k] = 1; tokenStrong[k] = 1; }
      }
      if (tokenMass === 0) {
        mass += UNKNOWN_WORD_MASS * this.meanIdf;
        continue;
      }
      // A word the content barely uses weighs like an unknown one, no less.
      tokenMass = Math.max(tokenMass, UNKNOWN_WORD_MASS * this.meanIdf);
      mass += tokenMass;
      matched.push(token.word);
      for (let k = 0; k < P; k++) {
        const e = tokenEvidence[k]!;
        if (e === 0) continue;
        evidenceOf[k] = evidenceOf[k]! + e;
        if (e >= BACKING_SHARE * tokenMass) {
          backingOf[k] = backingOf[k]! + 1;
          if (tokenStrong[k]) strongBackingOf[k] = strongBackingOf[k]! + 1;
        }
      }
    }
    const evidence = new Map<string, number>();
    const backing = new Map<string, number>();
    const strongBacking = new Map<string, number>();
    const strongFor = new Set<string>();
    this.playbookIds.forEach((id, k) => {
      if (evidenceOf[k]! > 0) evidence.set(id, evidenceOf[k]!);
      if (backingOf[k]! > 0) backing.set(id, backingOf[k]!);
      if (strongBackingOf[k]! > 0) strongBacking.set(id, strongBackingOf[k]!);
      if (strongOf[k]) strongFor.add(id);
    });
    // A multi-word alias or keyword found whole ("en beau fusil", "server down") is strong evidence.
    const found = new Set<Phrase>();
    /** Playbooks with a multi-word alias, keyword or title found whole. */
    const phrased = new Set<string>();
    for (let i = 0; i < all.length; i++) {
      for (const phrase of this.phrases.get(all[i]!) ?? []) {
        if (found.has(phrase) || !phrase.words.every((w, k) => all[i + k] === w)) continue;
        found.add(phrase);
        const bonus = phrase.words.length * this.meanIdf;
        evidence.set(phrase.playbook, (evidence.get(phrase.playbook) ?? 0) + bonus);
        mass += bonus;
        langVotes[phrase.lang] += bonus;
        backing.set(phrase.playbook, Math.max(backing.get(phrase.playbook) ?? 0, 2));
        strongBacking.set(phrase.playbook, Math.max(strongBacking.get(phrase.playbook) ?? 0, 2));
        strongFor.add(phrase.playbook);
        phrased.add(phrase.playbook);
        matched.push(phrase.words.join(' '));
      }
    }
    const lang: Lang | null = langVotes.fr > langVotes.en ? 'fr' : langVotes.en > langVotes.fr ? 'en' : null;
    return { evidence, mass, matched, lang, backing, strongBacking, strongFor, phrased };
  }

  /** Coverage × dominance of the best playbook, as before the learned model existed (0..1). */
  confidence(scored: Scored): { best: string | null; confidence: number; ranked: [string, number][] } {
    const ranked = [...scored.evidence].sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    if (!best || scored.mass === 0 || best[1] === 0) return { best: null, confidence: 0, ranked };
    const coverage = Math.min(1, best[1] / scored.mass);
    const dominance = best[1] / (best[1] + (second?.[1] ?? 0));
    return { best: best[0], confidence: Math.sqrt(coverage) * dominance, ranked };
  }
}

export type Scored = ReturnType<ContentEvidence['score']>;
