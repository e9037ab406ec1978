// The draft review on the real content: the id contract, what people really write (empathy by
// paraphrase, politeness hiding defensiveness, canned templates that say thank you, sarcastic or
// negated apologies), exact phrases, suggestions in the draft's language, and the score's order.
import { LogisticModel } from '../../src/review/classifier.js';
import type { Review } from '../../src/review/review.js';
import { layoutOf } from '../../src/review/layout.js';
import { coach } from '../helpers.js';

const { reviewer, library } = coach();
const review = (situation: string, draft: string, lang?: 'fr' | 'en'): Review => reviewer.review(draft, situation, lang);
const remark = (r: Review, id: string) => r.remarks.find((x) => x.id === id);

test('the principle and violation ids of the four situations are the contract', () => {
  const ids = Object.fromEntries((library.reviews ?? []).map((g) => [g.id, { p: g.fr.principles.map((x) => x.id), v: g.fr.violations.map((x) => x.id) }]));
  expect(ids).toEqual({
    'angry-user': { p: ['empathy', 'apology', 'resolution', 'satisfaction-check', 'warm-closing'], v: ['defensive', 'reciprocating', 'blame'] },
    outage: { p: ['apology', 'status', 'next-update', 'workaround'], v: ['jargon', 'blame', 'false-promise'] },
    'change-refused': { p: ['thanks', 'reason', 'alternative', 'personal'], v: ['canned', 'curt'] },
    'ticket-flood': { p: ['acknowledge', 'timeline', 'personal'], v: ['canned'] },
  });
  for (const g of library.reviews ?? []) expect(g.en.principles.map((x) => x.id)).toEqual(g.fr.principles.map((x) => x.id));
});

test('an excellent reply scores 10 with every principle and no violation; every remark quotes the draft exactly', () => {
  const draft = 'Hi Marc,\n\nLosing a whole morning of work right before a deadline is really stressful, and I am so sorry this happened.\n\nI restored the 10:40 version of your file from the backup; it is on your desktop. Could you open it and let me know if anything is missing?\n\nGood luck with the report!\nSophie';
  const r = review('angry-user', draft);
  expect(r).toMatchObject({ situation: 'angry-user', lang: 'en', score: 10, missing: [], violations: [] });
  expect(r.present).toEqual(['empathy', 'apology', 'resolution', 'satisfaction-check', 'warm-closing']);
  for (const x of r.remarks) {
    expect(draft.slice(x.start, x.end)).toBe(x.phrase);
    expect(x.kind).toBe('present');
  }
});

test('empathy by paraphrase, with no "I understand", in English and in French', () => {
  expect(review('angry-user', 'Hi Ana, having your laptop die in the middle of a client demo must have been awful. I swapped it for a new one.').present).toContain('empathy');
  expect(review('angry-user', 'Bonjour Ana, voir votre portable lâcher en pleine démo devant un client, ça a dû être vraiment pénible. Je l’ai remplacé.').present).toContain('empathy');
});

test('politeness hiding defensiveness: "I understand, but as I explained twice already" is defensive and no empathy', () => {
  const draft = 'I understand, but as I explained twice already, you need to restart after the update.';
  const r = review('angry-user', draft);
  expect(r.violations).toEqual(['defensive']);
  expect(r.present).not.toContain('empathy');
  const v = remark(r, 'defensive')!;
  expect(v.kind).toBe('violation');
  expect(v.phrase).toContain('as I explained twice already');
  expect(v.suggestion).toMatch(/steps again/);
  const fr = review('angry-user', 'Je comprends, mais comme je vous l’ai déjà expliqué deux fois, il faut redémarrer.');
  expect(fr.violations).toContain('defensive');
  expect(fr.present).not.toContain('empathy');
});

