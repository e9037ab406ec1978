// An answer as the grader sees it: folded words in order, each with its French and English stems, the
// sentence and clause it sits in, and the negations whose scope covers it. Platform-neutral and pure.
//
// Negation (FR and EN, people mix both):
// - FR "ne/n' … pas/jamais/plus/rien/aucun/personne/ni" is one negation; "ne … que" (only) is none.
// - FR "pas/jamais/rien/aucun" without "ne", as in Quebec speech ("je ferais pas ça", "je les télécharge
//   pas"), also covers the verb just before it.
// - "sans", "not", "n't", "never", "no", "without", "nothing", "nor", "refuse to / refuser de",
//   "avoid / éviter de", "instead of / au lieu de / plutôt que / rather than".
// - A scope covers the few words after the negator (three content words; two after "sans", "no",
//   "without", "refuse to"…, which also stop at a copula) and stops at punctuation and at conjunctions
//   (mais, et, puis, but, and, then…). A negation inside a negation cancels out.
// - Idioms that only look negative are not negations: "pas de problème", "no worries", "pas juste",
//   "not only", "sans doute", "pas pire"…
import { fold } from '../text/fold.js';
import { STOP_WORDS, stemsOf } from '../understanding/analyzer.js';

export interface Token {
  /** Folded form ("verifierais"). */
  word: string;
  /** French and English stems (one or two). */
  stems: string[];
  /** Offsets of the word in the original text. */
  start: number;
  end: number;
  /** Index of the sentence (split at . ! ? ; : … and line breaks). */
  sentence: number;
  /** Index of the clause (sentences further split at commas, brackets, quotes and conjunctions). */
  clause: number;
  /** Joined to the previous word without a space by a hyphen, colon, dot or slash ("post-it", "Re:Sound"). */
  glued: boolean;
  /** A stop word or a one-letter token: carries no topic. */
  stop: boolean;
  /** A negator ("pas", "never", "sans", the "t" of "n't"…) whose negation is real. */
  negator: boolean;
  /** The negation this negator starts or completes ("ne" and its "pas" share one). */
  negEvent: number | null;
  /** Negations whose scope covers this word. */
  scopes: number[];
}

/** Content words a negation covers after its negator (or after the "pas" that completes a "ne"). */
const SCOPE_CONTENT_WORDS = 3;
/** "sans", "without", "no", "instead of"… govern a short phrase: "sans [la juger]", "no [sticky notes]". */
const SHORT_SCOPE_CONTENT_WORDS = 2;
/** A short scope also ends at a copula: "without permission | is copyright infringement". */
const COPULAS = new Set(['est', 'sont', 'etait', 'serait', 'c', 'is', 'are', 'was', 'were', 's']);
/** Negators of the short kind. */
const SHORT = new Set(['sans', 'ni', 'non', 'no', 'without', 'nothing', 'none', 'nor', 'nobody', 'avoid', 'avoiding']);
/** Words of any kind a negation covers at most. */
const SCOPE_MAX_WORDS = 8;
/** Words before a Quebec-style "pas" it may cover ("je [les télécharge] pas"). */
const BACK_SCOPE_WORDS = 3;

const NE = new Set(['ne', 'n']);
/** Complete a "ne": "ne … pas", "n' … jamais", "ne … ni … ni". */
const COMPLETERS = new Set(['pas', 'jamais', 'rien', 'plus', 'aucun', 'aucune', 'personne', 'guere', 'nullement', 'ni']);
/** Negate on their own, without "ne", in spoken French; they also cover the verb just before them. */
const STANDALONE_FR = new Set(['pas', 'jamais', 'rien', 'aucun', 'aucune', 'nullement', 'guere']);
/** Negate what follows them. */
const FORWARD = new Set([
  'sans', 'ni', 'non',
  'not', 'no', 'never', 'without', 'nothing', 'none', 'nor', 'neither', 'nobody', 'cannot',
  'dont', 'cant', 'wont', 'didnt', 'doesnt', 'isnt', 'arent', 'wasnt', 'werent', 'shouldnt', 'wouldnt',
  'couldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'mustnt', 'neednt',
]);
/** Verbs that negate their complement when followed by de/d'/to ("je refuse de les télécharger"). */
const REFUSAL_STEMS = new Set(['refus', 'evit', 'avoid']);
const REFUSAL_LINKS = new Set(['de', 'd', 'to']);
/** Words after a negator that make an idiom, not a negation ("pas de problème", "not only"). */
const IDIOM_NEXT = new Set([
  'probleme', 'problemes', 'problem', 'problems', 'souci', 'soucis', 'trouble', 'troubles', 'worries', 'worry',
  'doute', 'doubt', 'faute', 'matter', 'mal', 'pire', 'juste', 'seulement', 'only', 'just', 'que', 'qu',
]);
/** Conjunctions that close a negation's scope: "je ne rirais pas mais je lui montrerais". */
const CONJUNCTIONS = new Set([
  'et', 'mais', 'puis', 'pis', 'ensuite', 'donc', 'alors', 'car', 'parce', 'sinon', 'cependant', 'toutefois',
  'and', 'but', 'then', 'so', 'because', 'otherwise', 'however', 'instead', 'plutot', 'rather', 'lieu',
]);

