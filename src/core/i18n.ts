// Everything the coach says that is not content, in both languages.
import type { Lang } from '../content/model.js';
import { sc } from './scenario-choice-strings.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    indexHeading: 'Playbooks',
    indexIntro: 'Tapez /playbook suivi d’un sujet ou décrivez la situation en quelques mots.',
    indexFootnote: 'Exemples : /playbook panne · /playbook client fâché · /playbook trop de tickets',
    didYouMean: 'Je ne suis pas certain de la situation. Vouliez-vous dire :',
    noMatch: 'Je n’ai pas trouvé de playbook pour « {query} ». Voici ceux que je connais :',
    helpHeading: 'Support Coach : aide',
    helpCommands: [
      '/playbook : la liste des playbooks',
      '/playbook SUJET : le playbook d’une situation (ex. /playbook panne, /playbook le serveur de fichiers est tombé)',
      '/coach review BROUILLON : je révise votre réponse à un utilisateur (quoi garder, ajouter, corriger), en privé',
      '/coach lang fr|en : choisir la langue de mes réponses',
      '/coach help : cette aide',
    ],
    helpChallenges: [
      '/scenario : le défi du jour',
      '/answer N ou /answer VOTRE RÉPONSE : répondre au défi (une fois)',
      '/leaderboard : le classement du canal; /leaderboard all : celui des équipes',
      '/coach optout | optin : ne pas paraître (ou paraître) dans les classements publics',
      'Admins : /coach post, /coach reveal, /coach schedule [on|off|CRON [FUSEAU]], /coach pause|unpause AAAA-MM-JJ, /coach award @membre N raison, /coach listen on|off, /coach channel-lang fr|en|both',
    ],
    helpFootnote: 'Vous pouvez aussi simplement décrire la situation.',
    langSet: 'C’est noté : je vous répondrai en français.',
    langUsage: 'Utilisation : /coach lang fr ou /coach lang en.',
    unknownCommand: 'Je ne connais pas la commande « {command} ». Tapez /coach help pour voir ce que je sais faire.',
    unknownCoach: 'Je ne connais pas « /coach {sub} ». Tapez /coach help pour voir ce que je sais faire.',
    empty: 'Tapez /playbook pour la liste des playbooks, ou /coach help pour l’aide.',
    tooLong: 'Ce message est trop long ({length#caractère|caractères}; maximum {max}). Décrivez la situation en une ou deux phrases.',
    noWords: 'Je n’ai pas compris. Décrivez la situation en quelques mots, ou tapez /playbook pour la liste.',
    storeDown: 'Le coach n’arrive pas à joindre ses données en ce moment : rien n’a été enregistré pour cette demande. Réessayez dans un instant; si ça dure, prévenez la personne qui administre le coach.',
    confidence: 'Playbook « {id} » · confiance {confidence} %',
    extras: 'À copier',
  },
  en: {
    indexHeading: 'Playbooks',
    indexIntro: 'Type /playbook followed by a topic, or describe the situation in a few words.',
    indexFootnote: 'Examples: /playbook outage · /playbook angry user · /playbook too many tickets',
    didYouMean: 'I am not sure which situation this is. Did you mean:',
    noMatch: 'I found no playbook for “{query}”. These are the ones I know:',
    helpHeading: 'Support Coach: help',
    helpCommands: [
      '/playbook: the list of playbooks',
      '/playbook TOPIC: the playbook for a situation (e.g. /playbook outage, /playbook the file server is down)',
      '/coach review DRAFT: I review your reply to a user (what to keep, add, fix), privately',
      '/coach lang fr|en: choose the language I answer in',
      '/coach help: this help',
    ],
    helpChallenges: [
      '/scenario: today’s challenge',
      '/answer N or /answer YOUR ANSWER: answer the challenge (once)',
      '/leaderboard: this channel’s leaderboard; /leaderboard all: the teams’',
      '/coach optout | optin: leave (or rejoin) the public leaderboards',
      'Admins: /coach post, /coach reveal, /coach schedule [on|off|CRON [TIMEZONE]], /coach pause|unpause YYYY-MM-DD, /coach award @member N reason, /coach listen on|off, /coach channel-lang fr|en|both',
    ],
    helpFootnote: 'You can also just describe the situation.',
    langSet: 'Got it: I will answer you in English.',
    langUsage: 'Usage: /coach lang fr or /coach lang en.',
    unknownCommand: 'I don’t know the command “{command}”. Type /coach help to see what I can do.',
    unknownCoach: 'I don’t know “/coach {sub}”. Type /coach help to see what I can do.',
    empty: 'Type /playbook for the list of playbooks, or /coach help for help.',
    tooLong: 'That message is too long ({length#character|characters}; at most {max}). Describe the situation in a sentence or two.',
    noWords: 'I did not understand. Describe the situation in a few words, or type /playbook for the list.',
    storeDown: 'The coach cannot reach its data right now: nothing was recorded for this request. Try again in a moment; if it lasts, tell whoever runs the coach.',
    confidence: 'Playbook “{id}” · confidence {confidence}%',
    extras: 'Ready to copy',
  },
} as const;

