// Routes text to a playbook, or to none. Two sources of knowledge, combined in one learned model:
// - the content's own evidence (content-evidence.ts): TF-IDF over every playbook's aliases, keywords,
//   examples, titles and summaries, so a trainer's new playbook has evidence as soon as its file exists;
// - how people really write (the content's `routing/*.jsonl`: labelled `/playbook` queries and channel
//   messages, with hundreds that must route to nothing: hockey tickets, a power cut at the cottage, a band
//   called Rage, an outage that is over).
// The model (softmax.ts) is a multinomial logistic regression over hashed words, word pairs, stems and
// character n-grams (features.ts), with one extra class, "none", plus shared weights on the content's
// evidence for each playbook; three are trained in different orders and averaged. They are trained at
// start-up (a few hundred milliseconds of CPU) on the labelled texts and on the playbooks' own words, so a
// playbook without labelled texts still gets a class and its evidence.
//
// The two decisions are calibrated separately: a `/playbook` query takes the most likely playbook when its
// probability reaches `queryThreshold`; a channel message is offered a playbook at `chatThreshold`, the
// lowest probability at which cross-validation keeps offers 97 % right, because a wrong offer annoys a
// whole channel (both chosen by cross-validation on the labelled texts: `node bench/routing-tune.mjs`).
// Without any labelled text the router decides from the content's evidence alone, with the rules it had
// before the learned model.
import type { Lang, Library, RoutingExample } from '../content/model.js';
import { words } from './analyzer.js';
import { ContentEvidence, FUZZY_MAX_WORDS, MAX_WORDS, messageLang, terms, type Scored } from './content-evidence.js';
import { featuresOf, wordFeatures, type Features, type TextKind } from './features.js';
import { liveSituationBlocker } from './live-situation.js';
import { DEFAULT_TRAINING, indexFeatures, SoftmaxRegression, type Example, type TrainingOptions } from './softmax.js';

export interface RouteResult {
  playbook: string | null;
  /** 0 to 1: the probability of the chosen (or best) playbook. */
  confidence: number;
  /** The language the matched words come from, when they tell. */
  lang: Lang | null;
  /** Playbooks with real evidence, best first: the "did you mean" list when `playbook` is null. */
  alternatives: { playbook: string; score: number }[];
  /** Words that carried the decision: the content's words found, then the words the model leaned on. */
  matched: string[];
  /** Why a text was not routed, when it was not. */
  reason?: string;
}

export interface RouterOptions {
  /** Minimum probability to answer a /playbook query (or free text) with a playbook. */
  queryThreshold: number;
  /** Minimum probability to offer a playbook on an ordinary channel message. */
  chatThreshold: number;
}

/** Calibrated by 5-fold cross-validation on content/routing (see bench/routing-tune.mjs). */
export const DEFAULT_ROUTER_OPTIONS: RouterOptions = { queryThreshold: 0.6, chatThreshold: 0.46 };
/** The rules without labelled data: the content's coverage × dominance confidence. */
const EVIDENCE_ONLY_OPTIONS: RouterOptions = { queryThreshold: 0.4, chatThreshold: 0.45 };
/** Which threshold of the options reads each kind of text. */
const THRESHOLD_OF = { query: 'queryThreshold', chat: 'chatThreshold' } as const satisfies Record<TextKind, keyof RouterOptions>;

/** Below this many labelled texts of a kind, a playbook is decided by its content's evidence alone. */
const MIN_LABELLED = 15;
/** A playbook is a "did you mean" suggestion from this probability, and only with real evidence. */
const SUGGESTION_MIN = 0.3;
/** Per-class evidence features, once for queries and once for channel messages. */
const EVIDENCE_DIMS = 8;
/** Models averaged (see `train`). */
const ENSEMBLE = 3;
/** How much the training counts each source (1 = a labelled text). */
const WEIGHT = { labelled: 1, chatAsQuery: 0.5, alias: 1, example: 1, title: 1, keyword: 0.5, summary: 0.5 } as const;
/** Words shown as the model's own evidence, at most, and the least lean that counts. */
const EXPLAIN_WORDS = 4;
const EXPLAIN_MIN_LEAN = 0.8;

interface Analysis {
  all: string[];
  kind: TextKind;
  scored: Scored;
  features: Features;
  dense: Float32Array;
}