const SENTENCE_MARKS = new Set(['.', '!', '?', ';', ':', '…']);
const CLAUSE_MARKS = new Set([',', '(', ')', '[', ']', '{', '}', '«', '»', '"', '“', '”', '–', '—', '-', '/', '*', '•']);
const GLUE_MARKS = new Set(['-', ':', '.', '/', '_', '+', '&', '@']);

const PIECE = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const ALNUM = /[\p{L}\p{M}\p{N}]/u;

/** Tokens of a text with sentences, clauses and negation scopes. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let glueNext = false;
  let lastEnd = 0;
  // exec rather than matchAll, and no slice of the gaps: this runs on every word of every answer and draft.
  const pieces = new RegExp(PIECE.source, PIECE.flags);
  for (let m = pieces.exec(text); m !== null; m = pieces.exec(text)) {
    const piece = m[0];
    const start = m.index;
    const newline = start > lastEnd && text.lastIndexOf('\n', start - 1) >= lastEnd;
    const gap = start > lastEnd;
    lastEnd = start + piece.length;
    if (newline && tokens.length > 0) {
      sentence++;
      clause++;
      glueNext = false;
    } else if (gap) {
      glueNext = false;
    }
    if (ALNUM.test(piece)) {
      const word = foldedWord(piece);
      if (!word) continue;
      // Conjunctions open a new clause (for negation scopes), not a new sentence (for phrases).
      if (CONJUNCTIONS.has(word) && tokens.length > 0) clause++;
      const stems = stemsOf(word);
      tokens.push({
        word,
        stems,
        start,
        end: lastEnd,
        sentence,
        clause,
        glued: glueNext,
        stop: word.length < 2 || STOP_WORDS.has(word),
        negator: false,
        negEvent: null,
        scopes: [],
      });
      glueNext = false;
      continue;
    }
    // A mark between two letters with no space joins them ("post-it", "cnesst.gouv.qc.ca", "Re:Sound").
    const before = text[start - 1] ?? '';
    const after = text[lastEnd] ?? '';
    const sandwiched = ALNUM.test(before) && ALNUM.test(after);
    if (sandwiched && GLUE_MARKS.has(piece)) {
      glueNext = true;
      continue;
    }
    if (sandwiched) continue; // an apostrophe inside a word: "l'écran", "don't"
    if (SENTENCE_MARKS.has(piece)) {
      if (tokens.length > 0) { sentence++; clause++; }
    } else if (CLAUSE_MARKS.has(piece)) {
      if (tokens.length > 0) clause++;
    }
  }
  markNegations(tokens);
  return tokens;
}

const foldedWords = new Map<string, string>();
const FOLDED_WORDS_LIMIT = 50_000;

/** A piece of letters and digits folded to a word ("Fâché" → "fache"), remembered: people reuse words. */
function foldedWord(piece: string): string {
  let word = foldedWords.get(piece);
  if (word === undefined) {
    word = fold(piece).replace(/[^\p{L}\p{N}]/gu, '');
    if (foldedWords.size >= FOLDED_WORDS_LIMIT) foldedWords.clear();
    foldedWords.set(piece, word);
  }
  return word;
}

const NEGATOR_WORDS = new Set([...NE, ...COMPLETERS, ...FORWARD]);

/** A word that carries topic: not a stop word, not a negator. */
export function isContent(token: Token): boolean {
  return !token.stop && !token.negator && !NEGATOR_WORDS.has(token.word);
}

function isIdiom(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (!next || next.clause !== tokens[i]!.clause) return false;
  const word = tokens[i]!.word;
  if (word === 'non' && next.word === 'seulement') return true;
  if (IDIOM_NEXT.has(next.word)) {
    // "ne … que" is handled with "ne"; "pas que" alone is Quebec for "not only".
    return !((next.word === 'que' || next.word === 'qu') && word !== 'pas');
  }
  // "pas de problème", "not a problem", "no big deal"
  const after = tokens[i + 2];
  if (after && after.clause === next.clause && ['de', 'd', 'a', 'an'].includes(next.word) && /^(probleme|problem|souci|soucis|trouble)s?$/.test(after.word)) return true;
  if (word === 'no' && next.word === 'big' && after?.word === 'deal') return true;
  return false;
}

