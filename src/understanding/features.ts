// What the learned router sees of a text: hashed, binary, sparse features. Words (folded, numbers as "#"),
// their French and English stems, pairs of neighbouring words ("est tombe", "a crie", "# tickets"),
// character 3- and 4-grams of content words ("chu pogné", "fache", "servuer" share most of theirs with
// the words they stand for), and a few signs: a question mark, the length, and why the text would not be a
// live situation (already over, past or planned; see live-situation.ts) or a scene of private life.
//
// Words, word pairs and signs are emitted twice: once for every kind of text and once for its kind
// (`/playbook` query or channel message), so the model can learn that "la panne d'hier" asks for the outage
// playbook after `/playbook` but is old news in a channel. Feature names are hashed (FNV-1a) into a fixed
// space: no vocabulary to store, and no string is built for a character n-gram.
import { STOP_WORDS, stemsOf } from './analyzer.js';
import { liveSituationBlocker } from './live-situation.js';
import { privateLifeSign } from './private-life.js';

export type TextKind = 'query' | 'chat';

/** Size of the hashed feature space (a power of two). */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

// A seed per feature family, so that the word "panne" and the stem "panne" are different features.
const SEED = { word: 0x811c9dc5, stem: 0x01000193, pair: 0x2545f491, gram: 0x9e3779b9, sign: 0x27d4eb2f } as const;
const KIND_SALT: Record<TextKind, number> = { query: 0x5bd1e995, chat: 0x1b873593 };

function hashString(seed: number, s: string, start = 0, end = s.length): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const mix = (h: number, salt: number) => (Math.imul(h ^ salt, 0x85ebca6b) ^ (h >>> 13)) >>> 0;

/**
 * Sparse features: distinct indexes and their values, scaled to unit length (so long texts weigh like
 * short ones). Character n-grams count less than whole words: they are many, and only a hint.
 */
export interface Features {
  index: Int32Array;
  value: Float32Array;
}

const MAX_WORDS = 120;
const GRAM_SIZES = [3, 4] as const;
/** What a character n-gram is worth next to a whole word (chosen by cross-validation: 0.3). */
const GRAM_WEIGHT = 0.3;
/** What the sign of private life is worth next to a word: one sign stands for a whole family of words. */
const PRIVATE_LIFE_WEIGHT = 3;

// Scratch space reused by every call (one text at a time: the router is synchronous), so that computing
// features allocates nothing but the result. A small open-addressing table finds a feature already present
// in the current text (`cellStamp[c] === generation`) and its place in `scratchIndex` / `scratchValue`:
// 384 KB, where two arrays over the whole hashed space took 2 MB for the life of the process.
const SCRATCH = 16_384;
/** Twice SCRATCH cells: the table is at most half full, so probes stay short and always end. */
const TABLE_BITS = 15;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const cellStamp = new Int32Array(1 << TABLE_BITS);
const cellFeature = new Int32Array(1 << TABLE_BITS);
const cellSlot = new Int32Array(1 << TABLE_BITS);
const scratchIndex = new Int32Array(SCRATCH);
const scratchValue = new Float32Array(SCRATCH);
let generation = 0;
let count = 0;

function put(f: number, v: number): void {
  // Features are hashes already: their low bits spread well.
  let c = f & TABLE_MASK;
  while (cellStamp[c] === generation) {
    if (cellFeature[c] === f) {
      const at = cellSlot[c]!;
      if (scratchValue[at]! < v) scratchValue[at] = v;
      return;
    }
    c = (c + 1) & TABLE_MASK;
  }
  if (count >= SCRATCH) return;
  cellStamp[c] = generation;
  cellFeature[c] = f;
  cellSlot[c] = count;
  scratchIndex[count] = f;
  scratchValue[count++] = v;
}

/** FNV-1a of the n characters of `^word$` starting at `start` (0 is the "^"). */
function hashGram(word: string, start: number, n: number): number {
  let h: number = SEED.gram;
  for (let i = start; i < start + n; i++) {
    const code = i === 0 ? 94 : i === word.length + 1 ? 36 : word.charCodeAt(i - 1);
    h ^= code;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const isNumber = (w: string) => /^\d+$/.test(w);

/** The features of a text, given as folded words in order (see analyzer.words). */
export function featuresOf(foldedWords: readonly string[], kind: TextKind, hasQuestion: boolean): Features {
  const ws = foldedWords.length > MAX_WORDS ? foldedWords.slice(0, MAX_WORDS) : foldedWords;
  generation = generation === 0x7fffffff ? 1 : generation + 1;
  if (generation === 1) cellStamp.fill(0);
  count = 0;
  const salt = KIND_SALT[kind];
  const both = (h: number) => {
    put(h & MASK, 1);
    put(mix(h, salt) & MASK, 1);
  };
  let previous = '';
  for (let i = 0; i < ws.length; i++) {
    const w = isNumber(ws[i]!) ? '#' : ws[i]!;
    both(hashString(SEED.word, w));
    if (i > 0) both(hashString(hashString(SEED.pair, previous), ' ' + w));
    previous = w;
    if (w.length < 2 || STOP_WORDS.has(w) || w === '#') continue;
    for (const stem of stemsOf(w)) put(hashString(SEED.stem, stem) & MASK, 1);
    if (w.length < 3) continue;
    for (const n of GRAM_SIZES) {
      for (let start = 0; start + n <= w.length + 2; start++) put(hashGram(w, start, n) & MASK, GRAM_WEIGHT);
    }
  }
  if (hasQuestion) both(hashString(SEED.sign, '?'));
  both(hashString(SEED.sign, `len:${ws.length <= 2 ? ws.length : ws.length <= 5 ? 'short' : ws.length <= 12 ? 'mid' : 'long'}`));
  const blocker = liveSituationBlocker(ws as string[]);
  if (blocker) both(hashString(SEED.sign, blocker.startsWith('already over') ? 'over' : 'past'));
  // One feature for every sign of private life, so what the model learns from "chalet" also holds for
  // "quartier" or "ma mère" (see private-life.ts).
  if (privateLifeSign(ws)) {
    const h = hashString(SEED.sign, 'private-life');
    put(h & MASK, PRIVATE_LIFE_WEIGHT);
    put(mix(h, salt) & MASK, PRIVATE_LIFE_WEIGHT);
  }
  const index = scratchIndex.slice(0, count);
  const value = scratchValue.slice(0, count);
  let squares = 0;
  for (let j = 0; j < count; j++) squares += value[j]! * value[j]!;
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  for (let j = 0; j < count; j++) value[j] = value[j]! * scale;
  return { index, value };
}

/**
 * The features a single word contributes (its word, stems and character n-grams, kind-free and for the
 * kind), to explain a decision word by word.
 */
export function wordFeatures(word: string, kind: TextKind): number[] {
  const out: number[] = [];
  const h = hashString(SEED.word, word);
  out.push(h & MASK, mix(h, KIND_SALT[kind]) & MASK);
  if (word.length < 2 || STOP_WORDS.has(word)) return out;
  for (const stem of stemsOf(word)) out.push(hashString(SEED.stem, stem) & MASK);
  if (word.length >= 3) {
    for (const n of GRAM_SIZES) for (let start = 0; start + n <= word.length + 2; start++) out.push(hashGram(word, start, n) & MASK);
  }
  return out;
}
