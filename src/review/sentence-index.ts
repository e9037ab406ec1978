// Which sentences of a draft hold which words, so a grid signal is matched only in the sentences that
// hold something for every one of its slots. A grid has hundreds of signals and a draft a dozen
// sentences or more; a signal's words nearly never all meet in one sentence, and matching it there is
// skipped. Phrases never cross a sentence (grading/evidence.ts), so matching sentence by sentence finds
// exactly what matching the whole draft finds.
//
// Sets of sentences are bits of plain numbers, one number per block of 32 sentences: asking about a
// signal allocates nothing (this runs for every signal of a grid on every review).
import type { Phrase, Slot } from '../grading/evidence.js';
import type { Token } from '../grading/text.js';
import type { Layout } from './layout.js';

/** Words this long may carry one typo (grading/evidence.ts tolerates one edit from six letters). */
export const TYPO_MIN_LENGTH = 6;

export class SentenceIndex {
  /**
   * Per word and per stem (one map: a word that equals some stem only widens the superset): the
   * sentences holding it, one number of bits per block of 32 sentences.
   */
  private readonly terms = new Map<string, number[]>();
  /** Per shape of a long word (first letter and length): a one-letter typo keeps it, nearly. */
  private readonly shapes = new Map<number, number[]>();
  private readonly negation: number[];
  private readonly blocks: number;
  /** Each sentence's own tokens, for matching a phrase in it alone. */
  readonly tokensOf: Token[][];

  constructor(layout: Layout) {
    this.blocks = Math.ceil(layout.sentences.length / 32) || 1;
    this.negation = new Array<number>(this.blocks).fill(0);
    this.tokensOf = layout.sentences.map((s) => layout.tokens.slice(s.from, s.to + 1));
    const { tokens, sentenceOf } = layout;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const sentence = sentenceOf[i]!;
      for (let n = 0; n < t.stems.length; n++) this.add(this.terms, t.stems[n]!, sentence);
      this.add(this.terms, t.word, sentence);
      if (t.word.length >= TYPO_MIN_LENGTH - 1) for (let d = -1; d <= 1; d++) this.add(this.shapes, shape(t.word, t.word.length + d), sentence);
      if (t.negator) this.negation[sentence >>> 5]! |= 1 << (sentence & 31);
    }
  }

  /**
   * The sentences in which every slot of the phrase has a word it could match (a superset of where it
   * does match), in order; empty when there is none.
   */
  candidates(needs: SlotNeeds[]): number[] {
    let out: number[] | null = null;
    for (let block = 0; block < this.blocks; block++) {
      let acc = ~0;
      for (let n = 0; n < needs.length; n++) {
        acc &= this.slotBits(needs[n]!, block);
        if (acc === 0) break;
      }
      while (acc !== 0) {
        const low = acc & -acc;
        (out ??= []).push(block * 32 + 31 - Math.clz32(low));
        acc ^= low;
      }
    }
    return out ?? NONE;
  }

  private slotBits(need: SlotNeeds, block: number): number {
    if (need.negation) return this.negation[block]!;
    let bits = 0;
    const terms = need.terms;
    for (let n = 0; n < terms.length; n++) bits |= this.terms.get(terms[n]!)?.[block] ?? 0;
    if (need.shape >= 0) bits |= this.shapes.get(need.shape)?.[block] ?? 0;
    return bits;
  }

  private add<K>(map: Map<K, number[]>, key: K, sentence: number): void {
    let bits = map.get(key);
    if (!bits) map.set(key, (bits = new Array<number>(this.blocks).fill(0)));
    bits[sentence >>> 5]! |= 1 << (sentence & 31);
  }
}

/**
 * What a slot of a phrase needs in a sentence, worked out once when the grid is compiled: any of these
 * words or stems, or a long word of this shape (a typo), or a negation.
 */
export interface SlotNeeds {
  terms: string[];
  /** The shape a typo of the slot's word keeps, or -1 when the word is too short to carry a typo. */
  shape: number;
  negation: boolean;
}

/** The needs of each slot of a phrase, in order. */
export function slotNeeds(phrase: Phrase): SlotNeeds[] {
  return phrase.slots.map((slot: Slot): SlotNeeds => {
    if (slot.kind === 'neg') return { terms: [], shape: -1, negation: true };
    if (slot.kind === 'word') return { terms: [...slot.words], shape: -1, negation: false };
    return { terms: [...slot.stems], shape: slot.word.length >= TYPO_MIN_LENGTH ? shape(slot.word, slot.word.length) : -1, negation: false };
  });
}

/** A word's first letter and a length, as one number. */
function shape(word: string, length: number): number {
  return word.charCodeAt(0) * 1024 + length;
}

const NONE: number[] = [];
