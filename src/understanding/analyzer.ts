// Text → comparable terms, in French and English at once: people mix both ("le serveur est down").
// Each word is folded (case, accents), stop words dropped, then stemmed by both the French and the
// English Porter stemmers, so "pannes", "panne" and "Panne" meet, and so do "outages" and "outage".
import frStemmer from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import enStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import * as enStop from 'natural/lib/natural/util/stopwords.js';
import * as frStop from 'natural/lib/natural/util/stopwords_fr.js';
import { fold } from '../text/fold.js';

export interface Word {
  /** The folded surface form, e.g. "fache". */
  word: string;
  /** Its stems; one or two (French and English stems differ for many words). */
  stems: string[];
}

// natural's stop lists are short (about 170 words each). Chat adds its own fillers, Quebec short forms
// and very common verbs and adverbs that say nothing about which situation it is.
const EXTRA_STOP = [
  'c', 'j', 'l', 'd', 'qu', 'n', 's', 't', 'm', 'y', 're', 've', 'll', 'im', 'ive', 'its', 'dont', 'cant', 'wont',
  'pis', 'ca', 'ya', 'ye', 'pi', 'ben', 'genre', 'tse', 'mettons', 'bon', 'ben', 'ouf', 'lol', 'mdr', 'svp', 'stp', 'pls', 'plz', 'thx', 'merci', 'thanks',
  'salut', 'allo', 'bonjour', 'hi', 'hey', 'hello', 'ok', 'oui', 'non', 'yes', 'no', 'yeah', 'yep', 'nope',
  'peut', 'peux', 'peuvent', 'veut', 'veux', 'faut', 'fait', 'fais', 'faire', 'va', 'vais', 'vas', 'est', 'sont', 'etait', 'ete',
  'juste', 'depuis', 'tous', 'toutes', 'tout', 'quoi', 'comment', 'pourquoi', 'quand', 'encore', 'deja', 'aussi', 'bien', 'vraiment',
  'qqn', 'quelqu', 'quelqun', 'quelque', 'chose', 'affaire', 'gens',
  'just', 'really', 'super', 'whole', 'someone', 'anyone', 'somebody', 'anybody', 'says', 'said', 'say', 'asking', 'asked', 'ask',
  'keeps', 'keep', 'get', 'gets', 'got', 'getting', 'also', 'still', 'even', 'now', 'new', 'one', 'ones', 'thing', 'things', 'guy', 'guys', 'lady',
  'how', 'what', 'why', 'when', 'anything', 'something', 'literally', 'like', 'go', 'going', 'gonna',
];

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...enStop.words, ...frStop.words, ...EXTRA_STOP].map((w) => fold(w).replace(/'/g, '')),
);

const WORD = /[\p{L}\p{N}]+/gu;

/** Folded words in order, stop words included: phrase matching needs them. */
export function words(text: string): string[] {
  return fold(text).replace(/'/g, ' ').match(WORD) ?? [];
}

const stemCache = new Map<string, string[]>();
const STEM_CACHE_LIMIT = 50_000;

export function stemsOf(word: string): string[] {
  let stems = stemCache.get(word);
  if (!stems) {
    const fr = frStemmer.stem(word);
    const en = enStemmer.stem(word);
    stems = fr === en ? [fr] : [fr, en];
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stems);
  }
  return stems;
}

/** Content words of a text with their stems: no stop words, no one-letter tokens. */
export function analyze(text: string): Word[] {
  const out: Word[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    out.push({ word, stems: stemsOf(word) });
  }
  return out;
}
