// What `/coach privacy` and `/coach forget` say (issue 16, item 5), in both languages.
import type { Lang } from '../content/model.js';
import { fill } from './i18n.js';

const STRINGS = {
  fr: {
    privacyHeading: 'Ce que le coach garde à votre sujet',
    nameKept: 'Votre nom affiché : « {name} » (pour les classements; mis à jour quand vous écrivez).',
    nameNone: 'Aucun nom affiché.',
    langKept: 'Votre langue : {lang} (choisie avec /coach lang).',
    langNone: 'Aucune langue choisie.',
    optOutKept: 'Vous n’apparaissez pas dans les classements publics (/coach optin pour y revenir).',
    targetKept: 'De quoi vous écrire en privé (l’adresse de votre conversation avec le coach sur la plateforme).',
    answersKept: 'Vos réponses aux défis : {answers}, sur les {keep} derniers défis de chaque canal (le choix et la note; une réponse dans vos mots est notée puis jetée, le texte n’est jamais gardé). Les défis plus anciens ne gardent que des totaux sans nom.',
    totalsKept: 'Vos points : {points} dans {channels}, avec votre série.',
    logKept: 'L’historique des points : {entries} (quand, combien, pourquoi), gardé tant que le coach sert votre équipe, pour que les totaux restent justes.',
    nothingKept: 'Le coach ne garde rien à votre sujet pour l’instant.',
    backupsKept: 'Où : le fichier de données du coach et son historique des points, sur le serveur de votre équipe; des copies de sauvegarde quotidiennes sont gardées {days} jours.',
    backupsNone: 'Où : le fichier de données du coach et son historique des points, sur le serveur de votre équipe (sans copie de sauvegarde ici).',
    howToErase: 'Pour tout effacer (Loi 25) : demandez à un admin /coach forget @vous. Votre nom, votre langue, vos réponses et vos totaux sont supprimés; vos points restent à l’équipe sous un pseudonyme que rien ne relie à vous.',
    answersOne: '1 réponse',
    answersMany: '{n} réponses',
    answersZero: 'aucune',
    channelsOne: '1 canal',
    channelsMany: '{n} canaux',
    pointsOne: '{n} point',
    pointsMany: '{n} points',
    entriesOne: '1 ligne',
    entriesMany: '{n} lignes',
    forgetUsage: 'Utilisation : /coach forget @membre, puis /coach forget @membre confirm pour confirmer.',
    forgetUnknown: 'Le coach ne garde rien sur « {who} » dans cet espace : rien à effacer.',
    forgetPreview: 'Effacer {who}? Seront supprimés : {what}. Ses points restent à l’équipe sous un pseudonyme. C’est irréversible : confirmez avec /coach forget @{id} confirm.',
    forgetButton: 'Confirmer : effacer {who}',
    forgetDone: 'Membre effacé : {who}. Ce qui a été supprimé : {what}. Ses points ({points}) restent à l’équipe sous le pseudonyme {pseudonym}. Les sauvegardes plus anciennes que celle d’aujourd’hui disparaissent après {days} jours.',
    whatEntry: 'sa fiche (nom, langue, préférences)',
    whatAnswers: '{answers} aux défis',
    whatTotals: 'ses totaux dans {channels}',
    whatIncidents: 'son nom dans {incidents}',
    whatLog: 'l’historique des points réécrit avec un pseudonyme ({entries})',
    incidentsOne: '1 incident',
    incidentsMany: '{n} incidents',
    notAdmin: 'Seul un admin peut effacer un membre (/coach forget). Pour savoir ce que le coach garde à votre sujet : /coach privacy.',
    rehearsal: 'Dans la salle de répétition, rien n’est effacé : /coach forget agit sur les vraies données, hors répétition.',
    helpPrivacy: '/coach privacy : ce que le coach garde à votre sujet, combien de temps, et comment l’effacer',
    helpForget: '/coach forget @membre : effacer un membre (admin, avec confirmation)',
    someone: 'ce membre',
  },
  en: {
    privacyHeading: 'What the coach keeps about you',
    nameKept: 'Your display name: “{name}” (for leaderboards; updated when you write).',
    nameNone: 'No display name.',
    langKept: 'Your language: {lang} (chosen with /coach lang).',
    langNone: 'No language chosen.',
    optOutKept: 'You are left out of public leaderboards (/coach optin to rejoin).',
    targetKept: 'How to write to you privately (the address of your chat with the coach on the platform).',
    answersKept: 'Your challenge answers: {answers}, on the last {keep} challenges of each channel (the choice and the grade; an answer in your own words is graded then dropped, its text never kept). Older challenges keep only totals without names.',
    totalsKept: 'Your points: {points} in {channels}, with your streak.',
    logKept: 'The points history: {entries} (when, how many, why), kept as long as the coach serves your team, so totals stay right.',
    nothingKept: 'The coach keeps nothing about you yet.',
    backupsKept: 'Where: the coach’s data file and its points history, on your team’s server; daily backup copies are kept {days} days.',
    backupsNone: 'Where: the coach’s data file and its points history, on your team’s server (no backup copies here).',
    howToErase: 'To erase it all (Quebec’s Law 25): ask an admin for /coach forget @you. Your name, language, answers and totals are removed; your points stay with the team under a pseudonym linked to nobody.',
    answersOne: '1 answer',
    answersMany: '{n} answers',
    answersZero: 'none',
    channelsOne: '1 channel',
    channelsMany: '{n} channels',
    pointsOne: '{n} point',
    pointsMany: '{n} points',
    entriesOne: '1 line',
    entriesMany: '{n} lines',
    forgetUsage: 'Usage: /coach forget @member, then /coach forget @member confirm to confirm.',
    forgetUnknown: 'The coach keeps nothing about “{who}” in this workspace: nothing to erase.',
    forgetPreview: 'Forget {who}? To be removed: {what}. Their points stay with the team under a pseudonym. This cannot be undone: confirm with /coach forget @{id} confirm.',
    forgetButton: 'Confirm: forget {who}',
    forgetDone: 'Member forgotten: {who}. Removed: {what}. Their points ({points}) stay with the team under the pseudonym {pseudonym}. Backups older than today’s go after {days} days.',
    whatEntry: 'their entry (name, language, preferences)',
    whatAnswers: '{answers} to challenges',
    whatTotals: 'their totals in {channels}',
    whatIncidents: 'their name in {incidents}',
    whatLog: 'the points history rewritten with a pseudonym ({entries})',
    incidentsOne: '1 incident',
    incidentsMany: '{n} incidents',
    notAdmin: 'Only an admin can forget a member (/coach forget). To see what the coach keeps about you: /coach privacy.',
    rehearsal: 'Nothing is erased in the rehearsal room: /coach forget works on the real data, outside a rehearsal.',
    helpPrivacy: '/coach privacy: what the coach keeps about you, for how long, and how to erase it',
    helpForget: '/coach forget @member: erase a member (admin, with a confirmation)',
    someone: 'this member',
  },
} as const;

export type PrivacyKey = keyof typeof STRINGS.fr;

/** A privacy string, its `{name}` placeholders filled. */
export function pv(lang: Lang, key: PrivacyKey, vars: Record<string, string | number> = {}): string {
  return fill(STRINGS[lang][key], vars);
}

/** `count` with the singular or plural form of a pair (`answersOne`/`answersMany`…); 0 and 1 are singular in French. */
export function pvCount(lang: Lang, count: number, one: PrivacyKey, many: PrivacyKey): string {
  const singular = lang === 'fr' ? count < 2 : count === 1;
  return pv(lang, singular ? one : many, { n: count });
}
