// What the classifier sees of a sentence: its words as French and English stems (natural's Porter
// stemmers, through the tokenizer), marked `¬` when a negation covers them, pairs of neighbouring
// words, who it talks about (I, we, you), its punctuation and shape, where it sits in the draft, and a
// few facts about the whole draft (named person, short draft, placeholders).
import { isContent, type Token } from '../grading/text.js';
import type { Layout, Sentence } from './layout.js';
import { MEANING, wordClasses } from './word-classes.js';

const FIRST_SINGULAR = new Set(['je', 'j', 'i', 'me', 'moi', 'my', 'mine', 'mon', 'ma', 'mes', 'myself']);
const FIRST_PLURAL = new Set(['nous', 'we', 'our', 'ours', 'notre', 'nos', 'on', 'us']);
const SECOND = new Set(['vous', 'you', 'your', 'yours', 'votre', 'vos', 'tu', 'te', 'toi', 'ton', 'ta', 'tes', 'yourself']);
// Subjects only: "they broke it" points at someone; "finance will key them in" does not.
const THIRD = new Set(['il', 'elle', 'ils', 'elles', 'he', 'she', 'they']);

/** The features of one sentence of a laid-out draft. */
export function sentenceFeatures(layout: Layout, sentence: Sentence): string[] {
  const out: string[] = [];
  const tokens = layout.tokens.slice(sentence.from, sentence.to + 1);
  let previous: Token | null = null;
  for (const t of tokens) {
    if (FIRST_SINGULAR.has(t.word)) out.push('p:i');
    else if (FIRST_PLURAL.has(t.word)) out.push('p:we');
    else if (SECOND.has(t.word)) out.push('p:you');
    else if (THIRD.has(t.word)) out.push('p:they');
    if (t.negator) out.push('neg');
    if (!isContent(t)) continue;
    const negated = t.scopes.length % 2 === 1 ? '¬' : '';
    for (const s of t.stems) out.push(`w:${negated}${s}`);
    if (previous) out.push(`b:${previous.stems[0]}_${t.stems[0]}`);
    previous = t;
  }
  // Word classes and their pairs (word-classes.ts): what a phrasing never seen shares with the labelled ones.
  const classes = wordClasses(tokens);
  for (let i = 0; i < classes.length; i++) {
    out.push(`k:${classes[i]}`);
    for (let j = i + 1; j < classes.length; j++) if (MEANING.has(classes[i]!) || MEANING.has(classes[j]!)) out.push(`k:${classes[i]}+${classes[j]}`);
  }
  const text = layout.draft.slice(sentence.start, sentence.end);
  if (text.includes('?')) out.push('s:question');
  if (text.includes('!')) out.push('s:exclaim');
  if (/!{2,}|\?{2,}/.test(text)) out.push('s:marks');
  const caps = text.match(/\b\p{Lu}{3,}\b/gu)?.length ?? 0;
  if (caps >= 3) out.push('s:caps');
  if (sentence.time) out.push('s:time');
  if (/\d/.test(text)) out.push('s:digit');
  if (sentence.placeholder) out.push('s:placeholder');
  const n = tokens.length;
  out.push(n <= 3 ? 'len:1' : n <= 8 ? 'len:2' : n <= 20 ? 'len:3' : 'len:4');
  if (sentence.index === 0) out.push('at:first');
  if (sentence.index === layout.sentences.length - 1) out.push('at:last');
  if (layout.greeting && sentence.start >= layout.greeting.start && sentence.end <= layout.greeting.end + 1) out.push('at:greeting');
  if (sentence.start >= layout.closingStart) out.push('at:closing');
  if (layout.name && layout.name.sentence === sentence.index) out.push('d:name-here');
  if (layout.name) out.push('d:named');
  if (layout.short) out.push('d:short');
  // From the sentences' own flags: testing the whole draft for each sentence was quadratic on long drafts.
  if (layout.sentences.some((s) => s.placeholder)) out.push('d:placeholder');
  return out;
}
