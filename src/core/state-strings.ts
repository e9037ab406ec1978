// What commands say when asked for their current setting (`/coach lang`, `/coach listen` with no
// argument) or when there is nothing to change (`/coach unpause` on a day never paused), in both languages.
import type { Lang } from '../content/model.js';
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    langShow: 'Votre langue : {mine}. Publications de ce canal : {channel}. Pour changer la vôtre : /coach lang fr ou /coach lang en.',
    langNotChosen: 'pas choisie (je réponds dans la langue de vos messages)',
    langName_fr: 'français',
    langName_en: 'anglais',
    listenIsOn: 'J’offre le playbook quand un message de ce canal décrit une situation. /coach listen off pour arrêter.',
    listenIsOff: 'Je n’offre pas de playbook sur les messages de ce canal. /coach listen on pour recommencer.',
    notPausedOne: 'Le {date} n’était pas en pause : rien à lever.',
    notPausedMany: 'Ces jours n’étaient pas en pause : {dates}.',
  },
  en: {
    langShow: 'Your language: {mine}. This channel’s posts: {channel}. To change yours: /coach lang fr or /coach lang en.',
    langNotChosen: 'not chosen (I answer in the language of your messages)',
    langName_fr: 'French',
    langName_en: 'English',
    listenIsOn: 'I offer the playbook when a message in this channel describes a situation. /coach listen off to stop.',
    listenIsOff: 'I do not offer playbooks on messages in this channel. /coach listen on to start again.',
    notPausedOne: '{date} was not paused: nothing to lift.',
    notPausedMany: 'These days were not paused: {dates}.',
  },
} as const;

export type StateStringKey = keyof (typeof STRINGS)['fr'];

/** A state string, its `{name}` placeholders filled. */
export const tst = stringTable(STRINGS);

/** A language's name in `lang`: "français", "English". */
export function langName(lang: Lang, of: Lang): string {
  return tst(lang, of === 'fr' ? 'langName_fr' : 'langName_en');
}
