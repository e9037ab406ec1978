// Which language to answer in: the person's own choice, else the language of the message they clicked
// in, else the platform locale, else the language of what they typed, else the configured default.
import { isLang, type Lang } from '../content/model.js';
import { words } from '../understanding/analyzer.js';

export interface LanguageClues {
  chosen?: Lang;
  context?: Lang;
  locale?: string;
  /** Language of the words that matched content, from the router. */
  matched?: Lang | null;
  text?: string;
  fallback: Lang;
}

export function resolveLang(clues: LanguageClues): Lang {
  if (clues.chosen) return clues.chosen;
  if (clues.context) return clues.context;
  const fromLocale = clues.locale?.toLowerCase().split(/[-_]/)[0];
  if (isLang(fromLocale)) return fromLocale;
  return clues.matched ?? textLanguage(clues.text ?? '') ?? clues.fallback;
}

const FR_MARKERS = new Set(['le', 'la', 'les', 'des', 'du', 'un', 'une', 'est', 'et', 'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'pas', 'que', 'qui', 'pour', 'avec', 'sur', 'dans', 'mon', 'ma', 'mes', 'au', 'aux', 'ce', 'ca', 'comment', 'quoi']);
const EN_MARKERS = new Set(['the', 'a', 'an', 'is', 'are', 'and', 'i', 'you', 'he', 'she', 'we', 'they', 'not', 'that', 'who', 'for', 'with', 'on', 'in', 'my', 'to', 'of', 'it', 'this', 'how', 'what']);

/** The language of a text from its function words and accents, or null when it does not tell. */
export function textLanguage(text: string): Lang | null {
  let fr = /[àâçéèêëîïôûùüÿœ]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const w of words(text)) {
    if (FR_MARKERS.has(w)) fr++;
    if (EN_MARKERS.has(w)) en++;
  }
  return fr > en ? 'fr' : en > fr ? 'en' : null;
}
