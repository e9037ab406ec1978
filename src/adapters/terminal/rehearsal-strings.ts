// What the terminal's rehearsal commands (/as, /clock) say, in both languages.
import { stringTable } from '../../core/i18n.js';
import { MAX_CLOCK_JUMP_DAYS } from './clock-command.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    asUsage: 'Utilisation : /as NOM (lettres, chiffres, . _ -), /as seul ou /as moi',
    asNow: 'Vous parlez maintenant en tant que {name}. /as moi vous ramène à {me}.',
    asWho: 'Vous parlez en tant que {name}. /as NOM pour parler à la place d’un autre membre, /as moi pour revenir à {me}.',
    asSelf: 'Vous parlez en votre propre nom ({me}, admin du terminal). /as NOM pour parler à la place d’un autre membre.',
    asBack: 'Vous parlez de nouveau en votre propre nom ({me}).',
    helpTitle: 'Répétition (terminal)',
    helpAs: '/as NOM : parler à la place d’un membre de l’équipe (répondre, voir son classement); /as seul : qui parle; /as moi : revenir à vous (admin)',
    helpClock: '/clock : l’heure; /clock +1d, /clock lundi 09:00 : avancer l’horloge sur une copie d’essai de l’équipe (défis et corrigés joués en chemin, sans points)',
    helpScenarioN: '/scenario N (1 à {count}) ou /scenario ID : un scénario pour vous exercer, en privé, sans points',
    clock: 'Horloge : {when} ({zone})',
    rehearsalClock: 'Horloge de la répétition : {when} ({zone})',
    usage: 'Utilisation : /clock +30m | +2h | +1d | +1w | AAAA-MM-JJ [HH:MM] | lundi [HH:MM]',
    backwards: 'L’horloge de la répétition ne fait qu’avancer : elle indique déjà le {now}.',
    tooFar: `L’horloge avance d’au plus ${MAX_CLOCK_JUMP_DAYS} jours à la fois, car chaque publication et chaque corrigé en chemin est joué : avancez en plusieurs fois.`,
    opened: 'Répétition : à partir du {when}, cette session joue une copie d’essai de votre équipe (réglages du canal, sans défis ni points). Vos vraies données ne changent pas; la copie disparaît à la fin de la session.',
    openedKept: 'Répétition : à partir du {when}, cette session joue une copie d’essai de votre équipe (réglages du canal, sans défis ni points), gardée dans {file} pour la reprendre plus tard. Vos vraies données ne changent pas.',
    resumed: 'Répétition reprise là où elle s’était arrêtée ({file}), le {when}.',
    notScheduled: 'Les défis quotidiens sont désactivés dans ce canal : /coach schedule on pour les répéter.',
    stopped: 'Arrêt au {when} : trop d’événements d’un coup.',
    openFailed: 'La répétition n’a pas pu commencer (l’horloge n’a pas bougé) : {reason}',
    posted: '--- publié dans #{channel} · {when} ---',
  },
  en: {
    asUsage: 'usage: /as NAME (letters, digits, . _ -), /as alone or /as me',
    asNow: 'You are now speaking as {name}. /as me takes you back to {me}.',
    asWho: 'You are speaking as {name}. /as NAME to speak as another member, /as me to go back to {me}.',
    asSelf: 'You are speaking as yourself ({me}, the terminal’s admin). /as NAME to speak as another member.',
    asBack: 'You are speaking as yourself again ({me}).',
    helpTitle: 'Rehearsal (terminal)',
    helpAs: '/as NAME: speak as a team member (answer, see their leaderboard); /as alone: who is speaking; /as me: back to yourself (admin)',
    helpClock: '/clock: the time; /clock +1d, /clock monday 09:00: move the clock on a practice copy of the team (challenges and debriefs played on the way, no points)',
    helpScenarioN: '/scenario N (1 to {count}) or /scenario ID: a scenario to practise, privately, no points',
    clock: 'Clock: {when} ({zone})',
    rehearsalClock: 'Rehearsal clock: {when} ({zone})',
    usage: 'usage: /clock +30m | +2h | +1d | +1w | YYYY-MM-DD [HH:MM] | monday [HH:MM]',
    backwards: 'The rehearsal clock only moves forward: it already says {now}.',
    tooFar: `The clock moves at most ${MAX_CLOCK_JUMP_DAYS} days at a time, since every post and debrief on the way is played: move it in several steps.`,
    opened: 'Rehearsal: starting {when}, this session plays a practice copy of your team (the channel’s settings, no challenges, no points). Your real data does not change; the copy is deleted when the session ends.',
    openedKept: 'Rehearsal: starting {when}, this session plays a practice copy of your team (the channel’s settings, no challenges, no points), kept in {file} to resume later. Your real data does not change.',
    resumed: 'Rehearsal resumed where it stopped ({file}), {when}.',
    notScheduled: 'Daily challenges are off in this channel: /coach schedule on to rehearse them.',
    stopped: 'Stopped at {when}: too many events at once.',
    openFailed: 'The rehearsal could not start (the clock did not move): {reason}',
    posted: '--- posted in #{channel} · {when} ---',
  },
} as const;

export type RehearsalKey = keyof typeof STRINGS.fr;

/** A rehearsal string, its `{name}` placeholders filled. */
export const rt = stringTable(STRINGS);
