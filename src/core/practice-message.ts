// `/scenario N` (a number 1–9 or an id): one scenario shown privately for practice, no points; with
// `corrigé` / `debrief` after it, its best choice and a model answer.
import type { Lang, Library, Localized, Scenario } from '../content/model.js';
import { stringTable } from './i18n.js';
import { text, type Message, type MessageSection } from './message.js';
import { blocksToSection } from './playbook-message.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Entraînement · {title}',
    intro: 'Problème {number} · Pour vous exercer : rien n’est noté ni enregistré, et votre équipe ne le voit pas.',
    choices: 'Les choix',
    footnote: 'Réfléchissez à ce que vous feriez, puis voyez le corrigé : /scenario {number} corrigé. Le défi du jour de l’équipe : /scenario.',
    debriefHeading: 'Entraînement · corrigé · {title}',
    best: 'Meilleur choix : {choice}',
    model: 'Ce que fait une bonne réponse',
    review: 'Pour revoir la situation : {commands}.',
    unknown: 'Je ne connais pas le scénario « {which} ». Choisissez un numéro de 1 à {count} ou un de ces noms : {ids}.',
  },
  en: {
    heading: 'Practice · {title}',
    intro: 'Problem {number} · For practice: nothing is scored or recorded, and your team does not see it.',
    choices: 'The choices',
    footnote: 'Think about what you would do, then see the debrief: /scenario {number} debrief. Your team’s challenge of the day: /scenario.',
    debriefHeading: 'Practice · debrief · {title}',
    best: 'Best choice: {choice}',
    model: 'What a strong answer does',
    review: 'To review the situation: {commands}.',
    unknown: 'I don’t know the scenario “{which}”. Pick a number from 1 to {count} or one of these names: {ids}.',
  },
} as const;

const tp = stringTable(STRINGS);

/** Words after the scenario that ask for its debrief. */
const DEBRIEF_WORDS = new Set(['corrigé', 'corrige', 'debrief', 'réponse', 'answer']);

/**
 * The practice messages for `/scenario ARGS` (ARGS not empty): `N` or `ID`, optionally followed by a
 * debrief word. A scenario that does not exist gets the list of numbers and ids. Always private.
 */
export function practiceMessages(library: Library, args: string, lang: Lang): Message[] {
  const [which = '', more = ''] = args.trim().split(/\s+/);
  const pair = findScenario(library, which);
  if (!pair) {
    const ids = [...library.scenarios].sort((a, b) => a.fr.number - b.fr.number).map((s) => s.id).join(', ');
    return [{ ...text(tp(lang, 'unknown', { which: which.slice(0, 40), count: library.scenarios.length, ids })), lang }];
  }
  return [DEBRIEF_WORDS.has(more.toLowerCase()) ? practiceDebrief(pair, lang) : practicePost(pair, lang)];
}

/** A scenario by number ("5") or id ("training-dvd"), or undefined. */
export function findScenario(library: Library, which: string): Localized<Scenario> | undefined {
  const key = which.trim().toLowerCase().replace(/^#/, '');
  if (/^\d+$/.test(key)) return library.scenarios.find((s) => s.fr.number === Number(key));
  return library.scenarios.find((s) => s.id === key);
}

function practicePost(pair: Localized<Scenario>, lang: Lang): Message {
  const scenario = pair[lang];
  const question = blocksToSection(scenario.question);
  return {
    heading: tp(lang, 'heading', { title: scenario.title }),
    sections: [
      { parts: [{ kind: 'text', text: tp(lang, 'intro', { number: scenario.number }) }] },
      ...(question ? [question] : []),
      { title: tp(lang, 'choices'), parts: [{ kind: 'bullets', items: scenario.choices.map((c, i) => ({ text: `${i + 1}. ${c.text}` })) }] },
    ],
    footnote: tp(lang, 'footnote', { number: scenario.number }),
    visibility: 'private',
    lang,
  };
}

function practiceDebrief(pair: Localized<Scenario>, lang: Lang): Message {
  const scenario = pair[lang];
  const sections: MessageSection[] = [];
  const best = scenario.choices.findIndex((c) => c.best);
  if (best >= 0) {
    sections.push({ title: tp(lang, 'best', { choice: `${best + 1}. ${scenario.choices[best]!.text}` }), parts: [{ kind: 'text', text: scenario.choices[best]!.explanation }] });
  }
  const model = blocksToSection(scenario.debrief);
  if (model) sections.push({ title: tp(lang, 'model'), ...model });
  return {
    heading: tp(lang, 'debriefHeading', { title: scenario.title }),
    sections,
    footnote: tp(lang, 'review', { commands: scenario.playbooks.map((id) => `/playbook ${id}`).join(', ') }),
    visibility: 'private',
    lang,
  };
}
