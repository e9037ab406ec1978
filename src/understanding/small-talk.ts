// Small talk: a greeting, thanks, a goodbye or a plain acknowledgement, in French or English ("bonjour",
// "merci!", "hi", "thanks", "salut la gang, qui veut du café?", "ok cool", "bonne fin de semaine"). The
// coach answers those with a short greeting and a hint, never with a playbook or a list of them.
//
// A text is small talk when every word of it is a small-talk word or a word for the people greeted
// ("salut la gang", "thanks everyone", "merci coach"), or when it opens with a greeting or thanks and the
// router found no playbook situation in it (the caller checks that: "salut, j'ai un client fâché" is a
// situation, "salut la gang, qui veut du café?" is not).
import type { Lang } from '../content/model.js';
import { words } from './analyzer.js';

export type SmallTalkKind = 'greeting' | 'thanks' | 'farewell' | 'ack';

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language of the small-talk words, when they tell ("hi" is English, "salut" French). */
  lang: Lang | null;
  /** Whether the whole text is small talk, or only its opening. */
  whole: boolean;
}

// Phrases as folded words. Order matters only within a kind: longest first is not needed (all are tried).
const PHRASES: Record<SmallTalkKind, Record<Lang, string[]>> = {
  greeting: {
    fr: ['bonjour', 'bonsoir', 'salut', 'allo', 'coucou', 'bon matin', 'bonne matinee', 'bon apres midi', 'ca va', 'comment ca va', 'comment vas tu',
      'comment allez vous', 'quoi de neuf', 'bienvenue', 're bonjour', 'rebonjour', 'bonjour bonjour', 'allo allo', 'salut salut'],
    en: ['hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'sup', 'good morning', 'good afternoon', 'good evening', 'morning', 'how are you', 'how are things',
      'how s it going', 'hows it going', 'what s up', 'whats up', 'welcome', 'hi there', 'hey there', 'hello there'],
  },
  thanks: {
    fr: ['merci', 'merci beaucoup', 'merci bien', 'merci ben gros', 'merci bcp', 'mille mercis', 'merci infiniment', 'merci encore', 'un gros merci', 'mci'],
    en: ['thanks', 'thank you', 'thank u', 'thx', 'ty', 'tysm', 'cheers', 'many thanks', 'thanks a lot', 'thanks so much', 'much appreciated', 'appreciate it'],
  },
  farewell: {
    fr: ['bonne journee', 'bonne soiree', 'bonne nuit', 'bonne fin de semaine', 'bon weekend', 'bonne semaine', 'a plus', 'a plus tard', 'a demain', 'a la prochaine',
      'bye bye', 'ciao', 'tchao', 'au revoir', 'a bientot', 'bon appetit'],
    en: ['bye', 'goodbye', 'good night', 'see you', 'see ya', 'see you later', 'see you tomorrow', 'cya', 'later', 'have a good day', 'have a nice day', 'have a good one',
      'have a great weekend', 'have a good weekend', 'have a nice weekend', 'take care'],
  },
  ack: {
    fr: ['ok', 'okay', 'oki', 'parfait', 'super', 'genial', 'cool', 'd accord', 'daccord', 'entendu', 'c est beau', 'c est bon', 'bien recu', 'excellent', 'top', 'nice', 'lol', 'haha', 'hahaha', 'mdr'],
    en: ['ok', 'okay', 'k', 'great', 'cool', 'nice', 'awesome', 'perfect', 'got it', 'sounds good', 'sure', 'alright', 'all right', 'noted', 'lol', 'haha', 'lmao', 'yep', 'yup'],
  },
};

/** Who is greeted, and fillers that do not change what the text is. */
const FILLERS = new Set([
  'la', 'le', 'les', 'gang', 'tout', 'tous', 'toutes', 'monde', 'l', 'equipe', 'team', 'coach', 'amis', 'ami', 'toi', 'vous', 'a', 'pour',
  'everyone', 'everybody', 'all', 'y', 'guys', 'folks', 'you', 'there', 'again', 'so', 'much', 'very', 'encore', 'beaucoup', 'ben', 'ma', 'mon', 'chum', 'boss',
  'et', 'and', 'oh', 'ah', 'eh', 'pis', 'the', 'for', 'help', 'aide', 'de', 'du', 'ton', 'votre', 'your', 'ta', 'vos',
]);

interface Compiled { words: string[]; kind: SmallTalkKind; lang: Lang }
const COMPILED: Compiled[] = [];
for (const kind of Object.keys(PHRASES) as SmallTalkKind[]) {
  for (const lang of ['fr', 'en'] as const) for (const p of PHRASES[kind][lang]) COMPILED.push({ words: p.split(' '), kind, lang });
}
// Longest phrases first, so "merci beaucoup" is one thanks, not "merci" then "beaucoup".
COMPILED.sort((a, b) => b.words.length - a.words.length);
// Words that are small talk in both languages ("ok", "cool", "lol") say nothing about the language.
const BOTH = new Set(COMPILED.filter((c) => c.words.length === 1 && COMPILED.some((d) => d.lang !== c.lang && d.words.join(' ') === c.words[0])).map((c) => c.words[0]!));

function phraseAt(ws: string[], i: number): Compiled | null {
  for (const c of COMPILED) if (c.words.every((w, k) => ws[i + k] === w)) return c;
  return null;
}

/** The small talk in a text, or null when it is not small talk (or does not open with it). */
export function smallTalk(text: string): SmallTalk | null {
  const ws = words(text);
  if (ws.length === 0) return null;
  const found: Compiled[] = [];
  let i = 0;
  let whole = true;
  while (i < ws.length) {
    const phrase = phraseAt(ws, i);
    if (phrase) {
      found.push(phrase);
      i += phrase.words.length;
    } else if (FILLERS.has(ws[i]!)) {
      i++;
    } else {
      whole = false;
      break;
    }
  }
  // Only an opening counts when the rest is something else: it must come first ("salut la gang, …").
  if (found.length === 0 || (!whole && phraseAt(ws, 0) === null)) return null;
  const first = found[0]!;
  const kind = found.some((f) => f.kind === 'thanks') ? 'thanks' : first.kind;
  if (!whole && kind === 'ack') return null; // "ok so the server is down" is not small talk
  const votes = { fr: 0, en: 0 };
  for (const f of found) if (!(f.words.length === 1 && BOTH.has(f.words[0]!))) votes[f.lang]++;
  const lang: Lang | null = votes.fr > votes.en ? 'fr' : votes.en > votes.fr ? 'en' : null;
  return { kind, lang, whole };
}
