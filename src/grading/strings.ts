// What the grading feedback says that is not content, in both languages (kept here, not in core/i18n).
import { stringTable } from '../core/i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Scénario {number} · {title} : {score}/{max}',
    covered: 'Points couverts',
    missed: 'Points manqués',
    noneCovered: 'Je n’ai repéré aucun des points clés dans votre réponse.',
    allCovered: 'Vous avez couvert tous les points clés. Bravo!',
    flags: 'À éviter',
    flagItem: '{flag} (note plafonnée à {cap}/{max})',
    yourChoice: 'Votre choix : {points} sur {max}',
    playbooks: 'Pour revoir la situation',
    playbookLine: '/playbook {id} : {title}',
    footnote: 'Rétroaction privée : vous seul la voyez. Le meilleur choix et une réponse modèle viendront avec le corrigé.',
    'disrespectful-tone': 'Un ton irrespectueux envers la personne (moquerie, insulte ou mépris) : elle mérite le même respect qu’un collègue',
    'not-an-answer': 'Une liste de mots n’est pas une réponse : écrivez ce que vous feriez, en phrases',
  },
  en: {
    heading: 'Scenario {number} · {title}: {score}/{max}',
    covered: 'Points covered',
    missed: 'Points missed',
    noneCovered: 'I found none of the key points in your answer.',
    allCovered: 'You covered every key point. Well done!',
    flags: 'To avoid',
    flagItem: '{flag} (score capped at {cap}/{max})',
    yourChoice: 'Your choice: {points} out of {max}',
    playbooks: 'To review the situation',
    playbookLine: '/playbook {id}: {title}',
    footnote: 'Private feedback: only you can see it. The best choice and a model answer come with the debrief.',
    'disrespectful-tone': 'A disrespectful tone towards the person (mockery, insult or contempt): they deserve the same respect as a coworker',
    'not-an-answer': 'A list of words is not an answer: write what you would do, in sentences',
  },
} as const;

export type GradingStringKey = keyof (typeof STRINGS)['fr'];

export const gt = stringTable(STRINGS);