test('sarcastic and negated apologies are no apology: "sorry, not sorry", "désolé que tu sois incapable", "je ne vais pas m’excuser"', () => {
  const notSorry = review('angry-user', 'Sorry, not sorry: the instructions were in last week’s email.');
  expect(notSorry.present).not.toContain('apology');
  expect(notSorry.violations).toContain('reciprocating');
  const incapable = review('angry-user', 'Désolé que tu sois incapable de suivre une procédure de trois étapes.');
  expect(incapable.present).not.toContain('apology');
  expect(incapable.violations).toContain('reciprocating');
  expect(review('angry-user', 'I’m sorry you feel that way. Your ticket is closed.').present).not.toContain('apology');
  expect(review('angry-user', 'Je ne vais pas m’excuser pour ça.').present).not.toContain('apology');
  // …while a real apology in the same words counts.
  expect(review('angry-user', 'Je suis désolé que vous ayez perdu votre matinée.').present).toContain('apology');
});

test('a canned template that says thank you is still canned, in both situations that forbid it', () => {
  const refusal = review('change-refused', 'Hello,\n\nThank you for contacting the IT Service Desk. Your request has been reviewed and cannot be approved in accordance with current policy.\n\nThis is an automated message, please do not reply.');
  expect(refusal.violations).toEqual(['canned']);
  expect(refusal.present).toContain('thanks');
  expect(refusal.present).not.toContain('reason');
  const ack = review('ticket-flood', 'Bonjour,\n\nNous vous remercions de votre demande. Elle sera traitée dans les meilleurs délais. Merci de votre patience.\n\nCeci est un message automatique.');
  expect(ack.violations).toEqual(['canned']);
  expect(ack.score).toBeLessThanOrEqual(2);
});

test('a curt refusal is flagged; the same words inside a reasoned reply are not', () => {
  expect(review('change-refused', 'Non.').violations).toEqual(['curt']);
  expect(review('change-refused', 'Denied. We don’t do that.').violations).toEqual(['curt']);
  const reasoned = review('change-refused', 'Hi Dana, thanks for asking. No, we can’t buy AutoCAD this year: a seat costs $2,000 and the budget is committed. I can install the free DWG TrueView for you instead.');
  expect(reasoned.violations).toEqual([]);
  expect(reasoned.present).toEqual(['thanks', 'reason', 'alternative', 'personal']);
});

test('outage: a time is only a next update when it follows the words, a hedged estimate is no false promise, jargon and blame are named', () => {
  const good = review('outage', 'Bonjour à tous, depuis 9 h, le courriel est inaccessible. Nous sommes désolés. Nous estimons un retour vers 13 h, sans pouvoir le garantir. Prochaine mise à jour à 11 h.');
  expect(good.present).toEqual(['apology', 'status', 'next-update']);
  expect(good.violations).toEqual([]);
  expect(review('outage', 'Email is down. It will be back in 10 minutes, guaranteed.').violations).toEqual(['false-promise']);
  expect(review('outage', 'The core switch hit a spanning-tree loop on VLAN 20 and the ARP tables filled up.').violations).toContain('jargon');
  expect(review('outage', 'The internet is out because our ISP screwed up again.').violations).toContain('blame');
  expect(review('outage', 'We will keep you posted. Sorry!').present).not.toContain('next-update');
});

test('personal means naming the person; a template blank is not a name', () => {
  expect(review('ticket-flood', 'Hi Priya, got your ticket about the label printer. Dan will be there by 10:30.').present).toEqual(['acknowledge', 'timeline', 'personal']);
  const blank = review('ticket-flood', 'Hello [User Name],\n\nWe have received your request.');
  expect(blank.present).not.toContain('personal');
  expect(blank.violations).toEqual(['canned']);
});

test('missing principles point at where their sentence goes, and the suggestion is in the draft’s language and register', () => {
  const tu = review('angry-user', 'Salut Kevin,\nJ’ai réparé ton profil Outlook.\nBonne journée!');
  const satisfaction = remark(tu, 'satisfaction-check')!;
  expect(satisfaction).toMatchObject({ kind: 'missing', phrase: 'J’ai réparé ton profil Outlook.', position: 'after' });
  expect(satisfaction.suggestion).toBe('Est-ce que tout fonctionne maintenant? Y a-t-il autre chose que je peux faire pour toi?');
  expect(remark(tu, 'empathy')).toMatchObject({ phrase: 'Salut Kevin,', position: 'after' });
  const vous = review('angry-user', 'Bonjour Madame Roy,\nJ’ai réparé votre profil Outlook.');
  expect(remark(vous, 'satisfaction-check')!.suggestion).toContain('pour vous?');
  const en = review('angry-user', 'I fixed your Outlook profile.');
  expect(remark(en, 'apology')).toMatchObject({ phrase: 'I fixed your Outlook profile.', position: 'before' });
  expect(remark(en, 'apology')!.suggestion).toMatch(/sorry/i);
  // --lang decides the suggestions' language.
  expect(remark(reviewer.review('I fixed your Outlook profile.', 'angry-user', 'fr'), 'apology')!.suggestion).toMatch(/désolé/);
});

