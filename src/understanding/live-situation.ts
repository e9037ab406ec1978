// Signs that a channel message talks ABOUT a support situation rather than living one: it is over
// ("c'est réglé", "back up"), planned ("maintenance samedi"), in the past ("la semaine passée"), or a
// report/training/reminder/documentation, or thanks the team after the fact. Channel listening stays
// silent on those. Phrases are folded word sequences. A marker right after a negation ("pas réglé",
// "wasn't approved", "not fixed yet") or right before one ("ça marche pas maintenant") says the opposite
// and does not count, nor does one followed by a turn ("migré hier, mais depuis personne a accès"), nor a
// past moment that starts something still going on ("depuis hier", "since last night").
const OVER = [
  'regle', 'reglee', 'regles', 'resolu', 'resolue', 'retabli', 'retablie', 'revenu', 'revenue', 'fonctionne de nouveau',
  'tout est beau', 'c est beau', 'ca marche maintenant', 'marche maintenant', 'ferme l incident', 'ferme le ticket', 'fermer l incident',
  'fixed', 'resolved', 'restored', 'back up', 'back online', 'is back', 'are back', 'all good', 'working again', 'works again',
  'closed the', 'i closed', 'j ai ferme', 'stable depuis', 'stable since', 'sorted', 'no longer',
  'approuve', 'approuvee', 'accepte', 'acceptee', 'approved', 'granted', 'sans erreur', 'sans probleme', 'avec succes',
  'without error', 'without errors', 'no errors', 'successfully',
  // Finished work, closed tickets, a service that answers again.
  'termine', 'terminee', 'termines', 'terminees', 'j ai fini', 'on a fini', 'c est fini', 'est complete', 'completee',
  'is done', 'are done', 'all done', 'was done', 'completed', 'finished', 'is complete', 'are complete', 'patched',
  'finally', 'finalement', 'got approval', 'got the approval', 'green light', 'feu vert', 'eu l autorisation', 'eu l approbation',
  'fine now', 'ok now', 'okay now', 'good now', 'better now', 'correct maintenant', 'mieux maintenant', 'calme maintenant',
  'calmed down', 's est calme', 's est calmee', 'went well', 'went smoothly', 'went fine',
  's est bien passe', 's est bien passee', 'bien passe', 'bien deroule', 'renouvele', 'renouvelee', 'renewed',
  'est ferme', 'est fermee', 'sont fermes', 'a ete ferme', 'is closed', 'are closed', 'was closed', 'got closed',
  'remarche', 'remarchent', 'refonctionne', 'fonctionne a nouveau', 'marche a nouveau', 'est de retour', 'sont de retour', 'retour a la normale',
  'up and running', 'back to normal', 'running again', 'online again', 'correctement',
  'tout fonctionne', 'tout marche', 'everything works', 'everything is working', 'all working', 'est vide', 'sont vides', 'is empty', 'are empty',
  'remplace', 'remplacee', 'replaced', 'migre', 'migree', 'migrated',
  // Thanks and praise once it is over.
  'bravo', 'beau travail', 'bon travail', 'bonne job', 'great job', 'good job', 'nice work', 'good work', 'well done', 'kudos',
  'merci a tous', 'merci tout le monde', 'thanks all', 'thanks everyone', 'thank you all', 'thanks team',
  'thanks for the help', 'thank you for the help', 'for your help', 'for helping', 'pour le coup de main', 'pour l aide', 'pour ton aide', 'pour votre aide',
  'is over', 'are over', 'belle semaine', 'bonne semaine', 'good week', 'great week',
];
const PAST_OR_PLANNED = [
  'hier', 'la semaine passee', 'la semaine derniere', 'le mois passe', 'le mois dernier', 'l an passe', 'l annee passee',
  'yesterday', 'last week', 'last month', 'last year', 'last night',
  'de ce matin', 'de tantot', 'from this morning', 'from earlier', 'earlier today',
  'maintenance', 'planifie', 'planifiee', 'prevu', 'prevue', 'cedule', 'cedulee', 'scheduled', 'planned',
  'demain', 'tomorrow', 'next week', 'la semaine prochaine', 'reminder', 'rappel',
  'post mortem', 'postmortem', 'rapport de l incident', 'incident report', 'outage report', 'rapport d incident',
  'formation', 'training', 'exercice', 'drill', 'dr test', 'serveur de test', 'environnement de test', 'test server', 'staging',
  'groupe pilote', 'pilot group', 'ce soir', 'cet aprem', 'cet apres midi', 'tonight', 'this afternoon', 'later today',
  // Later still, or going live on a date.
  'le mois prochain', 'next month', 'l an prochain', 'l annee prochaine', 'next year', 'en vigueur', 'goes live', 'go live', 'went live',
  'test de releve', 'dans le lab', 'in the lab', 'au lab',
  // A date: announcements and reminders carry one, a live problem says "since" ("depuis mars").
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
  'january', 'february', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  // Reports, statistics, documentation, courses, news: talking about situations, not living one.
  'mensuel', 'mensuelle', 'monthly', 'hebdomadaire', 'weekly', 'trimestre', 'trimestriel', 'quarterly', 'annuel', 'annual',
  'report on', 'report about', 'rapport sur', 'planning', 'planifier', 'on prevoit', 'we plan', 'plan to',
  'statistiques', 'stats', 'metrics', 'kpi', 'disponibilite', 'uptime',
  'procedure', 'procedures', 'wiki', 'kb', 'base de connaissances', 'documentation', 'documente', 'documentee', 'documented', 'documenter',
  'article', 'news', 'atelier', 'workshop', 'webinaire', 'webinar', 'a la reunion', 'at the meeting',
  // Asking for information, not for help with a situation.
  'est ce qu on a', 'do we have', 'quelqu un sait', 'anyone know', 'does anyone know', 'quelqu un connait',
];