export class PlaybookRouter {
  readonly playbookIds: string[];
  private readonly evidence: ContentEvidence;
  /** Models trained on the same texts in different orders; their probabilities are averaged (null: none). */
  private readonly models: SoftmaxRegression[] | null;
  private readonly options: RouterOptions;
  /**
   * Per kind, the playbooks with too few labelled texts for the model to know them (a trainer's new
   * playbook): for those, the content's evidence-only decision still applies when the model says none.
   */
  private readonly unlearned: Record<TextKind, Set<string>> = { query: new Set(), chat: new Set() };

  /**
   * Builds the content evidence and trains the model on `library.routing` and the playbooks' own words.
   * `options` defaults to the calibrated thresholds, or to the evidence-only ones without labelled data.
   */
  constructor(library: Library, options?: RouterOptions, training: TrainingOptions = DEFAULT_TRAINING) {
    this.playbookIds = library.playbooks.map((p) => p.id);
    this.evidence = new ContentEvidence(library);
    const labelled = library.routing ?? [];
    for (const kind of ['query', 'chat'] as const) {
      for (const id of this.playbookIds) {
        const count = labelled.filter((r) => r.expect === id && (r.kind === kind || r.kind === 'chat')).length;
        if (count < MIN_LABELLED) this.unlearned[kind].add(id);
      }
    }
    this.models = labelled.length > 0 && this.playbookIds.length > 0 ? this.train(library, labelled, training) : null;
    this.options = options ?? (this.models ? DEFAULT_ROUTER_OPTIONS : EVIDENCE_ONLY_OPTIONS);
  }

  /** For `/playbook TEXT` and free text to the coach: the best playbook, or null with the closest ones. */
  route(text: string): RouteResult {
    const all = words(text).slice(0, MAX_WORDS);
    const exact = this.evidence.exactMatch(all);
    if (exact) {
      return { playbook: exact.playbook, confidence: 1, lang: exact.lang, alternatives: [{ playbook: exact.playbook, score: 1 }], matched: [all.join(' ')] };
    }
    return this.answer(this.analyze(text, all, 'query'), 'query');
  }

  /**
   * For ordinary channel messages: does this describe a playbook situation happening now? The same model,
   * reading the text as a channel message (an outage that is over or planned is none), with the channel's
   * own threshold, set for precision: a wrong offer annoys a whole channel, a missed one costs little.
   */
  detect(text: string): RouteResult {
    const all = words(text).slice(0, MAX_WORDS);
    return this.answer(this.analyze(text, all, 'chat'), 'chat');
  }

  /**
   * The model's answer at `kind`'s threshold; when it names nothing, the evidence-only answer if that names
   * a playbook the model could not learn (too few labelled examples of this kind). No model: evidence only.
   */
  private answer(a: Analysis, kind: TextKind): RouteResult {
    const threshold = THRESHOLD_OF[kind];
    const evidenceOnly = (t: number) => (kind === 'query' ? this.evidenceOnlyRoute(a, t) : this.evidenceOnlyDetect(a, t));
    if (!this.models) return evidenceOnly(this.options[threshold]);
    const result = this.decide(a, this.options[threshold]);
    if (result.playbook || this.unlearned[kind].size === 0) return result;
    const fallback = evidenceOnly(EVIDENCE_ONLY_OPTIONS[threshold]);
    return fallback.playbook && this.unlearned[kind].has(fallback.playbook) ? fallback : result;
  }

  /** `fuzzy`: correct typos of short queries against the content's words (off while training: slow, and the
   * character n-grams already teach the model misspellings). */
  private analyze(text: string, all: string[], kind: TextKind, fuzzy = true): Analysis {
    let tokens = terms(all.join(' '));
    let seen = all;
    if (fuzzy && kind === 'query' && tokens.length > 0 && tokens.length <= FUZZY_MAX_WORDS) {
      const fixed = tokens.map((t) => this.evidence.correct(t));
      // The model reads the corrected words too: "pane" is read as "panne".
      const fixes = new Map(tokens.map((t, i) => [t.word, fixed[i]!.word] as const).filter(([from, to]) => from !== to));
      if (fixes.size > 0) seen = all.map((w) => fixes.get(w) ?? w);
      tokens = fixed;
    }
    const scored = this.evidence.score(all, tokens);
    return { all, kind, scored, features: featuresOf(seen, kind, text.includes('?')), dense: this.denseOf(scored, kind) };
  }

