// How a draft reply is laid out: its sentences (with offsets into the draft, so every phrase the review
// quotes is an exact substring), its greeting and the name in it, its closing and signature lines, the
// sentences that give a time, its register (tu or vous) and where a missing sentence would go.
import { fold } from '../text/fold.js';
import { tokenize, type Token } from '../grading/text.js';
import type { ReviewPlace } from '../content/review-model.js';

export interface Sentence {
  index: number;
  /** Offsets into the draft: `draft.slice(start, end)` is the sentence, closing punctuation included. */
  start: number;
  end: number;
  /** Indexes of its tokens in `Layout.tokens`. */
  from: number;
  to: number;
  /** It gives a time or a delay (14 h, 2:30 pm, d'ici vendredi, within 30 minutes). */
  time: boolean;
  /** It holds a template's blank: [Prénom], {{first_name}}, <NAME>, XXX. */
  placeholder: boolean;
}

export interface Layout {
  draft: string;
  tokens: Token[];
  sentences: Sentence[];
  /** The index in `sentences` of each token's sentence. */
  sentenceOf: number[];
  /** Where the draft gives times or delays. */
  times: { start: number; end: number }[];
  /** The greeting line, when the draft opens with one ("Bonjour Julie,"). */
  greeting: { start: number; end: number } | null;
  /** The person's name, when the greeting gives one ("Julie", "Madame Tremblay"). */
  name: { text: string; start: number; end: number; sentence: number } | null;
  /** Where the closing lines ("Bonne journée!", "Merci de votre patience,") begin, or the draft's length. */
  closingStart: number;
  /** Where the signature ("Sophie, soutien informatique") begins, or the draft's length. */
  signatureStart: number;
  /** French drafts written with "tu": suggestions use the "tu" form. */
  tutoiement: boolean;
  /** Fewer than SHORT_DRAFT_WORDS words: a one-line answer. */
  short: boolean;
  words: number;
}

/** A draft of fewer words than this is "short" (the `{short}` condition of a signal). */
export const SHORT_DRAFT_WORDS = 15;

const GREETINGS = new Set(['bonjour', 'bonsoir', 'salut', 'allo', 'coucou', 'hello', 'hi', 'hey', 'dear', 'cher', 'chere', 'chers', 'cheres', 'greetings', 'good']);
const AFTER_GOOD = new Set(['morning', 'afternoon', 'evening', 'day']);
const TITLES = new Set(['m', 'mme', 'mlle', 'madame', 'monsieur', 'mr', 'mrs', 'ms', 'miss', 'dr', 'docteur', 'docteure', 'me', 'prof', 'professor']);
/** Words after a greeting that address a group or a role, not a person. */
const NOT_NAMES = new Set([
  'a', 'à', 'tous', 'toutes', 'tout', 'tlm', 'equipe', 'team', 'everyone', 'everybody', 'all', 'folks', 'there', 'user', 'users', 'utilisateur',
  'utilisatrice', 'utilisateurs', 'client', 'cliente', 'clients', 'customer', 'customers', 'collegues', 'colleagues', 'membre', 'member',
  'employe', 'employee', 'employes', 'employees', 'usager', 'usagers', 'valued', 'sir', 'madam', 'it', 'again',
]);
const CLOSING = /^(?:bonne?s?\b|merci\b|thanks?\b|thank you|cordialement|salutations|au plaisir|à bientôt|a bientot|à plus|regards|kind regards|best\b|cheers|have a|enjoy|take care|all the best|wishing|je vous souhaite|bon courage|good luck|sincerely|respectueusement|amicalement|lâche pas|hang in there)/i;
const SENTENCE_END = /[.!?…]/;

