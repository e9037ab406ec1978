// Disrespect towards the person helped, in French or English, whatever the scenario: insults ("niaiseuse",
// "moron"), mockery ("je ris d'elle", "I'd laugh"), contempt ("encore toi?", "RTFM", "not rocket science"),
// eye-rolling and laughing marks ("lol", "😂", "🙄"), swearing at the person. Nothing counts when negated
// ("sans rire", "I wouldn't laugh", "pas de soupir") nor when it names a feeling to spare the person ("so she
// doesn't feel stupid", "elle se sent niaiseuse"). No JavaScript library judges French politeness: the
// phrasings are ours (see /work/shared/anchors.md, "Reviewing a reply's tone").
import { compilePhrase, Matcher, type Phrase } from './evidence.js';
import type { Token } from './text.js';

const PHRASES = [
  // French: insults and put-downs
  'niaiseux', 'niaiseuse', 'nono', 'nounoune', 'epais', 'epaisse', 'cave', 'imbecile', 'idiot', 'idiote', 'stupide', 'con', 'conne',
  'tarla', 'twit', 'tete de linotte', 'incompetent', 'incompetente', 'pas compliqué pourtant', 'fais un effort',
  'encore toi', 'encore lui', 'encore elle', 'ta gueule', 'va te faire', 'tabarnak', 'calisse', 'crisse', 'ostie', 'esti',
  // French: mockery
  'je ris', 'je rirais', 'en riant', 'rire d elle', 'rire de lui', 'je me moque', 'se moquer', 'je roule des yeux', 'rouler les yeux', 'je soupire', 'soupirer',
  'mdr', 'lol', 'haha', 'hahaha', 'ptdr',
  // English: insults and put-downs
  'stupid', 'idiot', 'moron', 'dumb', 'dummy', 'clueless', 'scatterbrained', 'rtfm', 'pebkac', 'id10t', 'layer 8', 'not rocket science',
  'get a clue', 'shut up', 'you again', 'are you kidding', 'are you for real',
  // English: mockery
  'I laugh', 'I d laugh', 'laugh at', 'make fun', 'mock her', 'mock him', 'roll my eyes', 'I sigh', 'lmao', 'rofl',
];
/** Laughing or eye-rolling emoji: a mark of mockery in an answer about a person. */
const EMOJI = /[\u{1F602}\u{1F923}\u{1F644}\u{1F926}\u{1F61C}\u{1F61D}]/u;
/** "So she doesn't feel stupid": a word right after one of these names a feeling, not an insult. */
const FEELING_STEMS = new Set(['sent', 'sentir', 'senti', 'feel', 'felt', 'feeling', 'look', 'seem', 'sembl', 'air', 'paraitr']);
const FEELING_REACH = 3;

const compiled: Phrase[] = PHRASES.map((p) => compilePhrase(p)).filter((p): p is Phrase => p !== null);
const matcher = new Matcher(new Set());

/** The disrespectful words of an answer (as written), or an empty list. */
export function disrespect(answer: string, tokens: Token[]): string[] {
  const out: string[] = [];
  for (const phrase of compiled) {
    for (const m of matcher.find(phrase, tokens)) {
      if (m.negated || namesAFeeling(tokens, m.at[0]!)) continue;
      out.push(answer.slice(tokens[m.at[0]!]!.start, tokens[m.at[m.at.length - 1]!]!.end));
    }
  }
  const emoji = answer.match(EMOJI);
  if (emoji) out.push(emoji[0]);
  return [...new Set(out)];
}

function namesAFeeling(tokens: Token[], at: number): boolean {
  for (let k = Math.max(0, at - FEELING_REACH); k < at; k++) {
    if (tokens[k]!.sentence === tokens[at]!.sentence && tokens[k]!.stems.some((s) => FEELING_STEMS.has(s))) return true;
  }
  return false;
}