test('the score orders drafts: excellent > good > fair > poor for the same situation', () => {
  const excellent = review('ticket-flood', 'Bonjour Julie,\n\nNous avons bien reçu ta demande pour l’imprimante du 2e étage. On s’en occupe d’ici 14 h.\n\nMerci de ta patience!');
  const good = review('ticket-flood', 'Bonjour Julie,\n\nNous avons bien reçu ta demande pour l’imprimante du 2e étage.');
  const fair = review('ticket-flood', 'Bonjour,\n\nOn regarde ça bientôt.');
  const poor = review('ticket-flood', 'Votre demande a été reçue et sera traitée dans les meilleurs délais selon l’ordre d’arrivée. Ceci est un message automatique.');
  expect(excellent.score).toBe(10);
  expect(excellent.score).toBeGreaterThan(good.score);
  expect(good.score).toBeGreaterThan(fair.score);
  expect(fair.score).toBeGreaterThanOrEqual(poor.score);
  expect(poor.score).toBe(0);
});

test('a draft with no words is refused; an unknown situation throws', () => {
  expect(() => review('outage', '!!! ???')).toThrow(RangeError);
  expect(() => review('nope', 'Hello')).toThrow(/no review grid/);
});

test('the layout finds the greeting, the name, the closing lines and the signature', () => {
  const layout = layoutOf('Objet : Panne\n\nBonjour Madame Tremblay,\n\nLe serveur est tombé.\n\nMerci de votre patience,\nLuc Gagnon\nSoutien TI');
  expect(layout.name?.text).toBe('Madame Tremblay');
  expect(layout.draft.slice(layout.closingStart)).toBe('Merci de votre patience,\nLuc Gagnon\nSoutien TI');
  expect(layout.draft.slice(layout.signatureStart)).toBe('Luc Gagnon\nSoutien TI');
  expect(layoutOf('Bonjour à tous, le VPN est tombé.').name).toBeNull();
  expect(layoutOf('Hi {{first_name}}, thanks.').name).toBeNull();
  expect(layoutOf('Salut Kevin, ça va?').tutoiement).toBe(false);
  expect(layoutOf('Salut Kevin, je t’ai envoyé ton mot de passe. Dis-moi si ça marche pour toi.').tutoiement).toBe(true);
});

test('the classifier learns and is deterministic; with one class only it always says that class', () => {
  const examples = [
    ...Array.from({ length: 20 }, (_, i) => ({ features: ['w:sorri', `x:${i}`], positive: true })),
    ...Array.from({ length: 40 }, (_, i) => ({ features: ['w:ticket', `y:${i}`], positive: false })),
  ];
  const a = LogisticModel.train(examples);
  const b = LogisticModel.train(examples);
  expect(a.probability(['w:sorri'])).toBeGreaterThan(0.8);
  expect(a.probability(['w:ticket'])).toBeLessThan(0.2);
  expect(a.probability(['w:sorri', 'w:other'])).toBe(b.probability(['w:sorri', 'w:other']));
  expect(LogisticModel.train(examples.filter((e) => !e.positive)).probability(['w:sorri'])).toBeLessThan(0.01);
});

test('with the signals off, the classifier trained on the labelled drafts still recognises a principle', () => {
  const draft = 'I understand how frustrating it is to lose your work the day before a deadline.';
  const classifierOnly = reviewer.review(draft, 'angry-user', 'en', 'en', { signals: false });
  expect(classifierOnly.present).toContain('empathy');
  expect(classifierOnly.remarks.find((x) => x.id === 'empathy')?.via).toBe('classifier');
  // An acronym signal is the word itself, in capitals: "sans" is not the storage network "SAN".
  expect(review('outage', 'Le serveur de fichiers est inaccessible, sans exception.').violations).toEqual([]);
  expect(review('outage', 'La baie SAN est dégradée.').violations).toEqual(['jargon']);
});