const TIME = new RegExp([
  String.raw`\b\d{1,2}\s?h(?:\s?\d{2})?\b`,
  String.raw`\b\d{1,2}:\d{2}\b`,
  String.raw`\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)`,
  String.raw`\b(?:midi|minuit|noon|midnight)\b`,
  String.raw`\b\d+\s*(?:à|a|to|-|–)\s*\d+\s*(?:jours?|days?|heures?|hours?|semaines?|weeks?)`,
  String.raw`\b(?:\d+|une?|deux|trois|quatre|cinq|dix|quinze|trente|quarante-cinq|a|an|one|two|three|four|five|ten|fifteen|thirty|forty-five|few|quelques)\s+(?:minutes?|min|heures?|hours?|jours?|days?|semaines?|weeks?)\b`,
  String.raw`\b(?:aujourd'hui|aujourd’hui|demain|ce soir|cet après-midi|cet apres-midi|cet avant-midi|en après-midi|en matinée|fin de l'après-midi|fin de l’après-midi|fin d'après-midi|today|tomorrow|tonight|this afternoon|this evening|this morning|end of (?:the )?day|fin de (?:la )?journée|fin de (?:la )?journee|eod|lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday)\b`,
  String.raw`\b(?:\d+|une?|deux|trois|quatre|cinq|one|two|three|four|five)\s+(?:business|working)\s+(?:days?|hours?)\b`,
  String.raw`\b(?:\d+|une?|deux|trois|quatre|cinq)\s+(?:jours?|heures?)\s+ouvrables?\b`,
  // "at 11", "vers 15": the time is the number (the word before it belongs to the signal).
  String.raw`(?<=\b(?:before|by|around|at|avant|vers)\s+|\sà\s+)\d{1,2}\b`,
].join('|'), 'i');
const TIMES = new RegExp(TIME.source, 'gi');

/** Whether a piece of text gives a time or a delay. */
export function hasTime(text: string): boolean {
  return TIME.test(text);
}

/** A template's blank left in a draft. */
export const PLACEHOLDER = /\[[^\]\n]{1,40}\]|\{\{[^}\n]{1,40}\}\}|<[A-Z_ ]{2,30}>|\bX{3,}\b/;

const TU = new Set(['tu', 'te', 'toi', 'ton', 'ta', 'tes', 't']);
const VOUS = new Set(['vous', 'votre', 'vos']);

