// Routes text to a playbook. The model is built at start-up from the content itself (aliases, keywords,
// example sentences, titles and summaries, in both languages), so a trainer's new playbook is routed
// without code changes.
//
// Scoring is TF-IDF over stems: every alias, keyword and example is a small document; a stem's weight for
// a playbook is how much of that playbook's material uses it, its IDF how rare it is across all snippets.
// A query's evidence for a playbook is the IDF-weighted share of its words pointing there; confidence
// multiplies how much of the query is explained (coverage) by how clearly one playbook wins (dominance).
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import type { Lang, Library } from '../content/model.js';
import { analyze, stemsOf, words, type Word } from './analyzer.js';
import { liveSituationBlocker } from './live-situation.js';

export interface RouteResult {
  playbook: string | null;
  confidence: number;
  /** The language the matched words come from, when they tell. */
  lang: Lang | null;
  /** Playbooks with some evidence, best first: the "did you mean" list when `playbook` is null. */
  alternatives: { playbook: string; score: number }[];
  /** Words that carried the decision, for explanations and debugging. */
  matched: string[];
  /** Why a channel message was not taken as a situation, when it was not. */
  reason?: string;
}

export interface RouterOptions {
  /** Minimum confidence to answer a /playbook query with a playbook. */
  queryThreshold: number;
  /** Minimum confidence to offer a playbook on an ordinary channel message. */
  chatThreshold: number;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = { queryThreshold: 0.4, chatThreshold: 0.5 };

const WEIGHTS = { alias: 3, id: 3, title: 2, keyword: 2, example: 1, summary: 1 } as const;
/** How informative a word the content never uses is taken to be, relative to the mean IDF. */
const UNKNOWN_WORD_MASS = 0.4;
/** Inputs are cut to this many words: a pasted log must not cost more than a sentence. */
const MAX_WORDS = 120;
/** Typo tolerance only for short queries, where one misspelt word is the whole query. */
const FUZZY_MAX_WORDS = 4;

interface StemStats {
  idf: number;
  share: Map<string, number>;
  langs: Set<Lang>;
  /** Playbooks whose aliases, keywords or title use the stem (not only an example sentence). */
  strongFor: Set<string>;
}
interface Phrase { words: string; playbook: string; lang: Lang; length: number }

export class PlaybookRouter {
  private readonly stems = new Map<string, StemStats>();
  private readonly exact = new Map<string, { playbook: string; lang: Lang }>();
  private readonly phrases: Phrase[] = [];
  private readonly vocabulary = new Map<number, string[]>();
  private readonly fuzzyCache = new Map<string, string | null>();
  private readonly meanIdf: number;
  readonly playbookIds: string[];

  constructor(library: Library, private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS) {
    this.playbookIds = library.playbooks.map((p) => p.id);
    const weight = new Map<string, Map<string, number>>();
    const docFreq = new Map<string, number>();
    const langs = new Map<string, Set<Lang>>();
    const strong = new Map<string, Set<string>>();
    const vocab = new Set<string>();
    let snippets = 0;

    const addSnippet = (playbook: string, lang: Lang, text: string, w: number) => {
      const isStrong = w >= WEIGHTS.keyword;
      snippets++;
      const seen = new Set<string>();
      for (const { word, stems } of analyze(text)) {
        vocab.add(word);
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
      const length = key.split(' ').length;
      if (length > 1) this.phrases.push({ words: ` ${key} `, playbook, lang, length });
    };

    for (const pair of library.playbooks) {
      addSnippet(pair.id, 'en', pair.id.replace(/-/g, ' '), WEIGHTS.id);
      addPhrase(pair.id, 'en', pair.id.replace(/-/g, ' '));
      for (const lang of ['fr', 'en'] as const) {
        const p = pair[lang];
        addSnippet(p.id, lang, p.title, WEIGHTS.title);
        addPhrase(p.id, lang, p.title);
        addSnippet(p.id, lang, p.summary, WEIGHTS.summary);
        for (const a of p.aliases) { addSnippet(p.id, lang, a, WEIGHTS.alias); addPhrase(p.id, lang, a); }
        for (const k of p.keywords) { addSnippet(p.id, lang, k, WEIGHTS.keyword); addPhrase(p.id, lang, k); }
        for (const e of p.examples) addSnippet(p.id, lang, e, WEIGHTS.example);
      }
    }

    let idfSum = 0;
    for (const [stem, perPlaybook] of weight) {
      const total = [...perPlaybook.values()].reduce((a, b) => a + b, 0);
      const share = new Map([...perPlaybook].map(([id, w]) => [id, w / total]));
      const idf = Math.log(1 + snippets / docFreq.get(stem)!);
      idfSum += idf;
      this.stems.set(stem, { idf, share, langs: langs.get(stem)!, strongFor: strong.get(stem) ?? new Set() });
    }
    this.meanIdf = this.stems.size ? idfSum / this.stems.size : 1;
    for (const word of vocab) {
      const bucket = this.vocabulary.get(word.length) ?? [];
      bucket.push(word);
      this.vocabulary.set(word.length, bucket);
    }
  }

  /** For `/playbook TEXT`: the best playbook, or null with the closest ones when unsure. */
  route(text: string): RouteResult {
    const all = words(text).slice(0, MAX_WORDS);
    const exact = this.exact.get(all.join(' '));
    if (exact) {
      return { playbook: exact.playbook, confidence: 1, lang: exact.lang, alternatives: [{ playbook: exact.playbook, score: 1 }], matched: [all.join(' ')] };
    }
    let tokens = analyze(all.join(' '));
    if (tokens.length > 0 && tokens.length <= FUZZY_MAX_WORDS) tokens = tokens.map((t) => this.correct(t));
    return this.decide(this.score(all, tokens), this.options.queryThreshold);
  }

  /**
   * For ordinary channel messages: does this describe a playbook situation happening now? Stricter than
   * `route`: a higher threshold, at least two words of evidence, and no sign that the situation is over,
   * planned, or only talked about. A wrong offer annoys a whole channel; a missed one costs little.
   */
  detect(text: string): RouteResult {
    const all = words(text).slice(0, MAX_WORDS);
    const scored = this.score(all, analyze(all.join(' ')));
    const result = this.decide(scored, this.options.chatThreshold);
    if (!result.playbook) return { ...result, reason: 'low confidence' };
    if (scored.evidenceWords < 2) return { ...result, playbook: null, reason: 'too little evidence' };
    if (!scored.strongFor.has(result.playbook)) return { ...result, playbook: null, reason: 'no alias or keyword of the playbook' };
    const blocker = liveSituationBlocker(all);
    if (blocker) return { ...result, playbook: null, reason: blocker };
    return result;
  }

  private correct(token: Word): Word {
    if (token.stems.some((s) => this.stems.has(s)) || token.word.length < 4 || /\d/.test(token.word)) return token;
    let fixed = this.fuzzyCache.get(token.word);
    if (fixed === undefined) {
      fixed = this.closestWord(token.word);
      if (this.fuzzyCache.size > 10_000) this.fuzzyCache.clear();
      this.fuzzyCache.set(token.word, fixed);
    }
    return fixed ? { word: fixed, stems: stemsOf(fixed) } : token;
  }

  private closestWord(word: string): string | null {
    const maxDistance = word.length <= 6 ? 1 : 2;
    let best: string | null = null;
    let bestDistance = maxDistance + 1;
    let tie = false;
    for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
      for (const candidate of this.vocabulary.get(len) ?? []) {
        const d = DamerauLevenshteinDistance(word, candidate);
        if (d < bestDistance) { best = candidate; bestDistance = d; tie = false; }
        else if (d === bestDistance && candidate !== best) tie = true;
      }
    }
    return tie ? null : best;
  }

