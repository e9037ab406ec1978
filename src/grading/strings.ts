// What the grading feedback says that is not content, in both languages (kept here, not in core/i18n).
import type { Lang } from '../content/model.js';
import { fill } from '../core/i18n.js';

const STRINGS = {
  fr: {
    heading: 'Scénario {number} · {title} : {score}/{max}',
    covered: 'Points couverts',
    missed: 'Points manqués',
    noneCovered: 'Je n’ai repéré aucun des points clés dans votre réponse.',
    allCovered: 'Vous avez couvert tous les points clés. Bravo!',
    flags: 'À éviter',
    flagItem: '{flag} (note plafonnée à {cap}/{max})',
    yourChoice: 'Votre choix : {points} points sur {max}',
    bestChoice: 'La meilleure réponse',
    playbooks: 'Pour revoir la situation',
    playbookLine: '/playbook {id} : {title}',
    footnote: 'Rétroaction privée : vous seul la voyez.',
  },
  en: {
    heading: 'Scenario {number} · {title}: {score}/{max}',
    covered: 'Points covered',
    missed: 'Points missed',
    noneCovered: 'I found none of the key points in your answer.',
    allCovered: 'You covered every key point. Well done!',
    flags: 'To avoid',
    flagItem: '{flag} (score capped at {cap}/{max})',
    yourChoice: 'Your choice: {points} points out of {max}',
    bestChoice: 'The best answer',
    playbooks: 'To review the situation',
    playbookLine: '/playbook {id}: {title}',
    footnote: 'Private feedback: only you can see it.',
  },
} as const;

export type GradingStringKey = keyof (typeof STRINGS)['fr'];

export function gt(lang: Lang, key: GradingStringKey, vars: Record<string, string | number> = {}): string {
  return fill(STRINGS[lang][key], vars);
}
