// Harmful decisions (a red flag's `decisions` in the content), recognised as decisions: what the answer
// says the answerer will do, not a word it mentions. A decision phrasing matches
// - with a first-person subject close before its verb ("puis je formate son PC ce soir", "I'll burn a few
//   copies"; any first person: je, on, nous, I, we), or
// - as an instruction opening a clause ("Copier le DVD.", "Then wipe her PC"), with only function words
//   or connectors ("puis", "ensuite", "then", "just") before it,
// and it does not count when
// - it is negated ("je ne le copierais pas", "I won't burn copies", "au lieu de le copier"): see text.ts;
// - it is the condition of a hypothesis ("si je le copiais, ce serait illégal", "if I copied it…");
// - a condition that makes it right governs it: one of the flag's `unless` phrasings in the same clause
//   ("je télécharge de la musique libre de droits"), or in the same sentence as a conditional word ("je le
//   copie seulement avec une permission écrite", "I'll copy it only if the publisher gives us written
//   permission").
// Reciting the right principles around a harmful decision changes none of this.
import type { Localized, Scenario } from '../content/model.js';
import { compilePhrase, type Matcher, type Match, type Phrase } from './evidence.js';
import type { Token } from './text.js';

const SUBJECTS = new Set(['je', 'j', 'on', 'nous', 'i', 'we']);
/** Words that may come before an instruction in its clause: "puis copier", "then wipe it", "just burn". */
const LEADS = new Set(['puis', 'ensuite', 'et', 'pis', 'alors', 'donc', 'juste', 'simplement', 'directement', 'finalement',
  'then', 'and', 'so', 'just', 'simply', 'directly', 'finally', 'also', 'aussi']);
/** Words that make a clause a condition. "s" is the s' of "s'il". */
const CONDITIONAL = new Set(['si', 's', 'seulement', 'uniquement', 'condition', 'pourvu', 'sauf', 'if', 'only', 'unless', 'provided', 'providing']);
/** A conditional word this close before the subject makes the decision a hypothesis: "si je le copiais". */
const HYPOTHESIS_REACH = 2;
/**
 * An action named in a sentence that also judges it wrong is talked about, not decided: "le copier sans
 * permission contrevient au droit d'auteur", "Copier le DVD, c'est illégal". Stems, French and English.
 */
const JUDGED_WRONG = new Set(['illeg', 'illegal', 'interdit', 'prohib', 'forbid', 'forbidden', 'contrevien', 'contrevient', 'enfreint', 'enfreindr',
  'infring', 'infringement', 'viol', 'violat', 'copyright', 'piratag', 'piraci', 'risqu', 'risk', 'riski', 'dangereu', 'danger', 'dangerous', 'erreur', 'mistak', 'wrong']);

export interface CompiledDecision {
  /** The red flag id. */
  id: string;
  /** With their first-person subject (any first person), and without it (instructions). */
  withSubject: Phrase[];
  bare: Phrase[];
  unless: Phrase[];
}

