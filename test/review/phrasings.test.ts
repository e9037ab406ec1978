// The kinds of faults session 4 fixed, through the CLI's JSON contract as a user runs it (`coach review
// --jsonl`, one process for every draft): a sarcastic apology is no apology, politeness over a reminder
// is defensive, owning a mistake is neither defensive nor blame, counterfactual blame, a template that
// says "thank you", curt one-liners, template wait notices, certainty about a time; and their look-alikes
// in good replies, which must stay clean. FR (Quebec French included) and EN side by side.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { layoutOf } from '../../src/review/layout.js';
import { sentenceFeatures } from '../../src/review/features.js';
import { wordClasses } from '../../src/review/word-classes.js';
import { goodPhrasings } from '../../src/review/train.js';
import { coach, root } from '../helpers.js';

interface Out {
  situation: string;
  score: number;
  present: string[];
  missing: string[];
  violations: string[];
  remarks: { id: string; kind: string; phrase: string; suggestion: string }[];
}

interface Case {
  situation: string;
  lang: 'fr' | 'en';
  draft: string;
  violations: string[];
  /** Principles that must be missing (a voided apology, a cancelled empathy). */
  missing?: string[];
  /** Principles that must be present (the "thank you" of a template is still a thanks). */
  present?: string[];
  /** The phrase the first violation remark must quote. */
  phrase?: string;
}

const CASES: Case[] = [
  // A sarcastic "sorry" is no apology, and it is mirroring the person's tone.
  { situation: 'angry-user', lang: 'fr', draft: "Bonjour Kevin,\nDésolé que tu sois pas capable de suivre une procédure de trois lignes. J'ai réinitialisé ton mot de passe.", violations: ['reciprocating'], missing: ['apology'], phrase: 'Désolé que tu sois pas capable de suivre une procédure de trois lignes.' },
  { situation: 'angry-user', lang: 'en', draft: "Hi Kevin,\nI'm sorry you find it so hard to follow simple instructions. I've reset your password.", violations: ['reciprocating'], missing: ['apology'], phrase: "I'm sorry you find it so hard to follow simple instructions." },
  // Politeness that hides defensiveness: the reminder is defensive and voids the empathy in front of it.
  { situation: 'angry-user', lang: 'fr', draft: "Bonjour Mme Roy,\nJe comprends votre frustration, toutefois je vous rappelle que la maintenance avait été annoncée lundi. J'ai rétabli votre session.\nBonne journée", violations: ['defensive'], missing: ['empathy'] },
  { situation: 'angry-user', lang: 'en', draft: 'Hi Greg,\nI hear you, however for the record we sent the maintenance notice on Monday. Your session is back.\nHave a good day', violations: ['defensive'], missing: ['empathy'] },
  // Owning a mistake is the opposite of being defensive or blaming.
  { situation: 'angry-user', lang: 'fr', draft: "Bonjour Rémi,\nVous avez raison, on aurait dû vous prévenir avant la mise à jour. Désolé. J'ai remis votre ancienne version. Est-ce que tout fonctionne?\nBonne journée!", violations: [], present: ['apology'] },
  { situation: 'angry-user', lang: 'en', draft: "Hi Rachel,\nYou're right, we should have warned you before the update. I'm sorry. I've put back your previous version. Does everything work now?\nHave a good day!", violations: [], present: ['apology'] },
  // Blame by what should have been, or by "this is what happens when…".
  { situation: 'angry-user', lang: 'fr', draft: "Bonjour,\nVotre gestionnaire aurait dû demander votre accès avant votre arrivée. Je l'ai créé ce matin.", violations: ['blame'], phrase: 'Votre gestionnaire aurait dû demander votre accès avant votre arrivée.' },
  { situation: 'angry-user', lang: 'en', draft: "Hi,\nThis is what happens when people install random browser extensions. I've removed them.", violations: ['blame'], phrase: 'This is what happens when people install random browser extensions.' },
  // A canned template that says "thank you": the thanks counts, the template is still canned.
  { situation: 'change-refused', lang: 'en', draft: 'Dear User,\nThank you for your submission. Unfortunately, your request does not meet the eligibility criteria. We appreciate your understanding.', violations: ['canned'], present: ['thanks'] },
  { situation: 'change-refused', lang: 'fr', draft: 'Bonjour,\nMerci pour votre requête. Nous sommes au regret de vous informer que celle-ci ne répond pas aux critères établis. Merci de votre compréhension.', violations: ['canned'], present: ['thanks'] },
  // Curt one-liners (Quebec French included).
  { situation: 'change-refused', lang: 'fr', draft: "Non, c'est non. Hors de question.", violations: ['curt'] },
  { situation: 'change-refused', lang: 'en', draft: "Out of the question. Don't ask again.", violations: ['curt'] },
  // A refusal with its reason and an alternative is not curt, even with "c'est non"; "can't buy that monitor" is no "not monitored" mailbox.
  { situation: 'change-refused', lang: 'fr', draft: "Bonjour Luc, merci pour la demande. Malheureusement, c'est non pour Photoshop : la licence coûte trop cher pour un usage ponctuel. Par contre, Photopea est gratuit et je peux vous le montrer.", violations: [] },
  { situation: 'change-refused', lang: 'en', draft: "Hi Raj, thank you for the request. We can't buy that monitor since it doesn't fit our docks, but the Dell one we stock is the same size; I can have it on your desk tomorrow.", violations: [] },
  // Template wait notices are canned; "je vous contacterai demain" from a person is not.
  { situation: 'ticket-flood', lang: 'en', draft: 'Hello,\nYour request has been logged. Response times may vary depending on volume. Kindly refrain from submitting duplicate tickets.', violations: ['canned'], present: ['acknowledge'] },
  { situation: 'ticket-flood', lang: 'fr', draft: 'Bonjour,\nVotre demande est en traitement. Les délais peuvent varier selon le volume. Merci de ne pas relancer le Centre de services.', violations: ['canned'], present: ['acknowledge'] },
  { situation: 'ticket-flood', lang: 'fr', draft: 'Bonjour Hugo, merci pour votre message. Je vous contacterai demain avant midi pour installer le logiciel.', violations: [] },
  // Certainty about when it comes back.
  { situation: 'outage', lang: 'fr', draft: 'Le courriel est down. Tout va être réglé en deux temps trois mouvements, vous pouvez compter sur nous.', violations: ['false-promise'] },
  { situation: 'outage', lang: 'en', draft: "Email is down. We'll have it sorted in no time, you can count on us.", violations: ['false-promise'] },
];