export function layoutOf(draft: string): Layout {
  const tokens = tokenize(draft);
  const sentences: Sentence[] = [];
  const sentenceOf: number[] = [];
  for (let i = 0; i < tokens.length;) {
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.sentence === tokens[i]!.sentence) j++;
    const start = tokens[i]!.start;
    let end = tokens[j]!.end;
    // Keep the closing punctuation (and a closing bracket or quote) with the sentence.
    while (end < draft.length && /[.!?…)»"”\]]/.test(draft[end]!) && !/\n/.test(draft[end]!)) end++;
    const text = draft.slice(start, end);
    // A blank is often bracketed: look at the brackets around the sentence too.
    const around = draft.slice(Math.max(0, start - 2), Math.min(draft.length, end + 2));
    for (let k = i; k <= j; k++) sentenceOf.push(sentences.length);
    sentences.push({ index: sentences.length, start, end, from: i, to: j, time: hasTime(text), placeholder: PLACEHOLDER.test(around) });
    i = j + 1;
  }
  const lines = linesOf(draft);
  const greeting = findGreeting(lines, tokens);
  const name = greeting ? findName(draft, tokens, greeting, sentences) : null;
  const { signatureStart, closingStart: closingLines } = findClosing(lines, draft.length);
  // On one line too: "… Est-ce que ça marche? Bonne journée!" closes with its last sentence.
  let closingStart = closingLines;
  for (let k = sentences.length - 1; k > 0; k--) {
    const s = sentences[k]!;
    if (s.start >= signatureStart) continue;
    const text = draft.slice(s.start, s.end);
    if (s.start >= closingStart) continue;
    if (s.to - s.from >= 8 || !(CLOSING.test(text) || CLOSING.test(fold(text)))) break;
    closingStart = s.start;
  }
  let tu = 0;
  let vous = 0;
  for (const t of tokens) {
    if (TU.has(t.word) && (t.word !== 't' || /^t['’]/i.test(draft.slice(t.start, t.start + 2)))) tu++;
    else if (VOUS.has(t.word)) vous++;
  }
  return {
    draft, tokens, sentences, sentenceOf,
    times: [...draft.matchAll(TIMES)].map((m) => ({ start: m.index + (m[0].length - m[0].trimStart().length), end: m.index + m[0].length })),
    greeting, name, closingStart, signatureStart,
    tutoiement: tu > vous,
    short: tokens.length < SHORT_DRAFT_WORDS,
    words: tokens.length,
  };
}

interface Line { start: number; end: number; text: string }

function linesOf(draft: string): Line[] {
  const out: Line[] = [];
  let at = 0;
  for (const raw of draft.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ start: at + lead, end: at + lead + text.length, text });
    at += raw.length + 1;
  }
  return out;
}

/** A greeting on one of the first lines (after a subject line, if any). */
function findGreeting(lines: Line[], tokens: Token[]): { start: number; end: number } | null {
  for (const line of lines.slice(0, 3)) {
    const first = tokens.find((t) => t.start >= line.start);
    if (!first || first.start >= line.end) continue;
    if (GREETINGS.has(first.word)) {
      if (first.word === 'good') {
        const next = tokens[tokens.indexOf(first) + 1];
        if (!next || !AFTER_GOOD.has(next.word)) continue;
      }
      // The greeting is the line, or its first sentence when the text goes on after it.
      const cut = line.text.search(/[,!.:;]\s+\S/);
      return { start: line.start, end: cut > 0 ? line.start + cut + 1 : line.end };
    }
    if (/^(objet|subject|re|tr|fw|fwd)\b/i.test(line.text)) continue;
    break;
  }
  return null;
}

/** The capitalised words after the greeting word (and a title), unless they address a group or are a placeholder. */
function findName(draft: string, tokens: Token[], greeting: { start: number; end: number }, sentences: Sentence[]): Layout['name'] {
  const inGreeting = tokens.filter((t) => t.start >= greeting.start && t.end <= greeting.end);
  let k = 1;
  if (inGreeting[0]?.word === 'good') k = 2;
  const words: Token[] = [];
  let sawTitle = false;
  for (; k < inGreeting.length; k++) {
    const t = inGreeting[k]!;
    const before = draft.slice(inGreeting[k - 1]!.end, t.start);
    if (/[[{<]/.test(before)) return null; // "Bonjour [Prénom]", "Hi {{first_name}}"
    if (/[,!:;]/.test(before)) break;
    if (TITLES.has(t.word) && words.length === 0) { sawTitle = true; words.push(t); continue; }
    if (NOT_NAMES.has(t.word)) return null;
    if (!/^\p{Lu}/u.test(draft.slice(t.start, t.end))) break;
    words.push(t);
    if (words.length >= (sawTitle ? 3 : 2)) break;
  }
  if (words.length === 0 || (sawTitle && words.length === 1 && !/^\p{Lu}/u.test(draft.slice(words[0]!.start, words[0]!.end)))) return null;
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  const sentence = sentences.find((s) => s.start <= start && start < s.end)?.index ?? 0;
  return { text: draft.slice(start, end), start, end, sentence };
}

/** The trailing lines: a signature (short lines without sentence punctuation), before it closing formulas. */
function findClosing(lines: Line[], length: number): { closingStart: number; signatureStart: number } {
  let signatureStart = length;
  let i = lines.length - 1;
  while (i > 0) {
    const line = lines[i]!;
    const words = line.text.split(/\s+/).length;
    if (words > 6 || SENTENCE_END.test(line.text.slice(-1)) || CLOSING.test(fold(line.text)) || CLOSING.test(line.text)) break;
    signatureStart = line.start;
    i--;
  }
  let closingStart = signatureStart;
  while (i > 0) {
    const line = lines[i]!;
    if (line.text.split(/\s+/).length > 10 || !(CLOSING.test(line.text) || CLOSING.test(fold(line.text)))) break;
    closingStart = line.start;
    i--;
  }
  return { closingStart, signatureStart };
}

/** The sentence of a draft a missing principle's sentence goes next to, and on which side. */
export function anchorFor(layout: Layout, place: ReviewPlace): { start: number; end: number; position: 'before' | 'after' } {
  const { sentences, greeting } = layout;
  const first = sentences[0]!;
  const opening = greeting ?? null;
  const before = (limit: number) => [...sentences].reverse().find((s) => s.end <= limit && (!opening || s.start >= opening.end));
  if (place === 'opening') {
    if (opening) return { start: opening.start, end: opening.end, position: 'after' };
    return { start: first.start, end: first.end, position: 'before' };
  }
  const limit = place === 'body' ? layout.closingStart : layout.signatureStart;
  const last = before(limit) ?? (place === 'closing' ? before(layout.draft.length) : undefined);
  if (last) return { start: last.start, end: last.end, position: 'after' };
  if (opening) return { start: opening.start, end: opening.end, position: 'after' };
  const end = sentences[sentences.length - 1]!;
  return { start: end.start, end: end.end, position: 'after' };
}
