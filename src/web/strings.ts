// Everything the wall, the playbook pages and `/coach wall` say, in both languages.
import type { Lang } from '../content/model.js';
import { fill, stringTable } from '../core/i18n.js';

/** A count's words: `zero` for 0 when given, `one` for 1 (and 0 in French without `zero`), else `other`. */
export interface Plural { zero?: string; one: string; other: string }

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    // The wall
    wallTitle: 'Mur de l’équipe',
    wallTitleNamed: 'Mur de l’équipe · {channel}',
    live: 'En direct',
    reconnecting: 'Reconnexion…',
    challengeHeading: 'Défi du jour',
    problem: 'Problème {number}',
    answered: { zero: 'Aucune réponse pour l’instant', one: '{count} réponse', other: '{count} réponses' } as Plural,
    revealAt: 'Corrigé {when}',
    revealManual: 'Corrigé à venir',
    revealed: 'Corrigé',
    bestChoice: 'Meilleur choix',
    bestChoiceLabel: 'Meilleur choix :',
    choiceVotes: { one: '{count} réponse', other: '{count} réponses' } as Plural,
    ownWords: 'Dans leurs mots :',
    choicesLabel: 'Choix de réponse',
    noChallenge: 'Pas de défi aujourd’hui.',
    nextChallenge: 'Prochain défi : {when}',
    notScheduled: 'Les défis quotidiens ne sont pas activés dans ce canal.',
    boardHeading: 'Classement de la semaine',
    boardEmpty: 'Personne n’a encore de points cette semaine.',
    rank: 'Rang',
    name: 'Nom',
    points: 'Points',
    streak: 'Série',
    streakDays: { one: '{count} jour', other: '{count} jours' } as Plural,
    noStreak: '—',
    unnamed: 'Membre sans nom',
    incidentHeading: 'Incident en cours',
    incidentState: 'État : {state}',
    incidentSince: 'Depuis {when}',
    incidentUpdated: 'Dernière mise à jour : {when}',
    incidentNoUpdate: 'Aucune mise à jour encore',
    footer: 'Noms d’affichage et points seulement · Support Coach',
    // Playbook pages
    site: 'Support Coach',
    playbooks: 'Playbooks',
    skip: 'Aller au contenu',
    otherLang: 'English',
    templates: 'À copier',
    listIntro: 'Les situations difficiles du soutien aux utilisateurs, et quoi faire.',
    // Error pages
    notFoundTitle: 'Page introuvable',
    wallNotFound: 'Ce mur n’existe pas ou son adresse a été révoquée. Demandez une nouvelle adresse à un administrateur du coach (/coach wall).',
    playbookNotFound: 'Ce playbook n’existe pas.',
    accessTitle: 'Lien expiré ou invalide',
    accessBody: 'Ce lien vers les playbooks a expiré ou n’est pas valide. Redemandez le playbook au coach (par exemple /playbook {id}) pour obtenir un nouveau lien.',
    badLangTitle: 'Langue inconnue',
    badLangBody: 'Les playbooks existent en français (?lang=fr) et en anglais (?lang=en).',
    offTitle: 'Pages non publiées',
    offBody: 'Les pages des playbooks ne sont pas publiées sur ce serveur. Demandez le playbook au coach dans votre messagerie.',
    // /coach wall
    openInBrowser: 'Ouvrir dans le navigateur',
    openWall: 'Ouvrir le mur',
    wallCreated: 'Voici l’adresse du mur de ce canal, à afficher sur l’écran de l’équipe : {url}\nElle est secrète : quiconque la connaît voit le défi du jour, le nombre de réponses et le classement de la semaine (noms d’affichage et points seulement). Elle remplace toute adresse précédente du mur de ce canal. Pour la révoquer : /coach wall revoke.',
    wallRevoked: 'Le mur de ce canal est révoqué : son adresse ne fonctionne plus, et les écrans qui l’affichent montrent maintenant « page introuvable ».',
    wallNothingToRevoke: 'Ce canal n’a pas de mur à révoquer.',
    wallNoBaseUrl: 'Le mur a besoin de l’adresse publique du coach : l’administrateur du serveur doit définir COACH_BASE_URL (par exemple https://coach.exemple.org).',
    wallUsage: 'Utilisation : /coach wall (créer ou remplacer l’adresse secrète du mur de ce canal) ou /coach wall revoke (la révoquer).',
    wallHelp: 'Admins : /coach wall : l’adresse secrète d’une page pour l’écran de l’équipe (défi du jour, classement); /coach wall revoke : la révoquer',
  },
  en: {
    wallTitle: 'Team wall',
    wallTitleNamed: 'Team wall · {channel}',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    challengeHeading: 'Today’s challenge',
    problem: 'Problem {number}',
    answered: { zero: 'No answers yet', one: '{count} answer', other: '{count} answers' } as Plural,
    revealAt: 'Debrief {when}',
    revealManual: 'Debrief to come',
    revealed: 'Debrief',
    bestChoice: 'Best choice',
    bestChoiceLabel: 'Best choice:',
    choiceVotes: { zero: 'no answers', one: '{count} answer', other: '{count} answers' } as Plural,
    ownWords: 'In their own words:',
    choicesLabel: 'Answer choices',
    noChallenge: 'No challenge today.',
    nextChallenge: 'Next challenge: {when}',
    notScheduled: 'Daily challenges are not on in this channel.',
    boardHeading: 'This week’s leaderboard',
    boardEmpty: 'Nobody has points this week yet.',
    rank: 'Rank',
    name: 'Name',
    points: 'Points',
    streak: 'Streak',
    streakDays: { one: '{count} day', other: '{count} days' } as Plural,
    noStreak: '—',
    unnamed: 'Unnamed member',
    incidentHeading: 'Open incident',
    incidentState: 'Status: {state}',
    incidentSince: 'Since {when}',
    incidentUpdated: 'Last update: {when}',
    incidentNoUpdate: 'No update yet',
    footer: 'Display names and points only · Support Coach',
    site: 'Support Coach',
    playbooks: 'Playbooks',
    skip: 'Skip to content',
    otherLang: 'Français',
    templates: 'Ready to copy',
    listIntro: 'The hard moments of user support, and what to do.',
    notFoundTitle: 'Page not found',
    wallNotFound: 'This wall does not exist or its address was revoked. Ask a coach admin for a new address (/coach wall).',
    playbookNotFound: 'There is no such playbook.',
    accessTitle: 'Expired or invalid link',
    accessBody: 'This playbook link has expired or is not valid. Ask the coach for the playbook again (for example /playbook {id}) to get a new link.',
    badLangTitle: 'Unknown language',
    badLangBody: 'Playbooks exist in French (?lang=fr) and English (?lang=en).',
    offTitle: 'Pages not published',
    offBody: 'Playbook pages are not published on this server. Ask the coach for the playbook in your chat.',
    openInBrowser: 'Open in browser',
    openWall: 'Open the wall',
    wallCreated: 'Here is this channel’s wall address, for the team’s screen: {url}\nIt is secret: anyone who has it sees today’s challenge, how many answered and this week’s leaderboard (display names and points only). It replaces any earlier wall address of this channel. To revoke it: /coach wall revoke.',
    wallRevoked: 'This channel’s wall is revoked: its address no longer works, and screens showing it now say “page not found”.',
    wallNothingToRevoke: 'This channel has no wall to revoke.',
    wallNoBaseUrl: 'The wall needs the coach’s public address: the server’s administrator must set COACH_BASE_URL (for example https://coach.example.org).',
    wallUsage: 'Usage: /coach wall (make or replace this channel’s secret wall address) or /coach wall revoke (revoke it).',
    wallHelp: 'Admins: /coach wall: the secret address of a page for the team’s screen (today’s challenge, leaderboard); /coach wall revoke: revoke it',
  },
} as const;

type Table = (typeof STRINGS)['fr'];
export type WebStringKey = { [K in keyof Table]: Table[K] extends string ? K : never }[keyof Table];
export type WebPluralKey = { [K in keyof Table]: Table[K] extends Plural ? K : never }[keyof Table];

/** A web string with its `{placeholders}` filled (values are plain text: the page escapes them). */
export const tw = stringTable(STRINGS);

/** A count with its words: "Aucune réponse pour l’instant", "1 réponse", "2 réponses". */
export function twCount(lang: Lang, key: WebPluralKey, count: number): string {
  const forms = STRINGS[lang][key] as Plural;
  const form = count === 0 && forms.zero ? forms.zero : count === 1 || (lang === 'fr' && count === 0) ? forms.one : forms.other;
  return fill(form, { count: count.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA') });
}
