// What the terminal's rehearsal commands (/as, /clock) say, in both languages.
import type { Lang } from '../../content/model.js';
import { fill } from '../../core/i18n.js';
import { MAX_CLOCK_JUMP_DAYS } from './clock-command.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    asUsage: 'Utilisation : /as NOM (lettres, chiffres, . _ -)',
    asNow: 'Vous parlez maintenant en tant que {name}.',
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
    asUsage: 'usage: /as NAME (letters, digits, . _ -)',
    asNow: 'You are now speaking as {name}.',
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
export function rt(lang: Lang, key: RehearsalKey, vars: Record<string, string | number> = {}): string {
  return fill(STRINGS[lang][key], vars, lang);
}
