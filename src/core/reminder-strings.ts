// What the reminders before a challenge's debrief say, and `/coach reminders` (issue 14, item 2).
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Rappel · défi du jour dans {channel}',
    body: 'Vous n’avez pas encore répondu au défi « {title} ». Le corrigé sera publié {when}; il vous reste une heure pour répondre dans {channel} (/scenario, puis /answer).',
    footnote: 'Un seul rappel par défi, seulement si vous avez joué ces deux dernières semaines.',
    turnOff: 'Ne plus me le rappeler',
    on: 'C’est noté : vous recevrez un rappel en privé, une heure avant le corrigé, pour les défis auxquels vous n’avez pas encore répondu (si vous avez joué ces deux dernières semaines).',
    off: 'C’est noté : plus aucun rappel. Pour les retrouver : /coach reminders on.',
    stateOn: 'Vos rappels sont activés (un par défi, une heure avant le corrigé). Pour les couper : /coach reminders off.',
    stateOff: 'Vos rappels sont coupés. Pour les réactiver : /coach reminders on.',
    usage: 'Utilisation : /coach reminders on ou /coach reminders off.',
    helpLine: '/coach reminders on|off : un rappel privé une heure avant le corrigé d’un défi auquel vous n’avez pas répondu',
  },
  en: {
    heading: 'Reminder · today’s challenge in {channel}',
    body: 'You have not answered the challenge “{title}” yet. The debrief comes out {when}; you have an hour left to answer in {channel} (/scenario, then /answer).',
    footnote: 'One reminder per challenge, only if you played in the last two weeks.',
    turnOff: 'Stop reminding me',
    on: 'Got it: you will get a private reminder, an hour before the debrief, for challenges you have not answered yet (if you played in the last two weeks).',
    off: 'Got it: no more reminders. To get them back: /coach reminders on.',
    stateOn: 'Your reminders are on (one per challenge, an hour before the debrief). To turn them off: /coach reminders off.',
    stateOff: 'Your reminders are off. To turn them back on: /coach reminders on.',
    usage: 'Usage: /coach reminders on or /coach reminders off.',
    helpLine: '/coach reminders on|off: a private reminder an hour before the debrief of a challenge you have not answered',
  },
} as const;

export const tr = stringTable(STRINGS);