/** Whether token i is a negator, and of which kind. */
function negatorKind(tokens: Token[], i: number): 'ne' | 'standalone' | 'forward' | null {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  // English "n't": "don't" → "don" + "t", "can't" → "can" + "t".
  if (t.word === 't' && prev && prev.end === t.start - 1 && prev.word.endsWith('n')) return 'forward';
  if (NE.has(t.word)) return next?.word === 'importe' ? null : 'ne'; // "n'importe qui" is no negation
  if (STANDALONE_FR.has(t.word)) return isIdiom(tokens, i) ? null : 'standalone';
  if (FORWARD.has(t.word)) {
    if (isIdiom(tokens, i)) return null;
    // "non" negates only as a prefix ("non sécurisé"), not as the answer "non".
    if (t.word === 'non' && (!next || next.clause !== t.clause || next.stop)) return null;
    return 'forward';
  }
  // "refuse to", "refuser de", "avoid", "éviter de": the link word carries the negation.
  if (REFUSAL_LINKS.has(t.word) && prev && prev.clause === t.clause && prev.stems.some((s) => REFUSAL_STEMS.has(s))) return 'forward';
  if (t.word === 'avoid' || t.word === 'avoiding') return 'forward';
  // "instead of", "au lieu de", "plutôt que", "rather than"
  if (prev && prev.clause === t.clause) {
    const pair = `${prev.word} ${t.word}`;
    if (pair === 'instead of' || pair === 'rather than' || pair === 'lieu de' || pair === 'lieu d' || pair === 'plutot que' || pair === 'plutot qu') return 'forward';
  }
  return null;
}

function markNegations(tokens: Token[]): void {
  let nextEvent = 0;
  /** The "ne" negation still waiting for its "pas" in this clause, if any. */
  let openNe: { event: number; clause: number } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (openNe && openNe.clause !== t.clause) openNe = null;
    // "ne … pas": the "pas" completes the "ne" and restarts its scope.
    if (openNe && COMPLETERS.has(t.word)) {
      t.negator = true;
      t.negEvent = openNe.event;
      cover(tokens, i, openNe.event);
      continue;
    }
    // "sans rire ni se moquer", "not X nor Y": "ni" and "nor" carry on the negation they are in.
    if ((t.word === 'ni' || t.word === 'nor') && t.scopes.length > 0) {
      const event = t.scopes[t.scopes.length - 1]!;
      t.negator = true;
      t.negEvent = event;
      cover(tokens, i, event, true);
      continue;
    }
    const kind = negatorKind(tokens, i);
    if (!kind) continue;
    if (kind === 'ne') {
      if (restrictive(tokens, i)) continue;
      const event = nextEvent++;
      t.negator = true;
      t.negEvent = event;
      openNe = { event, clause: t.clause };
      cover(tokens, i, event);
      continue;
    }
    const event = nextEvent++;
    t.negator = true;
    t.negEvent = event;
    // Prepositions and links ("sans", "no", "refuse to", "instead of") govern a short phrase.
    cover(tokens, i, event, SHORT.has(t.word) || (kind === 'forward' && !FORWARD.has(t.word) && t.word !== 't'));
    if (kind === 'standalone') coverBack(tokens, i, event);
  }
}

/** "ne … que" means "only": "je ne fais que vérifier". */
function restrictive(tokens: Token[], i: number): boolean {
  for (let j = i + 1; j < tokens.length && j <= i + SCOPE_MAX_WORDS; j++) {
    const t = tokens[j]!;
    if (t.clause !== tokens[i]!.clause) return false;
    if (COMPLETERS.has(t.word)) return false;
    if (t.word === 'que' || t.word === 'qu') return true;
  }
  return false;
}

function cover(tokens: Token[], from: number, event: number, short = false): void {
  let content = 0;
  const limit = short ? SHORT_SCOPE_CONTENT_WORDS : SCOPE_CONTENT_WORDS;
  for (let j = from + 1; j < tokens.length && j <= from + SCOPE_MAX_WORDS; j++) {
    const t = tokens[j]!;
    if (t.clause !== tokens[from]!.clause) break;
    if (short && COPULAS.has(t.word)) break;
    if (!t.scopes.includes(event)) t.scopes.push(event);
    if (!t.stop && !NEGATOR_WORDS.has(t.word)) content++;
    if (content >= limit) break;
  }
}

/** A Quebec-style "pas" also covers the verb just before it: "je les [télécharge] pas". */
function coverBack(tokens: Token[], at: number, event: number): void {
  for (let j = at - 1; j >= 0 && j >= at - BACK_SCOPE_WORDS; j--) {
    const t = tokens[j]!;
    if (t.clause !== tokens[at]!.clause) break;
    if (!t.scopes.includes(event)) t.scopes.push(event);
    if (!t.stop && !NEGATOR_WORDS.has(t.word)) break;
  }
}
