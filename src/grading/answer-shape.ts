// Whether a text is an answer at all: a bare list of words ("sans rire respect discrètement écran pointeur
// piles", "copyright SOCAN Creative Commons") names the right ideas but decides nothing. Real sentences, even
// short ones, carry function words (articles, pronouns, prepositions: a third to a half of the words); a list
// of keywords has almost none, and no one speaking in it.
import type { Token } from './text.js';

/** Below this share of function words, with nobody speaking, a text of 3 words or more is a list. */
const MIN_FUNCTION_SHARE = 0.2;
const MIN_WORDS = 3;
const PERSONS = new Set(['je', 'j', 'on', 'nous', 'tu', 'vous', 'il', 'elle', 'i', 'we', 'you', 'he', 'she', 'they', 'me', 'moi', 'lui']);

export function isKeywordList(tokens: Token[]): boolean {
  const wordsOnly = tokens.filter((t) => t.word.length > 0);
  if (wordsOnly.length < MIN_WORDS) return false;
  if (wordsOnly.some((t) => PERSONS.has(t.word))) return false;
  const functionWords = wordsOnly.filter((t) => t.stop || t.negator).length;
  return functionWords / wordsOnly.length < MIN_FUNCTION_SHARE;
}

/** "Je sais pas", "no idea", "I don't know": an admission, not an answer (short texts only). */
const DONT_KNOW = [['je', 'sais', 'pas'], ['j', 'sais', 'pas'], ['je', 'ne', 'sais', 'pas'], ['chais', 'pas'], ['sais', 'pas'], ['aucune', 'idee'], ['pas', 'd', 'idee'],
  ['no', 'idea'], ['i', 'don', 't', 'know'], ['i', 'dont', 'know'], ['dunno'], ['not', 'sure'], ['pas', 'certain'], ['pas', 'sur'], ['aucune', 'espece', 'd', 'idee']];
const DONT_KNOW_MAX_WORDS = 8;

export function isDontKnow(tokens: Token[]): boolean {
  if (tokens.length === 0 || tokens.length > DONT_KNOW_MAX_WORDS) return false;
  return DONT_KNOW.some((p) => p.every((w, k) => tokens[k]?.word === w));
}
