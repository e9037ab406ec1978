// Evidence phrases ("vérifier les piles", "I'll download them") compiled to slot sequences, and found in
// an answer as stem sequences with small gaps, in French and English at once.
//
// How a phrase becomes slots:
// - content words match by stem (French or English Porter stem), or with one typo for words of six
//   letters or more that are not words of the scenario's own vocabulary;
// - in a phrase with two content words or more, stop words are optional ("vérifier les piles" matches
//   "je vérifierais d'abord ses piles"), and the content words may come in another order, as close
//   together ("écrire COVID dans le ticket" / "j'écris dans le ticket qu'elle a la COVID");
// - in a phrase with one content word, its function words carry the meaning and are required, except
//   articles, object pronouns, possessives and auxiliaries ("c'est dans ta main" is not "dans sa main";
//   "je les télécharge" needs its "je" but not its "les"); a phrase never shrinks to one bare word
//   ("her problem" is not "problem"), and an object between a verb and its particle stays ("figure it out");
// - a first-person subject is always required and must be followed closely by its verb: "je les
//   télécharge" is agreeing, "télécharger des MP3, c'est illégal" is not;
// - a negator in a phrase ("sans rire", "without permission", "flat no") is a required slot that any
//   negator fills ("rien"/"nothing" only by themselves), and the negation it carries belongs to the phrase;
// - hyphenated, dotted or colon-joined words ("post-it", "Re:Sound") must stay adjacent;
// - phrases do not cross a sentence (. ! ? ; : or a line break).
import { editDistance } from '../text/edit-distance.js';
import { isContent, tokenize, type Token } from './text.js';

export type Slot =
  | { kind: 'stem'; word: string; stems: string[]; glued: boolean }
  | { kind: 'word'; words: ReadonlySet<string>; subject: boolean; glued: boolean }
  | { kind: 'neg'; nothing: boolean; glued: boolean };

export interface Phrase {
  /** The evidence as written in the content. */
  text: string;
  slots: Slot[];
}

export interface Match {
  phrase: Phrase;
  /** Token indexes of the answer, one per slot. */
  at: number[];
  negated: boolean;
}

const SUBJECTS = new Set(['je', 'j', 'i', 'we', 'on', 'nous']);
/** "rien" and "nothing" are an object ("je fais rien"), not any negation ("je ne ferais aucun commentaire"). */
const NOTHING = new Set(['rien', 'nothing', 'none']);
/** English verb particles: "figure it out", "write it down", "set it up". */
const PARTICLES = new Set(['out', 'up', 'down', 'off', 'back', 'over', 'away', 'on']);
/** Optional even in a one-content-word phrase: articles, object pronouns, possessives, auxiliaries. */
const LIGHT = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'au', 'aux', 'lui', 'leur', 'leurs', 'y', 'en', 'ca', 'cela',
  'me', 'm', 'te', 't', 'se', 's', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'notre', 'nos', 'vais', 'va', 'vas', 'aller',
  'the', 'a', 'an', 'it', 'its', 'them', 'her', 'him', 'his', 'their', 'my', 'our', 'll', 'will', 'would', 'shall', 'going', 'gonna',
]);
/** Elided and contracted forms ("j'" is "je", "I'll" is "I will") and the common forms of the verbs
 * that are stop words ("lui faire la morale" is also "je lui ferais la morale"). */
const GROUPS: string[][] = [
  ['je', 'j'], ['me', 'm'], ['te', 't'], ['se', 's'], ['ne', 'n'], ['de', 'd'], ['que', 'qu'], ['ce', 'c'], ['le', 'l'], ['la', 'l'],
  ['ll', 'will'], ['d', 'would', 'had'], ['m', 'am'], ['s', 'is'], ['re', 'are'], ['ve', 'have'],
  ['faire', 'fais', 'fait', 'ferais', 'ferait', 'ferai', 'fera', 'faites', 'font', 'faisais', 'faisait', 'faisant'],
  ['etre', 'est', 'suis', 'es', 'serais', 'serait', 'serai', 'sera', 'etait', 'sont'],
  ['dire', 'dis', 'dit', 'dirais', 'dirait', 'dirai', 'dira'],
  ['do', 'does', 'did', 'doing'], ['say', 'says', 'said', 'saying'], ['tell', 'tells', 'told', 'telling'],
  ['keep', 'keeps', 'kept', 'keeping'], ['make', 'makes', 'made', 'making'],
];
const EQUIVALENT = new Map<string, string[]>();
for (const group of GROUPS) for (const w of group) EQUIVALENT.set(w, [...new Set([...(EQUIVALENT.get(w) ?? []), ...group])]);