export type StringKey = TextKey<(typeof STRINGS)['fr']>;

export const t = stringTable(STRINGS);

/** The keys of a string table's language whose values are plain strings (not lists nor plural forms). */
export type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/** Placeholder values of a string: `{name}` → text or number. */
export type FillVars = Record<string, string | number>;

/**
 * The lookup of a feature's string table `{ fr: {...}, en: {...} }` (both with the same text keys):
 * `(lang, key, vars)` → the string in `lang` with its placeholders filled by `fill` in that language
 * (so plurals and elision follow `lang`). One factory, so every table fills the same way.
 */
export function stringTable<T extends object>(strings: { readonly fr: T; readonly en: { readonly [K in TextKey<T>]: string } }) {
  return (lang: Lang, key: TextKey<T>, vars: FillVars = {}): string =>
    fill((strings as Record<Lang, Record<TextKey<T>, string>>)[lang][key], vars, lang);
}

/**
 * Replaces `{name}` placeholders, the French way:
 * - `{n#one|many}` is the number and its noun agreed in `lang` ("0 point", "1 point", "2 points" in French,
 *   where 0 and 1 take the singular; "0 points", "1 point" in English);
 * - "que", "de", "le", "la", "jusque", "lorsque", "puisque" before a placeholder whose value starts with a
 *   vowel are elided ("en tant que {name}" with alice → "en tant qu’alice"). English templates never have
 *   these words before a placeholder, so this needs no language.
 * A value ending with a full stop before the template's own ("on {when}." with "8:00 a.m.") gives one.
 * A missing variable stays as `{name}` so a forgotten one shows in tests.
 */
export function fill(template: string, vars: Record<string, string | number>, lang: Lang = 'en'): string {
  return template.replace(PLACEHOLDER, (match: string, before: string | undefined, name: string, one: string | undefined, many: string | undefined, offset: number) => {
    const value = vars[name];
    if (value === undefined || value === null) return `${before ?? ''}{${name}}`;
    let text = one === undefined ? String(value) : `${value} ${singularIn(lang, Number(value)) ? one : many}`;
    // A value that ends a sentence with its own full stop ("08:00 a.m.") takes the template's.
    if (text.endsWith('.') && template[offset + match.length] === '.') text = text.slice(0, -1);
    return before && ELIDES_BEFORE.test(text) ? `${before.slice(0, -2)}’${text}` : `${before ?? ''}${text}`;
  });
}

/** A placeholder, with the French word before it that may be elided (word + space) and its noun forms. */
const PLACEHOLDER = /(?<!\p{L})((?:[Jj]usque|[Ll]orsque|[Pp]uisque|[Qq]ue|[Dd]e|[Ll]e|[Ll]a) )?\{(\w+)(?:#([^|}]*)\|([^}]*))?\}/gu;
/** Vowels that elide the word before (not h nor y, whose elision depends on the word). */
const ELIDES_BEFORE = /^[aeiouàâäéèêëîïôöùûüæœ]/iu;

/** Whether `n` takes the singular: French for |n| < 2 (0, 1), English for exactly ±1. */
function singularIn(lang: Lang, n: number): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
}

/** Help lines of features with their own string tables (issue 16). */
function featureHelpLines(lang: Lang): string[] {
  return [sc(lang, 'helpLine')];
}

export function helpLines(lang: Lang, withChallenges: boolean): readonly string[] {
  return withChallenges ? [...STRINGS[lang].helpCommands, ...STRINGS[lang].helpChallenges, ...featureHelpLines(lang)] : STRINGS[lang].helpCommands;
}