  private score(all: string[], tokens: Word[]) {
    const evidence = new Map<string, number>();
    const langVotes = { fr: 0, en: 0 };
    const matched: string[] = [];
    const strongFor = new Set<string>();
    let mass = 0;
    let evidenceWords = 0;
    for (const token of tokens) {
      let tokenMass = 0;
      const tokenEvidence = new Map<string, number>();
      for (const stem of token.stems) {
        const stats = this.stems.get(stem);
        if (!stats) continue;
        tokenMass = Math.max(tokenMass, stats.idf);
        for (const [id, share] of stats.share) tokenEvidence.set(id, Math.max(tokenEvidence.get(id) ?? 0, stats.idf * share));
        if (stats.langs.size === 1) langVotes[[...stats.langs][0]!] += stats.idf;
        for (const id of stats.strongFor) strongFor.add(id);
      }
      if (tokenMass === 0) {
        mass += UNKNOWN_WORD_MASS * this.meanIdf;
        continue;
      }
      mass += tokenMass;
      evidenceWords++;
      matched.push(token.word);
      for (const [id, e] of tokenEvidence) evidence.set(id, (evidence.get(id) ?? 0) + e);
    }
    // A multi-word alias or keyword found whole ("en beau fusil", "server down") is strong evidence.
    const padded = ` ${all.join(' ')} `;
    for (const phrase of this.phrases) {
      if (padded.includes(phrase.words)) {
        const bonus = phrase.length * this.meanIdf;
        evidence.set(phrase.playbook, (evidence.get(phrase.playbook) ?? 0) + bonus);
        mass += bonus;
        langVotes[phrase.lang] += bonus;
        evidenceWords = Math.max(evidenceWords, 2);
        strongFor.add(phrase.playbook);
        matched.push(phrase.words.trim());
      }
    }
    const lang: Lang | null = langVotes.fr > langVotes.en ? 'fr' : langVotes.en > langVotes.fr ? 'en' : null;
    return { evidence, mass, matched, lang, evidenceWords, strongFor };
  }

  private decide(scored: ReturnType<PlaybookRouter['score']>, threshold: number): RouteResult {
    const ranked = [...scored.evidence].sort((a, b) => b[1] - a[1]);
    const total = ranked.reduce((sum, [, e]) => sum + e, 0);
    const [best, second] = ranked;
    if (!best || scored.mass === 0) {
      return { playbook: null, confidence: 0, lang: scored.lang, alternatives: [], matched: scored.matched };
    }
    const coverage = Math.min(1, best[1] / scored.mass);
    const dominance = best[1] / (best[1] + (second?.[1] ?? 0));
    const confidence = round(Math.sqrt(coverage) * dominance);
    const alternatives = ranked.slice(0, 3).map(([playbook, e]) => ({ playbook, score: round(e / total) }));
    return { playbook: confidence >= threshold ? best[0] : null, confidence, lang: scored.lang, alternatives, matched: scored.matched };
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