test('the situation: clear drafts are guessed, vague ones are asked with every situation ranked', () => {
  expect(reviewer.guess('Bonjour à tous, le serveur de fichiers est inaccessible depuis 8 h 30. Prochaine mise à jour à 10 h.').situation).toBe('outage');
  expect(reviewer.guess('Hi Sam, thanks for your request for Photoshop. Unfortunately the licence is not in the budget, but I can install GIMP.').situation).toBe('change-refused');
  const vague = reviewer.guess('Ok.');
  expect(vague.situation).toBeNull();
  expect([...vague.candidates].sort()).toEqual(['angry-user', 'change-refused', 'outage', 'ticket-flood']);
});

test('pickers list the situations with an unclear review’s candidates first, in their order, each once', async () => {
  const { ReviewCommands } = await import('../../src/review/command.js');
  const commands = new ReviewCommands(reviewer, library, 'fr');
  const all = commands.situations('en').map((s) => s.id);
  expect(all.length).toBeGreaterThan(2);
  const first = [all[2]!, all[0]!];
  const ranked = commands.situations('en', first).map((s) => s.id);
  expect(ranked.slice(0, 2)).toEqual(first);
  expect([...ranked].sort()).toEqual([...all].sort());
  expect(commands.situations('en', ['no-such-situation']).map((s) => s.id)).toEqual(all);
});

test('a one-word look-alike voids only words of its family: "normalement" hedges, "back to normal" does not', () => {
  expect(review('outage', 'Bonjour,\n\nNormalement, tout sera réglé à 11 h.').violations).not.toContain('false-promise');
  expect(review('outage', 'Hi all,\n\nBy 11 everything will be back to normal, I swear.').violations).toContain('false-promise');
  expect(review('outage', 'Hi all,\n\nWe hope everything will be back to normal by 11.').violations).not.toContain('false-promise');
});

test('violations said in other words: repeated explanations, tone policing, the user’s mistake, template refusals', () => {
  expect(review('angry-user', 'Hi Dana,\n\nI already explained this procedure to you twice on the phone.').violations).toContain('defensive');
  expect(review('angry-user', 'Bonjour Dana,\n\nPour notre défense, la mise à jour avait été annoncée dans l’infolettre.').violations).toContain('defensive');
  expect(review('angry-user', 'Hi Dana,\n\nPlease lower your voice if you want my help.').violations).toContain('reciprocating');
  expect(review('angry-user', 'Bonjour Dana,\n\nJe ne suis pas votre souffre-douleur.').violations).toContain('reciprocating');
  expect(review('angry-user', 'Bonjour Dana,\n\nC’est arrivé parce que vous n’avez pas sauvegardé votre travail.').violations).toContain('blame');
  expect(review('change-refused', 'Hello,\n\nWe regret to inform you that your request cannot be fulfilled.').violations).toContain('canned');
  expect(review('ticket-flood', 'Bonjour,\n\nEn raison d’un volume élevé, les délais de réponse peuvent être plus longs qu’à l’habitude.').violations).toContain('canned');
});

test('the same words in a good reply are no violation: the user’s action told neutrally, owning a mistake, a named colleague', () => {
  for (const [situation, draft] of [
    ['angry-user', 'Hi Dana,\n\nThe file you deleted by mistake is back in your Documents folder, and I’m sorry you waited so long.'],
    ['angry-user', 'Bonjour Dana,\n\nVous n’êtes pas responsable de ce qui est arrivé, et je prends votre problème très au sérieux.'],
    ['outage', 'Hi all,\n\nWe made a mistake in last night’s change and we’re sorry; it is being rolled back.'],
    ['ticket-flood', 'Salut Dana,\n\nMarc communiquera avec toi à 14 h pour configurer ton téléphone.'],
  ] as const) expect(review(situation, draft).violations).toEqual([]);
});
