// Everything the review says that is not content, in both languages.
import type { Lang } from '../content/model.js';
import { fill } from '../core/i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    heading: 'Révision de votre brouillon · {situation}',
    score: 'Note : {score}/10',
    present: 'Présent : {list}',
    missing: 'À ajouter : {list}',
    violations: 'À corriger : {list}',
    none: 'rien',
    toFix: 'À corriger',
    toAdd: 'À ajouter',
    toKeep: 'À garder',
    violationLine: '{name} : « {phrase} »',
    rewriteLine: 'Écrivez plutôt : « {suggestion} »',
    missingLine: '{name} : {where} « {phrase} »',
    addLine: 'Ajoutez : « {suggestion} »',
    after: 'après',
    before: 'avant',
    presentLine: '{name} : « {phrase} »',
    keep: 'Gardez cette phrase : {why}',
    footnote: 'Votre brouillon n’est ni conservé ni transmis : seule cette révision vous est envoyée.',
    askSituation: 'À quelle situation répond ce brouillon? Je ne suis pas certain.',
    otherSituation: 'Pas la bonne situation? Révisez-le plutôt comme :',
    askFootnote: 'Vous pouvez aussi l’indiquer : /coach review --situation {ids} VOTRE BROUILLON',
    askTooLong: 'À quelle situation répond ce brouillon? Il est trop long pour des boutons : renvoyez-le avec la situation, par exemple /coach review --situation {example} VOTRE BROUILLON (situations : {ids}).',
    usage: 'Utilisation : /coach review VOTRE BROUILLON, ou /coach review --situation {ids} VOTRE BROUILLON. Je vous dis ce qui est à garder, à ajouter et à corriger, phrase par phrase.',
    unknownSituation: 'Je ne connais pas la situation « {situation} ». Situations : {ids}.',
    draftTooLong: 'Ce brouillon est trop long ({length#caractère|caractères}; maximum {max}). Révisez-le en deux parties.',
    noWords: 'Je ne trouve pas de texte à réviser dans ce brouillon.',
    unavailable: 'La révision de brouillons n’est pas disponible : le contenu n’a pas de grille de révision (content/reviews/).',
  },
  en: {
    heading: 'Review of your draft · {situation}',
    score: 'Score: {score}/10',
    present: 'Present: {list}',
    missing: 'To add: {list}',
    violations: 'To fix: {list}',
    none: 'none',
    toFix: 'To fix',
    toAdd: 'To add',
    toKeep: 'To keep',
    violationLine: '{name}: “{phrase}”',
    rewriteLine: 'Write instead: “{suggestion}”',
    missingLine: '{name}: {where} “{phrase}”',
    addLine: 'Add: “{suggestion}”',
    after: 'after',
    before: 'before',
    presentLine: '{name}: “{phrase}”',
    keep: 'Keep this sentence: {why}',
    footnote: 'Your draft is neither kept nor passed on: only this review is sent, to you.',
    askSituation: 'Which situation does this draft answer? I am not sure.',
    otherSituation: 'Not the right situation? Review it as:',
    askFootnote: 'You can also say it: /coach review --situation {ids} YOUR DRAFT',
    askTooLong: 'Which situation does this draft answer? It is too long for buttons: send it again with the situation, e.g. /coach review --situation {example} YOUR DRAFT (situations: {ids}).',
    usage: 'Usage: /coach review YOUR DRAFT, or /coach review --situation {ids} YOUR DRAFT. I tell you what to keep, add and fix, phrase by phrase.',
    unknownSituation: 'I don’t know the situation “{situation}”. Situations: {ids}.',
    draftTooLong: 'This draft is too long ({length#character|characters}; at most {max}). Review it in two parts.',
    noWords: 'I find no text to review in this draft.',
    unavailable: 'Draft reviews are not available: the content has no review grid (content/reviews/).',
  },
} as const;

export type ReviewStringKey = keyof (typeof STRINGS)['fr'];

export function tr(lang: Lang, key: ReviewStringKey, vars: Record<string, string | number> = {}): string {
  return fill(STRINGS[lang][key], vars, lang);
}
