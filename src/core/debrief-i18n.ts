// What the private copy of a debrief says about the person's own answer, in both languages.
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    yours: 'Votre réponse : {score}/10{bonus}',
    yoursBonus: ', {bonus} de série',
    yoursOwnWords: 'Dans vos mots.',
    privateCopy: 'Le corrigé du défi, aussi publié dans son fil ({channel}); envoyé à chaque personne qui a répondu.',
  },
  en: {
    yours: 'Your answer: {score}/10{bonus}',
    yoursBonus: ', {bonus} streak bonus',
    yoursOwnWords: 'In your own words.',
    privateCopy: 'The challenge’s debrief, also posted in its thread ({channel}); sent to each person who answered.',
  },
} as const;

export type DebriefStringKey = keyof (typeof STRINGS)['fr'];

export const td = stringTable(STRINGS);