let outputs: Out[] = [];

beforeAll(() => {
  const input = CASES.map(({ situation, lang, draft }) => JSON.stringify({ situation, lang, draft })).join('\n') + '\n';
  const r = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'review', '--jsonl'], {
    cwd: root, input, encoding: 'utf8', env: { PATH: process.env.PATH, COACH_CONTENT_DIR: join(root, 'content') },
  });
  expect(r.status).toBe(0);
  outputs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Out);
});

test('one JSON line per draft', () => {
  expect(outputs).toHaveLength(CASES.length);
});

test.each(CASES.map((c, i) => [i, c.situation, c.lang, c.violations.join(',') || 'none', c] as const))('#%i %s (%s): violations %s', (i, _s, _l, _v, c) => {
  const out = outputs[i]!;
  expect(out.situation).toBe(c.situation);
  expect(out.violations).toEqual(c.violations);
  for (const id of c.missing ?? []) expect(out.missing).toContain(id);
  for (const id of c.present ?? []) expect(out.present).toContain(id);
  const violationRemarks = out.remarks.filter((r) => r.kind === 'violation');
  for (const r of violationRemarks) expect(c.draft).toContain(r.phrase);
  if (c.phrase) expect(violationRemarks[0]?.phrase).toBe(c.phrase);
  // The suggestion is in the draft's language: the grid's rewrite, not an empty string.
  for (const r of violationRemarks) expect(r.suggestion.length).toBeGreaterThan(10);
});

test('word classes put French and English words of one meaning in one class, and pair them as features', () => {
  const classesOf = (text: string) => {
    const layout = layoutOf(text);
    return wordClasses(layout.tokens);
  };
  expect(classesOf("C'est la faute du fournisseur.")).toEqual(expect.arrayContaining(['fault', 'third']));
  expect(classesOf("It's the vendor's fault.")).toEqual(expect.arrayContaining(['fault', 'third']));
  expect(classesOf('Ce sera réglé, c’est garanti.')).toContain('certain');
  expect(classesOf("It'll be fixed, guaranteed.")).toContain('certain');
  expect(classesOf('Merci pour votre patience.')).not.toContain('fault');
  const layout = layoutOf('Netops messed up the config push last night.');
  const features = sentenceFeatures(layout, layout.sentences[0]!);
  expect(features).toContain('k:fault+third');
  // "you" with a third party is no blame by itself: the pair is only made with a class of meaning.
  const offer = layoutOf('Email your receipts and finance will key them in.');
  expect(sentenceFeatures(offer, offer.sentences[0]!)).not.toContain('k:third+you');
});

test('the grids’ own suggestions and rewrites (without blanks) are no violation in their situation', () => {
  const { reviewer, library } = coach();
  let checked = 0;
  for (const pair of library.reviews ?? []) {
    for (const lang of ['fr', 'en'] as const) {
      for (const text of goodPhrasings(pair[lang])) {
        if (/\[[^\]]+\]/.test(text)) continue; // a blank to fill in is a template on purpose
        checked++;
        expect({ text, violations: reviewer.review(text.replace(/\{name\}/g, 'Dana'), pair.id, lang).violations }).toEqual({ text, violations: [] });
      }
    }
  }
  expect(checked).toBeGreaterThan(40);
});