/** Before a date or a past moment, these make it the start of something still going on ("depuis hier"). */
const SINCE = new Set(['depuis', 'since']);
const NEGATIONS = new Set([
  'pas', 'pu', 'plus', 'jamais', 'non', 'aucun', 'aucune', 'rien',
  'not', 'never', 'no', 'nor', 't', 'isn', 'wasn', 'aren', 'weren', 'didn', 'doesn', 'don', 'hasn', 'haven', 'hadn', 'couldn', 'wouldn', 'won', 'cannot', 'yet',
]);
/** After a marker, these bring the message back to now: "migré hier mais depuis…", "replaced it and now…". */
const CONTRASTS = [
  ['mais', 'depuis'], ['mais', 'maintenant'], ['mais', 'la'], ['pis', 'la'], ['et', 'la'], ['depuis', 'ce', 'temps'],
  ['but', 'now'], ['but', 'since'], ['and', 'now'], ['since', 'then'],
];
/** How many words before a marker a negation still applies to it ("a pas encore été réglé"). */
const NEGATION_REACH = 3;

/** Phrases by their first word, so a message is read once whatever the number of phrases. */
function compile(phrases: string[]): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  for (const p of phrases) {
    const parts = p.split(' ');
    byFirst.set(parts[0]!, [...(byFirst.get(parts[0]!) ?? []), parts]);
  }
  return byFirst;
}
const OVER_PHRASES = compile(OVER);
const PAST_PHRASES = compile(PAST_OR_PLANNED);

function contrastAfter(ws: string[], from: number): boolean {
  for (let i = from; i < ws.length; i++) if (CONTRASTS.some((c) => c.every((w, k) => ws[i + k] === w))) return true;
  return false;
}

function findUnnegated(ws: string[], phrases: Map<string, string[][]>, sinceApplies: boolean): string | null {
  for (let i = 0; i < ws.length; i++) {
    for (const phrase of phrases.get(ws[i]!) ?? []) {
      if (!phrase.every((p, k) => ws[i + k] === p)) continue;
      const after = ws[i + phrase.length];
      let negated = after !== undefined && after !== 'no' && after !== 't' && NEGATIONS.has(after);
      for (let k = Math.max(0, i - NEGATION_REACH); k < i && !negated; k++) negated = NEGATIONS.has(ws[k]!);
      const since = sinceApplies && ws.slice(Math.max(0, i - NEGATION_REACH), i).some((w) => SINCE.has(w));
      if (!negated && !since && !contrastAfter(ws, i + phrase.length)) return phrase.join(' ');
    }
  }
  return null;
}

/** Why a message is not a live situation, or null when nothing says so. */
export function liveSituationBlocker(foldedWords: string[]): string | null {
  const over = findUnnegated(foldedWords, OVER_PHRASES, false);
  if (over) return `already over ("${over}")`;
  const past = findUnnegated(foldedWords, PAST_PHRASES, true);
  if (past) return `past, planned or only discussed ("${past}")`;
  return null;
}
