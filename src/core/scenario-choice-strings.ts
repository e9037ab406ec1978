// What `/coach scenarios` says (issue 16, item 4), in both languages.
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Défis de ce canal',
    on: 'en rotation',
    off: 'retiré',
    summaryAll: 'Tous les défis ({count}) sont en rotation ici.',
    summarySome: 'En rotation ici : {on} sur {count}; {off}.',
    inPlay: '{n#défi|défis}',
    takenOut: '{n#retiré|retirés}',
    howTo: 'Un admin retire un défi avec /coach scenarios off N (numéro ou identifiant) et le remet avec /coach scenarios on N.',
    usage: 'Utilisation : /coach scenarios (la liste), /coach scenarios off N ou /coach scenarios on N, où N est un numéro de 1 à {count} ou l’identifiant d’un défi.',
    unknown: 'Aucun défi « {which} ». Choisissez un numéro de 1 à {count} ou un identifiant de la liste /coach scenarios.',
    turnedOff: 'Le défi {number}, « {title} », est retiré de la rotation de ce canal. Il reste {left#défi|défis} en rotation.',
    turnedOffOneLeft: 'Le défi {number}, « {title} », est retiré de la rotation de ce canal. Il ne reste qu’un défi en rotation.',
    alreadyOff: 'Le défi {number}, « {title} », était déjà retiré de la rotation de ce canal.',
    turnedOn: 'Le défi {number}, « {title} », est de retour dans la rotation de ce canal.',
    alreadyOn: 'Le défi {number}, « {title} », est déjà en rotation dans ce canal.',
    lastOne: 'Le défi {number}, « {title} », est le dernier en rotation ici : il faut en garder au moins un. Remettez-en un autre d’abord (/coach scenarios on N).',
    notAdmin: 'Seul un admin peut changer les défis de ce canal (/coach scenarios off|on). La liste reste accessible à tous : /coach scenarios.',
    helpLine: '/coach scenarios : les défis en rotation dans ce canal (un admin en retire avec off N, en remet avec on N)',
  },
  en: {
    heading: 'Challenges in this channel',
    on: 'in rotation',
    off: 'taken out',
    summaryAll: 'Every challenge ({count}) is in rotation here.',
    summarySome: 'In rotation here: {on} of {count}; {off}.',
    inPlay: '{n#challenge|challenges}',
    takenOut: '{n} taken out',
    howTo: 'An admin takes one out with /coach scenarios off N (number or id) and puts it back with /coach scenarios on N.',
    usage: 'Usage: /coach scenarios (the list), /coach scenarios off N or /coach scenarios on N, where N is a number from 1 to {count} or a challenge’s id.',
    unknown: 'No challenge “{which}”. Pick a number from 1 to {count} or an id from the /coach scenarios list.',
    turnedOff: 'Challenge {number}, “{title}”, is out of this channel’s rotation. Challenges left in rotation: {left}.',
    turnedOffOneLeft: 'Challenge {number}, “{title}”, is out of this channel’s rotation. Only one challenge remains in rotation.',
    alreadyOff: 'Challenge {number}, “{title}”, was already out of this channel’s rotation.',
    turnedOn: 'Challenge {number}, “{title}”, is back in this channel’s rotation.',
    alreadyOn: 'Challenge {number}, “{title}”, is already in this channel’s rotation.',
    lastOne: 'Challenge {number}, “{title}”, is the last one in rotation here: at least one must stay. Put another back first (/coach scenarios on N).',
    notAdmin: 'Only an admin can change this channel’s challenges (/coach scenarios off|on). Anyone can see the list: /coach scenarios.',
    helpLine: '/coach scenarios: the challenges in rotation in this channel (an admin takes one out with off N, puts it back with on N)',
  },
} as const;

export type ScenarioChoiceKey = keyof typeof STRINGS.fr;

/** A `/coach scenarios` string, its `{name}` placeholders filled. */
export const sc = stringTable(STRINGS);
