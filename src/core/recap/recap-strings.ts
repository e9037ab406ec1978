// What the weekly recap says (issue 14), in both languages. Plurals go through `{n#one|many}` (French puts
// 0 and 1 in the singular) and verbs that agree with a count have a template of their own per number.
import type { Lang } from '../../content/model.js';
import { stringTable } from '../i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Bilan de la semaine du {from} · {channel}',
    participation: 'Participation',
    participationOne: '1 personne a répondu à au moins un des {challenges#défi|défis} de la semaine ({answers#réponse|réponses} en tout).',
    participationMany: '{people#personne|personnes} ont répondu à au moins un des {challenges#défi|défis} de la semaine ({answers#réponse|réponses} en tout).',
    participationOneSingle: '1 personne a répondu au défi de la semaine.',
    participationManySingle: '{people#personne|personnes} ont répondu au défi de la semaine.',
    participationNone: 'Personne n’a répondu aux {challenges#défi|défis} de la semaine.',
    participationNoneSingle: 'Personne n’a répondu au défi de la semaine.',
    noChallenge: 'Aucun défi cette semaine.',
    participant: '{answered} sur {challenges} : {names}',
    unnamedOne: '1 autre personne, hors classement',
    unnamedMany: '{count} autres personnes, hors classement',
    score: 'Score moyen',
    average: 'Score moyen de la semaine : {average} sur 10.',
    averageNone: 'Pas de score cette semaine.',
    versus: 'La semaine précédente : {previous} sur 10 ({change}).',
    up: 'en hausse de {delta}',
    down: 'en baisse de {delta}',
    flat: 'stable',
    trend: 'Sur quatre semaines : {weeks}.',
    missed: 'Points les plus manqués',
    missedEntry: '« {point} » ({scenario}) : manqué dans {missed} sur {graded#réponse|réponses} — à revoir : {playbook} (/playbook {id})',
    missedNone: 'Aucun point de la grille manqué dans les réponses en vos propres mots de la semaine.',
    missedNoText: 'Aucune réponse en vos propres mots cette semaine : la grille n’a rien relevé.',
    streaks: 'Meilleures séries',
    streakEntry: '{name} : {streak#défi|défis} de suite',
    improved: 'Plus forte progression',
    improvedEntry: '{name}, de {before} à {after} sur 10 de moyenne.',
    incidents: 'Incidents et exercices de la semaine',
    drillEntry: 'Exercice n° {id} « {title} » : {points} sur {max}',
    drillOpen: 'Exercice n° {id} « {title} » : en cours',
    incidentResolved: 'Incident n° {id} « {title} » : résolu',
    incidentOpen: 'Incident n° {id} « {title} » : en cours',
    chartNote: 'Le graphique montre la participation et le score moyen par jour sur quatre semaines.',
    chartTitle: 'Participation et score moyen par jour',
    chartAnswers: 'Réponses',
    chartAverage: 'Score moyen (sur 10)',
    alt: 'Graphique de la participation et du score moyen par jour de défi, du {from} au {to} : {days}. Moyenne par semaine : {weeks}.',
    altDay: '{day} : {answers#réponse|réponses}, moyenne {average}',
    altDayNone: '{day} : aucune réponse',
    none: 'aucune',
    recapUsage: 'Utilisation : /coach recap (le bilan maintenant), /coach recap on, /coach recap off, ou /coach recap suivi d’une expression cron (par exemple /coach recap 0 15 * * 1-5).',
    recapOn: 'Bilan hebdomadaire activé ici : {when}.',
    recapOff: 'Bilan hebdomadaire désactivé ici. /coach recap on pour le réactiver.',
    recapCron: 'Bilan hebdomadaire réglé ici sur « {cron} » ({zone}) : {when}.',
    recapBad: 'Cette expression cron ne convient pas : {error}. Exemple : /coach recap 0 16 * * 1-5',
    recapNext: 'prochain bilan le {when}',
    recapNever: 'aucun bilan à venir (le défi quotidien n’est pas programmé ici : /coach schedule on)',
    recapPosted: 'Bilan publié dans ce canal.',
    recapInDirect: 'Le bilan d’une équipe se demande dans son canal.',
  },
  en: {
    heading: 'Week of {from} · {channel}',
    participation: 'Participation',
    participationOne: '1 person answered at least one of the week’s {challenges#challenge|challenges} ({answers#answer|answers} in all).',
    participationMany: '{people#person|people} answered at least one of the week’s {challenges#challenge|challenges} ({answers#answer|answers} in all).',
    participationOneSingle: '1 person answered the week’s challenge.',
    participationManySingle: '{people#person|people} answered the week’s challenge.',
    participationNone: 'Nobody answered the week’s {challenges#challenge|challenges}.',
    participationNoneSingle: 'Nobody answered the week’s challenge.',
    noChallenge: 'No challenge this week.',
    participant: '{answered} of {challenges}: {names}',
    unnamedOne: '1 other person, off the boards',
    unnamedMany: '{count} other people, off the boards',
    score: 'Average score',
    average: 'This week’s average score: {average} out of 10.',
    averageNone: 'No score this week.',
    versus: 'The week before: {previous} out of 10 ({change}).',
    up: 'up {delta}',
    down: 'down {delta}',
    flat: 'steady',
    trend: 'Over four weeks: {weeks}.',
    missed: 'Points missed most',
    missedEntry: '“{point}” ({scenario}): missed in {missed} of {graded#answer|answers} — review: {playbook} (/playbook {id})',
    missedNone: 'No rubric point was missed in this week’s answers in people’s own words.',
    missedNoText: 'No answer in people’s own words this week: the rubric had nothing to show.',
    streaks: 'Best streaks',
    streakEntry: '{name}: {streak#challenge|challenges} in a row',
    improved: 'Most improved',
    improvedEntry: '{name}, from {before} to {after} out of 10 on average.',
    incidents: 'Incidents and drills this week',
    drillEntry: 'Drill #{id} “{title}”: {points} out of {max}',
    drillOpen: 'Drill #{id} “{title}”: in progress',
    incidentResolved: 'Incident #{id} “{title}”: resolved',
    incidentOpen: 'Incident #{id} “{title}”: ongoing',
    chartNote: 'The chart shows participation and average score per day over four weeks.',
    chartTitle: 'Participation and average score per day',
    chartAnswers: 'Answers',
    chartAverage: 'Average score (out of 10)',
    alt: 'Chart of participation and average score per challenge day, from {from} to {to}: {days}. Average per week: {weeks}.',
    altDay: '{day}: {answers#answer|answers}, average {average}',
    altDayNone: '{day}: no answers',
    none: 'none',
    recapUsage: 'Usage: /coach recap (the recap now), /coach recap on, /coach recap off, or /coach recap followed by a cron expression (for example /coach recap 0 15 * * 1-5).',
    recapOn: 'Weekly recap on here: {when}.',
    recapOff: 'Weekly recap off here. /coach recap on turns it back on.',
    recapCron: 'Weekly recap here set to “{cron}” ({zone}): {when}.',
    recapBad: 'That cron expression does not work: {error}. Example: /coach recap 0 16 * * 1-5',
    recapNext: 'next recap {when}',
    recapNever: 'no recap to come (the daily challenge is not scheduled here: /coach schedule on)',
    recapPosted: 'Recap posted in this channel.',
    recapInDirect: 'Ask for a team’s recap in its channel.',
  },
} as const;

export type RecapStringKey = keyof (typeof STRINGS)['fr'];

export const tr = stringTable(STRINGS);

/** A score out of 10 with one decimal, the language's way: "6,4" in French, "6.4" in English. */
export function decimal(lang: Lang, n: number): string {
  const text = (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** A day as people read it: "23 novembre", "November 23". */
export function longDay(lang: Lang, day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return date.toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-US', { day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** A day's short label (the chart's axis, its alt text): "03/11" in French, "Nov 3" in English. */
export function shortDay(day: string, lang: Lang): string {
  const [, m, d] = day.split('-');
  if (lang === 'fr') return `${d}/${m}`;
  const month = new Date(`${day}T12:00:00Z`).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${month} ${Number(d)}`;
}
