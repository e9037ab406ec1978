// Case, accent and apostrophe folding: people type "fache", "Fâché" and "fâché" for the same word.

const MARKS = /[\u0300-\u036f]/g;

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Folded, punctuation turned into spaces, spaces collapsed: for comparing titles and phrases. */
export function foldKey(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
