// Signs that a channel message talks ABOUT a support situation rather than living one: it is over
// ("c'est réglé", "back up"), planned ("maintenance samedi"), in the past ("la semaine passée"), or a
// report/training/reminder. Channel listening stays silent on those. Phrases are folded word sequences.
const OVER = [
  'regle', 'reglee', 'regles', 'resolu', 'resolue', 'retabli', 'retablie', 'revenu', 'revenue', 'fonctionne de nouveau',
  'tout est beau', 'c est beau', 'ca marche maintenant', 'marche maintenant', 'ferme l incident', 'ferme le ticket', 'fermer l incident',
  'fixed', 'resolved', 'restored', 'back up', 'back online', 'is back', 'are back', 'all good', 'working again', 'works again',
  'closed the', 'i closed', 'j ai ferme', 'stable depuis', 'stable since', 'sorted', 'no longer',
  'approuve', 'approuvee', 'accepte', 'acceptee', 'approved', 'granted', 'sans erreur', 'sans probleme', 'avec succes',
  'without error', 'without errors', 'no errors', 'successfully',
];
const PAST_OR_PLANNED = [
  'hier', 'la semaine passee', 'la semaine derniere', 'le mois passe', 'le mois dernier', 'l an passe', 'l annee passee',
  'yesterday', 'last week', 'last month', 'last year', 'last night',
  'maintenance', 'planifie', 'planifiee', 'prevu', 'prevue', 'cedule', 'cedulee', 'scheduled', 'planned',
  'demain', 'tomorrow', 'next week', 'la semaine prochaine', 'reminder', 'rappel',
  'post mortem', 'postmortem', 'rapport de l incident', 'incident report', 'outage report', 'rapport d incident',
  'formation', 'training', 'exercice', 'drill', 'dr test', 'serveur de test', 'environnement de test', 'test server', 'staging',
  'groupe pilote', 'pilot group', 'ce soir', 'cet aprem', 'cet apres midi', 'tonight', 'this afternoon', 'later today',
];

const compile = (phrases: string[]) => phrases.map((p) => ` ${p} `);
const OVER_PHRASES = compile(OVER);
const PAST_PHRASES = compile(PAST_OR_PLANNED);

/** Why a message is not a live situation, or null when nothing says so. */
export function liveSituationBlocker(foldedWords: string[]): string | null {
  const padded = ` ${foldedWords.join(' ')} `;
  const over = OVER_PHRASES.find((p) => padded.includes(p));
  if (over) return `already over ("${over.trim()}")`;
  const past = PAST_PHRASES.find((p) => padded.includes(p));
  if (past) return `past, planned or only discussed ("${past.trim()}")`;
  return null;
}
