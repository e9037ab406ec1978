// Word classes for the review's classifiers: small lexicons, French and English in one class, of the
// words that carry a violation's meaning whatever the phrasing (who is blamed, a reminder that "it was
// announced", certainty about a time, talk about the person's tone or ability, a template's vocabulary).
//
// Why: the classifiers learn from a few hundred labelled drafts; a sentence whose exact words they never
// saw ("That's on the finance team", "Netops messed up the push") gives them nothing, while its classes
// (a third party + a fault) and the pair of them are shared with the drafts they did see, in both
// languages. Words are matched folded (no accents, lower case), as the tokenizer gives them, or by stem.
import type { Token } from '../grading/text.js';

/** Class name → folded words and stems of that class (source: the course's situations, our drafts). */
const CLASSES: Record<string, readonly string[]> = {
  // The person addressed.
  you: ['you', 'your', 'yours', 'yourself', 'vous', 'tu', 'toi', 'ton', 'ta', 'tes', 'votre', 'vos', 't'],
  // Someone else than the writer and the person: a team, a colleague, a vendor.
  third: ['team', 'colleague', 'coworker', 'co-worker', 'vendor', 'supplier', 'provider', 'contractor', 'manager', 'accounting', 'finance', 'marketing', 'facilities', 'netops', 'someone', 'somebody', 'they',
    'equipe', 'collegue', 'fournisseur', 'sous-traitant', 'soustraitant', 'gestionnaire', 'comptabilite', 'compta', 'patron', 'quelqu', 'ils', 'hebergeur', 'entrepreneur'],
  // A fault, a mistake, an action gone wrong.
  fault: ['fault', 'blame', 'blamed', 'culprit', 'mistake', 'error', 'screwed', 'messed', 'broke', 'broken', 'forgot', 'ignored', 'careless', 'wrong',
    'faute', 'blamer', 'blame', 'coupable', 'erreur', 'brise', 'casse', 'oublie', 'ignore', 'gaffe', 'trompe', 'mauvais', 'mauvaise', 'debranche', 'unplugged'],
  // What could have been: "if you had", "should have", "aurait dû".
  counterfactual: ['had', 'should', 'shouldn', 'would', 'aurait', 'auriez', 'aurais', 'auraient', 'avais', 'aviez', 'avait', 'actually'],
  // It was said before: a reminder.
  already: ['already', 'again', 'twice', 'times', 'record', 'remind', 'reminder', 'deja', 'encore', 'fois', 'rappelle', 'rappel', 'rappeler', 'previous', 'precedent'],
  // It was announced, sent, explained.
  informed: ['announced', 'informed', 'notified', 'warned', 'told', 'explained', 'sent', 'communicated', 'newsletter', 'notice', 'memo', 'intranet',
    'annonce', 'informe', 'avise', 'prevenu', 'dit', 'explique', 'envoye', 'communique', 'infolettre', 'avis', 'note'],
  // A rule, a process.
  policy: ['policy', 'procedure', 'process', 'rule', 'rules', 'standard', 'directive', 'criteria', 'agreement', 'sla', 'guide', 'instructions', 'designed',
    'politique', 'procedure', 'processus', 'regle', 'regles', 'norme', 'criteres', 'entente', 'consignes', 'conforme'],
  // Certainty about the future.
  certain: ['guaranteed', 'guarantee', 'promise', 'promised', 'definitely', 'absolutely', 'certainly', 'surely', 'sure', 'tops', 'swear',
    'garanti', 'garantis', 'garantie', 'promis', 'promets', 'absolument', 'certain', 'certainement', 'assurement', 'jure', 'parole'],
  // Doubt, which a good outage message keeps.
  hedge: ['should', 'probably', 'likely', 'hope', 'expect', 'estimate', 'around', 'roughly', 'devrait', 'probablement', 'espere', 'estimons', 'prevu', 'vers', 'environ', 'normalement'],
  // The person's tone.
  tone: ['tone', 'attitude', 'shout', 'shouting', 'yell', 'yelling', 'caps', 'capitals', 'calm', 'relax', 'rude', 'respect', 'polite', 'whining', 'kidding', 'seriously',
    'crier', 'hurler', 'majuscules', 'calme', 'calmez', 'relaxe', 'impoli', 'poli', 'chialer', 'niaiser', 'niaisez', 'respirez', 'respire'],
  // The person's ability.
  ability: ['capable', 'incapable', 'unable', 'able', 'hard', 'difficult', 'simple', 'easy', 'basic', 'complicated', 'read', 'reading', 'follow', 'child',
    'difficile', 'complique', 'facile', 'lire', 'lisez', 'lis', 'suivre', 'misere', 'enfant', 'sorcier'],
  // Apology words (with ability or tone words: a sarcastic "sorry").
  sorry: ['sorry', 'apologize', 'apologise', 'apologies', 'desole', 'desolee', 'excuse', 'excuses', 'regrette'],
  // A refusal.
  refuse: ['no', 'non', 'denied', 'refused', 'rejected', 'declined', 'nope', 'impossible', 'refuse', 'refusee', 'rejete', 'rejetee', 'jamais', 'never'],
  // A template's words: the request as an object in a process.
  template: ['request', 'requests', 'ticket', 'received', 'receipt', 'processed', 'handled', 'queue', 'priority', 'priorities', 'automatic', 'automated', 'automatically', 'reply', 'agent', 'technician', 'available', 'order', 'understanding',
    'demande', 'requete', 'billet', 'recu', 'reception', 'traitee', 'traite', 'priorite', 'priorites', 'automatique', 'automatiquement', 'repondre', 'agent', 'technicien', 'disponible', 'ordre', 'comprehension'],
  // The writer's own constraints: "we're only two", "I'm doing my best".
  constraint: ['only', 'busy', 'understaffed', 'swamped', 'best', 'magician', 'miracles', 'seulement', 'juste', 'possible', 'mieux', 'magicien'],
};

/**
 * The classes that carry a violation's meaning by themselves; the others (who is addressed, a third
 * party, an apology word, a constraint, a hedge) only pair with one of these: "you" with "finance" is a
 * workaround ("email your receipts and finance will key them in"), "you" with a fault is blame.
 */
export const MEANING: ReadonlySet<string> = new Set(['fault', 'counterfactual', 'already', 'informed', 'policy', 'certain', 'tone', 'ability', 'refuse', 'template']);

const BY_WORD = new Map<string, string[]>();
for (const [name, words] of Object.entries(CLASSES)) {
  for (const w of words) {
    const list = BY_WORD.get(w);
    if (!list) BY_WORD.set(w, [name]);
    else if (!list.includes(name)) list.push(name);
  }
}

/** The classes of a sentence's tokens, each once, in a fixed order (for pair features). */
export function wordClasses(tokens: readonly Token[]): string[] {
  const found = new Set<string>();
  for (const t of tokens) {
    for (const c of BY_WORD.get(t.word) ?? NONE) found.add(c);
    for (const s of t.stems) for (const c of BY_WORD.get(s) ?? NONE) found.add(c);
  }
  return [...found].sort();
}

const NONE: string[] = [];
