// What an `/answer …` means: a choice number however it is written (`2`, `2.`, `#2`, `(2)`, `option 2`,
// `choix 2`, `la deuxième`, `2️⃣`), a number that is no choice at all (`0`, `12`, `2.5`: never graded as
// text), or words. Words too short to grade (`ok`, `je sais pas`) are not recorded until the person
// confirms them by starting the answer with `!` (`/answer ! ok`): one answer per challenge, so a slip must
// not lock anyone out.
import { stringTable } from './i18n.js';

export type ParsedAnswer =
  /** A choice by its number as people count (1 is the first option); may be out of range. */
  | { kind: 'choice'; number: number }
  /** Plainly a number, but not a whole one or out of any range (`0`, `-1`, `2.5`, `123`). */
  | { kind: 'not-a-choice'; raw: string }
  /** Words; `confirmed` when the person marked them to be recorded as they are (a leading `!`). */
  | { kind: 'text'; text: string; confirmed: boolean };

// Words that may surround a choice number without changing what it means (folded: no accents).
const LEAD_WORDS = new Set([
  'option', 'choix', 'choice', 'choose', 'pick', 'reponse', 'answer', 'numero', 'number', 'num', 'no', 'nº', 'n°', 'n',
  'la', 'le', 'l', 'the', 'je', 'i', 'choisis', 'prends', 'take', 'go', 'with', 'for', 'pour', 'c', 'est', 'it', 's', 'is',
]);
const TAIL_WORDS = new Set(['one', 'option', 'choice', 'choix', 'svp', 'please', 'merci', 'thanks']);
const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, premier: 1, premiere: 1, one: 1, first: 1,
  deux: 2, deuxieme: 2, second: 2, seconde: 2, two: 2,
  trois: 3, troisieme: 3, three: 3, third: 3,
  quatre: 4, quatrieme: 4, four: 4, fourth: 4,
  cinq: 5, cinquieme: 5, five: 5, fifth: 5,
  six: 6, sixieme: 6, sixth: 6,
  sept: 7, septieme: 7, seven: 7, seventh: 7,
  huit: 8, huitieme: 8, eight: 8, eighth: 8,
  neuf: 9, neuvieme: 9, nine: 9, ninth: 9,
  dix: 10, dixieme: 10, ten: 10, tenth: 10,
};
/** A written number, with an optional ordinal ending (2e, 2ème, 2nd, 3rd, 1er, 1re, 4th). */
const DIGITS = /^(\d{1,3})(?:e|eme|er|re|ere|nd|rd|st|th)?$/;
const NUMBERISH = /^[-+−]?\d+(?:[.,]\d+)*$/;

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Reads the text after `/answer` (and after a challenge id, if any). */
export function parseAnswer(raw: string): ParsedAnswer {
  let text = raw.trim();
  let confirmed = false;
  if (text.startsWith('!')) {
    confirmed = true;
    text = text.slice(1).trim();
  }
  if (!confirmed) {
    const choice = readChoice(text);
    if (choice) return choice;
  }
  return { kind: 'text', text, confirmed };
}

function readChoice(text: string): ParsedAnswer | null {
  // NFKC: full-width digits (２) become ASCII; keycaps (2️⃣) lose their selector and enclosing mark.
  const normal = fold(text.normalize('NFKC').replace(/[\ufe0f\u20e3]/g, '')).replace(/[’`´]/g, "'");
  // Punctuation around the number or between words: "(2)", "#2", "2.", "[2]", "« 2 »", "option: 2".
  const words = normal
    .replace(/[#()[\]{}«»"“”*_~:;!?]|(?<!\d),|,(?!\d)/g, ' ')
    .replace(/([a-z°])(\d)/g, '$1 $2')
    .replace(/'/g, "' ")
    .split(/\s+/)
    .map((w) => w.replace(/^\.+|(?<!\d)\.+$/g, '').replace(/(\d)\.$/, '$1'))
    .filter(Boolean);
  let start = 0;
  let end = words.length;
  while (start < end && LEAD_WORDS.has(words[start]!.replace(/'$/, ''))) start++;
  while (end > start && TAIL_WORDS.has(words[end - 1]!)) end--;
  if (end - start !== 1) return null;
  // The words around the number must be few: "je vais appeler le 2" is an answer, not a choice.
  if (start > 4 || words.length - end > 2) return null;
  const word = words[start]!;
  const digits = DIGITS.exec(word);
  if (digits) {
    const n = Number(digits[1]);
    return n >= 1 && n <= 99 ? { kind: 'choice', number: n } : { kind: 'not-a-choice', raw: word };
  }
  // Only choice words may stand around it, so "un" or "une" here is never an article in a sentence.
  if (Object.hasOwn(NUMBER_WORDS, word)) return { kind: 'choice', number: NUMBER_WORDS[word]! };
  if (NUMBERISH.test(word)) return { kind: 'not-a-choice', raw: word };
  return null;
}

/** Fewer words or letters than this cannot be graded fairly: the person is asked to confirm them. */
export const MIN_GRADED_WORDS = 3;
export const MIN_GRADED_LETTERS = 12;

/** Whether free text is too short to grade (`ok`, `je sais pas`, `rester calme`). */
export function tooShortToGrade(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return words < MIN_GRADED_WORDS || letters < MIN_GRADED_LETTERS;
}

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    short: '« {answer} », c’est trop court pour que je puisse le noter, et vous n’avez qu’une réponse par défi : rien n’est enregistré pour l’instant.',
    howTo: 'Écrivez ce que vous feriez en une phrase ou deux (/answer …), choisissez une option (/answer 1 à /answer {count}), ou confirmez cette réponse telle quelle : /answer ! {answer}',
    confirm: 'Envoyer « {answer} » telle quelle',
    notAChoice: '« {answer} » n’est pas un numéro d’option. Choisissez un numéro de 1 à {count}, ou répondez dans vos mots.',
  },
  en: {
    short: '“{answer}” is too short for me to grade, and you only get one answer per challenge: nothing is recorded yet.',
    howTo: 'Write what you would do in a sentence or two (/answer …), pick an option (/answer 1 to /answer {count}), or confirm this answer as it is: /answer ! {answer}',
    confirm: 'Send “{answer}” as it is',
    notAChoice: '“{answer}” is not an option number. Pick a number from 1 to {count}, or answer in your own words.',
  },
} as const;

export const ta = stringTable(STRINGS);