/** Between two slots: at most this many words skipped, of which at most this many content words. */
const MAX_GAP = 5;
const MAX_GAP_CONTENT = 2;
/** After a subject ("je", "I"): only function words before the verb ("je vais te les télécharger"). */
const MAX_GAP_AFTER_SUBJECT = 4;
/** Around a required function word: it stays close to its content word ("garder [l'anecdote] pour moi"). */
const MAX_GAP_AROUND_WORD = 3;
const MAX_GAP_CONTENT_AROUND_WORD = 1;
type Gap = readonly [words: number, content: number];
// The few possible limits, made once: the matcher asks for them at every step.
const GLUED: Gap = [0, 0];
const AFTER_SUBJECT: Gap = [MAX_GAP_AFTER_SUBJECT, 0];
const AROUND_WORD: Gap = [MAX_GAP_AROUND_WORD, MAX_GAP_CONTENT_AROUND_WORD];
const AFTER_NEG: Gap = [MAX_GAP, 1];
const BETWEEN_CONTENT: Gap = [MAX_GAP, MAX_GAP_CONTENT];
function gapLimits(prev: Slot, next: Slot): Gap {
  if (next.glued) return GLUED;
  if (prev.kind === 'word' && prev.subject) return AFTER_SUBJECT;
  if (prev.kind === 'word' || next.kind === 'word') return AROUND_WORD;
  if (prev.kind === 'neg') return AFTER_NEG;
  return BETWEEN_CONTENT;
}

/** Typos are tolerated on words of at least this many letters, one edit (Damerau-Levenshtein). */
const TYPO_MIN_LENGTH = 6;

export function compilePhrase(text: string): Phrase | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  const glueBound = tokens.map((t, i) => t.glued || Boolean(tokens[i + 1]?.glued));
  const contentCount = tokens.filter(isContent).length;
  const keep = tokens.map((t, i) => {
    if (tokens.length === 1 || t.negator || glueBound[i] || SUBJECTS.has(t.word) || isContent(t)) return true;
    // "figure it out" is not "figure out why": an object between a verb and its particle counts.
    if (LIGHT.has(t.word) && PARTICLES.has(tokens[i + 1]?.word ?? '') && i > 0 && isContent(tokens[i - 1]!)) return true;
    if (contentCount === 1) return !LIGHT.has(t.word);
    return contentCount === 0; // all function words ("keep it to myself", "encore lui"): all of them count
  });
  // A phrase never shrinks to one bare word: "her problem" is not "problem", "la flèche" not "flèche".
  if (tokens.length > 1 && keep.filter(Boolean).length === 1) keep.fill(true);
  const slots: Slot[] = [];
  tokens.forEach((t, i) => {
    if (!keep[i]) return;
    const glued = t.glued && keep[i - 1] === true;
    if (t.negator && tokens.length > 1) slots.push({ kind: 'neg', nothing: NOTHING.has(t.word), glued });
    else if (isContent(t)) slots.push({ kind: 'stem', word: t.word, stems: t.stems, glued });
    else slots.push({ kind: 'word', words: new Set([t.word, ...(EQUIVALENT.get(t.word) ?? [])]), subject: SUBJECTS.has(t.word), glued });
  });
  return slots.length > 0 ? { text, slots } : null;
}

/** What the matcher knows of the scenario: its vocabulary, so a real word is never read as a typo. */
const NO_MATCHES: number[][] = [];

export class Matcher {
  /** Typo verdicts by the answer's word, then the evidence word (no key string to build on each ask). */
  private readonly typoCache = new Map<string, Map<string, boolean>>();
  private typoCacheSize = 0;
  /** Scratch for the slots matched so far (find is not re-entrant): only a match is copied out. */
  private readonly path: number[] = new Array<number>(64).fill(0);
  private readonly scratch: number[] = new Array<number>(64).fill(0);

  constructor(private readonly knownStems: ReadonlySet<string>) {}

  /** Every occurrence of the phrase in the answer, negated or not, leftmost first. */
  find(phrase: Phrase, tokens: Token[]): Match[] {
    // Hot: the review runs this for many signals per draft, so it allocates only for what it finds.
    let out: Match[] | null = null;
    let taken: Set<number> | null = null;
    let from = 0;
    const path = this.path;
    for (let i = 0; i < tokens.length; i++) {
      if (i < from || !this.fits(phrase.slots[0]!, tokens[i]!)) continue;
      path[0] = i;
      if (!this.extend(phrase.slots, tokens, path, 1)) continue;
      const at = path.slice(0, phrase.slots.length);
      (out ??= []).push({ phrase, at, negated: negated(phrase.slots, tokens, at) });
      taken ??= new Set();
      for (const n of at) taken.add(n);
      from = at[at.length - 1]! + 1;
    }
    for (const at of this.unordered(phrase, tokens, taken)) {
      const sorted = [...at].sort((a, b) => a - b);
      (out ??= []).push({ phrase, at: sorted, negated: negated(phrase.slots, tokens, at) });
    }
    return out ?? [];
  }