  /**
   * What the content says about each playbook, as numbers the model weighs the same way for every playbook:
   * the share of the evidence, the part of the text it explains, keyword or alias present, words backing
   * it, a longer alias found whole, and the evidence-only confidence when it is the best playbook.
   */
  private denseOf(scored: Scored, kind: TextKind): Float32Array {
    const C = this.playbookIds.length + 1;
    const out = new Float32Array(C * 2 * EVIDENCE_DIMS);
    let total = 0;
    for (const e of scored.evidence.values()) total += e;
    const { best, confidence } = this.evidence.confidence(scored);
    const offset = kind === 'query' ? 0 : EVIDENCE_DIMS;
    this.playbookIds.forEach((id, k) => {
      const e = scored.evidence.get(id) ?? 0;
      const at = k * 2 * EVIDENCE_DIMS + offset;
      out[at] = total > 0 ? e / total : 0;
      out[at + 1] = scored.mass > 0 ? Math.min(1, e / scored.mass) : 0;
      out[at + 2] = scored.strongFor.has(id) ? 1 : 0;
      out[at + 3] = (scored.strongBacking.get(id) ?? 0) > 0 ? 1 : 0;
      out[at + 4] = (scored.backing.get(id) ?? 0) >= 2 ? 1 : 0;
      out[at + 5] = scored.phrased.has(id) ? 1 : 0;
      out[at + 6] = best === id ? confidence : 0;
      // The evidence-only rule would choose it (without the live-situation check, a sign of its own).
      const rule = kind === 'query'
        ? confidence >= EVIDENCE_ONLY_OPTIONS.queryThreshold && scored.strongFor.has(id)
        : confidence >= EVIDENCE_ONLY_OPTIONS.chatThreshold && (scored.backing.get(id) ?? 0) >= 2 && scored.strongBacking.has(id);
      out[at + 7] = best === id && rule ? 1 : 0;
    });
    return out;
  }

  private train(library: Library, labelled: RoutingExample[], options: TrainingOptions): SoftmaxRegression[] {
    const classOf = new Map(this.playbookIds.map((id, k) => [id, k]));
    const none = this.playbookIds.length;
    const examples: Example[] = [];
    const add = (text: string, kind: TextKind, label: number, weight: number) => {
      const all = words(text).slice(0, MAX_WORDS);
      if (all.length > 0) examples.push({ features: featuresOf(all, kind, text.includes('?')), dense: null, label, weight });
    };
    for (const r of labelled) {
      const label = r.expect === null ? none : classOf.get(r.expect);
      if (label === undefined) continue;
      const all = words(r.text).slice(0, MAX_WORDS);
      if (all.length === 0) continue;
      const a = this.analyze(r.text, all, r.kind, false);
      examples.push({ features: a.features, dense: a.dense, label, weight: WEIGHT.labelled });
      // A situation told in a channel is also a fair `/playbook` query (same words, read as a query).
      if (r.kind === 'chat' && r.expect !== null) {
        examples.push({ features: featuresOf(all, 'query', r.text.includes('?')), dense: this.denseOf(a.scored, 'query'), label, weight: WEIGHT.chatAsQuery });
      }
    }
    // The playbooks' own words teach each class its vocabulary, without teaching the model to trust the
    // content's evidence on the very snippets that evidence was built from.
    for (const pair of library.playbooks) {
      const k = classOf.get(pair.id)!;
      for (const lang of ['fr', 'en'] as const) {
        const p = pair[lang];
        add(p.title, 'query', k, WEIGHT.title);
        add(p.summary, 'query', k, WEIGHT.summary);
        for (const alias of p.aliases) add(alias, 'query', k, WEIGHT.alias);
        for (const keyword of p.keywords) add(keyword, 'query', k, WEIGHT.keyword);
        for (const example of p.examples) add(example, 'query', k, WEIGHT.example);
      }
    }
    // A few models in different orders, averaged: on a corpus this size one model's choices depend on the
    // order it read the texts in; three cost 1.5 times one trained twice as long, and vary far less. They
    // read the same examples, so they share one feature index.
    const index = indexFeatures(examples);
    return Array.from({ length: ENSEMBLE }, (_, i) => {
      const model = new SoftmaxRegression(this.playbookIds.length + 1, 2 * EVIDENCE_DIMS);
      model.train(examples, { ...options, seed: options.seed + i * 101 }, index);
      return model;
    });
  }

  private probabilities(a: Analysis): Float64Array {
    const out = new Float64Array(this.playbookIds.length + 1);
    for (const model of this.models!) {
      const p = model.probabilities(a.features, a.dense);
      for (let k = 0; k < out.length; k++) out[k] = out[k]! + p[k]! / this.models!.length;
    }
    return out;
  }