/** Both languages' decisions and conditions for each red flag that has decisions. */
export function compileDecisions(scenario: Localized<Scenario>): CompiledDecision[] {
  const out = new Map<string, CompiledDecision>();
  for (const lang of ['fr', 'en'] as const) {
    for (const flag of scenario[lang].redFlags) {
      if (flag.decisions.length === 0) continue;
      const item = out.get(flag.id) ?? { id: flag.id, withSubject: [], bare: [], unless: [] };
      out.set(flag.id, item);
      for (const text of flag.decisions) {
        const phrase = compilePhrase(text);
        if (!phrase) continue;
        const first = phrase.slots[0]!;
        if (first.kind === 'word' && first.subject) {
          item.withSubject.push({ ...phrase, slots: [{ ...first, words: SUBJECTS }, ...phrase.slots.slice(1)] });
          const bare = compilePhrase(text.replace(/^\s*(je|j'|j’|on|nous|i|we)\s*/i, ''));
          if (bare && bare.slots.length > 0) item.bare.push(bare);
        } else {
          item.bare.push(phrase);
        }
      }
      for (const text of flag.unless) {
        const phrase = compilePhrase(text);
        if (phrase) item.unless.push(phrase);
      }
    }
  }
  return [...out.values()];
}

export interface DecisionFound {
  id: string;
  /** Token indexes of the decision's words. */
  at: number[];
}

/**
 * Whether a right condition governs the words at `at`: one of the flag's `unless` phrasings in the same
 * clause, or in the same sentence as a conditional word; or the words are the condition of a hypothesis.
 * Applies to a flag's evidence as well as to its decisions ("I'll copy it only if … written permission").
 */
export function conditioned(d: CompiledDecision | undefined, tokens: Token[], matcher: Matcher, at: number[]): boolean {
  const start = at[0]!;
  const token = tokens[start]!;
  for (let k = Math.max(0, start - HYPOTHESIS_REACH); k < start; k++) {
    const w = tokens[k]!.word;
    if (tokens[k]!.clause === token.clause && CONDITIONAL.has(w) && w !== 'only' && w !== 'seulement' && w !== 'uniquement') return true;
  }
  if (!d || d.unless.length === 0) return false;
  const conditional = tokens.some((t) => t.sentence === token.sentence && CONDITIONAL.has(t.word));
  return d.unless.some((p) => matcher.find(p, tokens).some((u) => {
    if (u.negated) return false;
    const where = tokens[u.at[0]!]!;
    return where.clause === token.clause || (conditional && where.sentence === token.sentence);
  }));
}

/** The harmful decisions the answer takes, each with the words that show it. */
export function findDecisions(decisions: CompiledDecision[], tokens: Token[], matcher: Matcher): DecisionFound[] {
  const found: DecisionFound[] = [];
  for (const d of decisions) {
    const decided = (m: Match): boolean => !m.negated && !conditioned(d, tokens, matcher, m.at);
    const hits: number[][] = [];
    for (const p of d.withSubject) for (const m of matcher.find(p, tokens)) if (decided(m)) hits.push(m.at);
    for (const p of d.bare) {
      for (const m of matcher.find(p, tokens)) {
        if (!decided(m) || !opensClause(tokens, m.at) || !inOrder(p, tokens, m.at) || !instruction(tokens, m.at)) continue;
        hits.push(m.at);
      }
    }
    if (hits.length > 0) found.push({ id: d.id, at: hits[0]! });
  }
  return found;
}

/** Not a gerund ("copying it would be illegal") and not judged wrong in its own sentence. */
function instruction(tokens: Token[], at: number[]): boolean {
  const verb = at.map((i) => tokens[i]!).find((t) => !t.stop);
  if (verb && verb.word.endsWith('ing')) return false;
  const sentence = tokens[at[0]!]!.sentence;
  return !tokens.some((t) => t.sentence === sentence && t.stems.some((s) => JUDGED_WRONG.has(s)));
}

/** An instruction: only function words or connectors before it in its clause. */
function opensClause(tokens: Token[], at: number[]): boolean {
  const start = at[0]!;
  const clause = tokens[start]!.clause;
  for (let k = start - 1; k >= 0 && tokens[k]!.clause === clause; k--) {
    if (!tokens[k]!.stop && !LEADS.has(tokens[k]!.word)) return false;
  }
  return true;
}

/** The phrase's words in its own order (the matcher also finds content words in another order). */
function inOrder(phrase: Phrase, tokens: Token[], at: number[]): boolean {
  return phrase.slots.every((slot, k) => {
    const t = tokens[at[k]!]!;
    if (slot.kind === 'word') return slot.words.has(t.word);
    if (slot.kind === 'neg') return t.negator;
    return t.stems.some((s) => slot.stems.includes(s)) || t.word.startsWith(slot.word.slice(0, 4));
  });
}