  /**
   * Fills `at[depth…]` (token indexes, one per slot; the first `depth` are set) to the whole phrase;
   * false when it cannot.
   */
  private extend(slots: Slot[], tokens: Token[], at: number[], depth: number): boolean {
    if (depth === slots.length) return true;
    const slot = slots[depth]!;
    const prevSlot = slots[depth - 1]!;
    const prev = at[depth - 1]!;
    const [maxGap, maxContent] = gapLimits(prevSlot, slot);
    let skippedContent = 0;
    for (let j = prev + 1; j < tokens.length && j <= prev + 1 + maxGap; j++) {
      const token = tokens[j]!;
      if (token.sentence !== tokens[prev]!.sentence) break;
      if (this.fits(slot, token)) {
        at[depth] = j;
        if (this.extend(slots, tokens, at, depth + 1)) return true;
      }
      if (isContent(token)) skippedContent++;
      if (skippedContent > maxContent) break;
    }
    return false;
  }

  /**
   * Content words in another order, as close together as in order: "écrire COVID dans le ticket" is
   * also "j'écris dans le ticket qu'elle a la COVID". Only for phrases made of content words alone.
   */
  private unordered(phrase: Phrase, tokens: Token[], taken: Set<number> | null): number[][] {
    const slots = phrase.slots;
    if (slots.length < 2 || slots.length > 30) return NO_MATCHES;
    for (let n = 0; n < slots.length; n++) if (slots[n]!.kind !== 'stem' || slots[n]!.glued) return NO_MATCHES;
    const span = slots.length + MAX_GAP * (slots.length - 1);
    let out: number[][] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      if (taken?.has(i) || !this.fitsAny(slots, tokens[i]!)) continue;
      const at = this.scratch;
      /** Bits of the slots already filled. */
      let used = 0;
      let filled = 0;
      let skippedContent = 0;
      for (let j = i; j < tokens.length && j < i + span && tokens[j]!.sentence === tokens[i]!.sentence; j++) {
        let k = -1;
        for (let n = 0; n < slots.length; n++) {
          if ((used & (1 << n)) === 0 && this.fits(slots[n]!, tokens[j]!)) { k = n; break; }
        }
        if (k >= 0 && !taken?.has(j)) {
          used |= 1 << k;
          at[k] = j;
          if (++filled === slots.length) break;
        } else if (isContent(tokens[j]!) && ++skippedContent > MAX_GAP_CONTENT * (slots.length - 1)) {
          break;
        }
      }
      if (filled === slots.length) {
        (out ??= []).push(at.slice(0, slots.length));
        taken ??= new Set();
        for (let n = 0; n < slots.length; n++) taken.add(at[n]!);
      }
    }
    return out ?? NO_MATCHES;
  }

  private fitsAny(slots: Slot[], token: Token): boolean {
    for (let n = 0; n < slots.length; n++) if (this.fits(slots[n]!, token)) return true;
    return false;
  }

  private fits(slot: Slot, token: Token): boolean {
    switch (slot.kind) {
      case 'neg':
        return token.negator && NOTHING.has(token.word) === slot.nothing;
      case 'word':
        return slot.words.has(token.word);
      case 'stem':
        // Either stemmer: the French one misses irregular forms ("copie" cop, "copier" copi) that the
        // English one joins, and people mix languages anyway.
        for (let n = 0; n < token.stems.length; n++) if (slot.stems.includes(token.stems[n]!)) return true;
        return this.typo(slot, token);
    }
  }

  /** One edit away from a long evidence word, and not a word of the scenario's own vocabulary. */
  private typo(slot: { word: string }, token: Token): boolean {
    if (token.word.length < TYPO_MIN_LENGTH || slot.word.length < TYPO_MIN_LENGTH || !isContent(token)) return false;
    if (token.word[0] !== slot.word[0] || Math.abs(token.word.length - slot.word.length) > 1) return false;
    if (token.stems.some((s) => this.knownStems.has(s))) return false;
    let byWord = this.typoCache.get(token.word);
    let hit = byWord?.get(slot.word);
    if (hit === undefined) {
      hit = editDistance(token.word, slot.word) <= 1;
      if (++this.typoCacheSize > 20_000) { this.typoCache.clear(); this.typoCacheSize = 1; byWord = undefined; }
      if (!byWord) this.typoCache.set(token.word, (byWord = new Map()));
      byWord.set(slot.word, hit);
    }
    return hit;
  }
}

/**
 * A match is negated when one of its words is in the scope of a negation that is not part of the phrase
 * itself, an odd number of times ("je ne refuserais pas" negates; "je ne refuserais pas de l'aider"
 * leaves "aider" standing).
 */
function negated(slots: Slot[], tokens: Token[], at: number[]): boolean {
  // Plain loops: this runs for every match of every signal (no sets or filtered copies).
  const ownEvent = (e: number) => {
    for (let k = 0; k < slots.length; k++) if (slots[k]!.kind === 'neg' && tokens[at[k]!]!.negEvent === e) return true;
    return false;
  };
  const headKind = slots.some((s) => s.kind === 'stem') ? 'stem' : 'word';
  for (let k = 0; k < slots.length; k++) {
    if (slots[k]!.kind !== headKind) continue;
    let count = 0;
    for (const e of tokens[at[k]!]!.scopes) if (!ownEvent(e)) count++;
    if (count % 2 === 1) return true;
  }
  return false;
}