  private decide(a: Analysis, threshold: number): RouteResult {
    const probs = this.probabilities(a);
    const none = this.playbookIds.length;
    const ranked = this.playbookIds.map((id, k) => ({ id, k, p: probs[k]! })).sort((x, y) => y.p - x.p);
    const best = ranked[0]!;
    const lang = a.scored.lang ?? messageLang(a.all);
    // A channel message that says the situation is over ("c'est réglé", "back up", "merci à tous") is never
    // offered a playbook, whatever the model thinks: that sign is reliable, and the model sees it only as one
    // feature among many. (Past or planned signs stay features: "formation", "maintenance" are also topics.)
    const over = a.kind === 'chat' ? liveSituationBlocker(a.all) : null;
    const routed = best.p >= threshold && !(over?.startsWith('already over') ?? false);
    const alternatives = ranked
      .filter((r) => r.p >= SUGGESTION_MIN && this.hasRealEvidence(a.scored, r.id))
      .slice(0, 3)
      .map((r) => ({ playbook: r.id, score: round(r.p) }));
    // The model's own reasons are worked out only for a decision taken (they cost a second look at each word).
    const matched = routed ? [...a.scored.matched, ...this.explain(a, best.k).filter((w) => !a.scored.matched.includes(w))] : a.scored.matched;
    const result: RouteResult = { playbook: routed ? best.id : null, confidence: round(best.p), lang, alternatives, matched };
    if (!routed) result.reason = over?.startsWith('already over') ? over : this.whyNot(a, probs[none]!, best.p);
    return result;
  }

  /** A suggestion needs a keyword or alias of the playbook, or two words backing it: never one weak word. */
  private hasRealEvidence(scored: Scored, id: string): boolean {
    return scored.strongFor.has(id) || (scored.backing.get(id) ?? 0) >= 2;
  }

  private whyNot(a: Analysis, none: number, best: number): string {
    if (a.kind === 'chat') {
      const blocker = liveSituationBlocker(a.all);
      if (blocker && none > best) return blocker;
    }
    if (none > best) return a.kind === 'chat' ? 'not a live support situation' : 'no playbook situation';
    return 'low confidence';
  }

  /** The words of the text that pushed the model most towards class k. */
  private explain(a: Analysis, k: number): string[] {
    const leans = new Map<string, number>();
    for (const w of new Set(a.all)) {
      let lean = 0;
      for (const f of wordFeatures(w, a.kind)) for (const model of this.models!) lean += model.lean(f, k) / this.models!.length;
      leans.set(w, lean);
    }
    return [...leans].filter(([, l]) => l >= EXPLAIN_MIN_LEAN).sort((x, y) => y[1] - x[1]).slice(0, EXPLAIN_WORDS).map(([w]) => w);
  }

  // ---- Without labelled data: the content's evidence alone, with its original rules. ----

  private evidenceOnly(a: Analysis, threshold: number): RouteResult {
    const { best, confidence, ranked } = this.evidence.confidence(a.scored);
    const total = ranked.reduce((sum, [, e]) => sum + e, 0);
    const alternatives = ranked.slice(0, 3).map(([playbook, e]) => ({ playbook, score: round(e / total) }));
    return { playbook: best && confidence >= threshold ? best : null, confidence: round(confidence), lang: a.scored.lang, alternatives, matched: a.scored.matched };
  }

  private evidenceOnlyRoute(a: Analysis, threshold: number): RouteResult {
    const result = this.evidenceOnly(a, threshold);
    if (result.playbook && !a.scored.strongFor.has(result.playbook)) return { ...result, playbook: null };
    return result;
  }

  /** At least two words backing the playbook, one a keyword or alias, and no sign the situation is over. */
  private evidenceOnlyDetect(a: Analysis, threshold: number): RouteResult {
    const result = this.evidenceOnly(a, threshold);
    if (!result.playbook) return { ...result, reason: 'low confidence' };
    if ((a.scored.backing.get(result.playbook) ?? 0) < 2) return { ...result, playbook: null, reason: 'too little evidence' };
    if (!a.scored.strongBacking.has(result.playbook)) return { ...result, playbook: null, reason: 'no alias or keyword of the playbook' };
    const blocker = liveSituationBlocker(a.all);
    if (blocker) return { ...result, playbook: null, reason: blocker };
    return result;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
