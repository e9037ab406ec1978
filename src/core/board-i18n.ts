// What the coach says about scores, leaderboards and awards, in both languages, with real plurals: French
// puts 0 and 1 in the singular ("0 point", "1 point", "2 points"), English only 1 ("0 points", "1 point").
import type { Lang } from '../content/model.js';
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    boardHeading: 'Classement · {channel}',
    boardWeek: 'Cette semaine',
    boardAllTime: 'Depuis le début',
    boardEntry: '{rank}. {name} · {points}{streak}',
    boardStreak: ' · série de {streak}',
    boardEmpty: 'Personne n’a encore participé.',
    boardMe: 'Vous : {weekRank} cette semaine ({weekPoints}), {allRank} au total ({points}), {answers}, série de {streak}.',
    boardMeNone: 'Vous n’avez pas encore participé ici : répondez au prochain défi!',
    rankNone: 'non classé',
    teamsHeading: 'Classement des équipes',
    teamEntry: '{rank}. {name} · {points} ({weekPoints} cette semaine, {members})',
    unnamedMember: 'membre sans nom',
    unnamedChannel: 'canal sans nom',
    privateChat: 'conversation privée',
    directShows: 'Vous m’écrivez en privé : voici le classement de votre équipe, {channel}.',
    directOthers: 'Vos autres équipes : {channels}. Tapez /leaderboard dans leur canal pour voir leur classement.',
    directNone: 'Vous m’écrivez en privé, et vous ne figurez encore au classement d’aucune équipe : répondez au défi dans le canal de votre équipe. /leaderboard all montre le classement des équipes.',
    awardNotMention: '« {who} » n’est pas une mention : nommez la personne avec @ et choisissez-la dans la liste, pour que les points aillent à la bonne personne.',
    awardSelf: 'Vous ne pouvez pas vous donner des points à vous-même : demandez à un autre admin.',
    awardBot: '{name} est un bot : les points vont aux membres de l’équipe.',
  },
  en: {
    boardHeading: 'Leaderboard · {channel}',
    boardWeek: 'This week',
    boardAllTime: 'All time',
    boardEntry: '{rank}. {name} · {points}{streak}',
    boardStreak: ' · {streak}-day streak',
    boardEmpty: 'Nobody has taken part yet.',
    boardMe: 'You: {weekRank} this week ({weekPoints}), {allRank} all time ({points}), {answers}, streak {streak}.',
    boardMeNone: 'You have not taken part here yet: answer the next challenge!',
    rankNone: 'unranked',
    teamsHeading: 'Teams leaderboard',
    teamEntry: '{rank}. {name} · {points} ({weekPoints} this week, {members})',
    unnamedMember: 'unnamed member',
    unnamedChannel: 'unnamed channel',
    privateChat: 'private chat',
    directShows: 'This is a private chat: here is the leaderboard of your team, {channel}.',
    directOthers: 'Your other teams: {channels}. Type /leaderboard in their channel to see theirs.',
    directNone: 'This is a private chat, and you are not on any team’s leaderboard yet: answer the challenge in your team’s channel. /leaderboard all shows the teams’ leaderboard.',
    awardNotMention: '“{who}” is not a mention: name the person with @ and pick them from the list, so the points go to the right person.',
    awardSelf: 'You cannot give points to yourself: ask another admin.',
    awardBot: '{name} is a bot: points go to team members.',
  },
} as const;

export type BoardStringKey = keyof (typeof STRINGS)['fr'];

export const tb = stringTable(STRINGS);

/** Whether `n` takes the singular: French for -1 < n < 2 (0, 1, 1,5), English for exactly ±1. */
export function singular(lang: Lang, n: number): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
}

/** `n` and its noun, agreed: count('fr', 0, 'réponse', 'réponses') → "0 réponse". */
export function count(lang: Lang, n: number, one: string, many: string): string {
  return `${n} ${singular(lang, n) ? one : many}`;
}

/** Points in full ("1 point", "2 points"), with a sign when asked ("+5 points", "-3 points"). */
export function pointsText(lang: Lang, n: number, signed = false): string {
  const word = singular(lang, n) ? 'point' : 'points';
  return `${signed && n > 0 ? '+' : ''}${n} ${word}`;
}

/** Points abbreviated, for boards ("1 pt", "5 pts"). */
export function pts(lang: Lang, n: number): string {
  return `${n} ${singular(lang, n) ? 'pt' : 'pts'}`;
}

/** "3 answers" / "1 réponse". */
export function answersText(lang: Lang, n: number): string {
  return lang === 'fr' ? count(lang, n, 'réponse', 'réponses') : count(lang, n, 'answer', 'answers');
}

/** "4 members" / "1 membre". */
export function membersText(lang: Lang, n: number): string {
  return lang === 'fr' ? count(lang, n, 'membre', 'membres') : count(lang, n, 'member', 'members');
}
