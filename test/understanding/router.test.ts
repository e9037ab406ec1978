import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { PlaybookRouter } from '../../src/understanding/router.js';
import { root } from '../helpers.js';

const library = loadLibrary(join(root, 'content'));
const router = new PlaybookRouter(library);

test.each([
  ['panne', 'outage'], ['PANNE', 'outage'], ['serveur down', 'outage'], ['outage', 'outage'], ['ransomware', 'outage'], ['rançongiciel', 'outage'],
  ['fache', 'angry-user'], ['client fâché', 'angry-user'], ['angry user', 'angry-user'],
  ['trop de tickets', 'ticket-flood'], ['too many tickets', 'ticket-flood'],
  ['photoshop refusé', 'change-refused'],
])('routes %j to %s', (text, id) => {
  const r = router.route(text);
  expect(r.playbook).toBe(id);
  expect(r.confidence).toBeGreaterThanOrEqual(0.4);
});

test('tolerates a typo in a short query', () => {
  expect(router.route('servuer tombé').playbook).toBe('outage');
  expect(router.route('rancongicel').playbook).toBe('outage');
});

test('confidence is in 0..1 and the language of matched words is reported', () => {
  const fr = router.route('le serveur est tombé');
  const en = router.route('the server is down');
  for (const r of [fr, en]) expect(r.confidence).toBeGreaterThan(0), expect(r.confidence).toBeLessThanOrEqual(1);
  expect(fr.lang).toBe('fr');
  expect(en.lang).toBe('en');
});

test('off-topic queries route to nothing', () => {
  for (const text of ['recette de pâté chinois', 'asdfgh qwerty', 'weather tomorrow in Montreal', '']) {
    expect(router.route(text).playbook).toBeNull();
  }
});

test('channel decision: silent on chit-chat and on IT talk that is not a situation', () => {
  for (const text of [
    'bon matin la gang', 'qui vient dîner?', 'happy friday!',
    'le serveur de fichiers a été mis à jour hier soir, tout est beau',
    'reminder: maintenance window Saturday 2am on the file server',
    'the outage report from last month is in SharePoint',
  ]) expect(router.detect(text).playbook).toBeNull();
});

test('channel decision: speaks up on a live situation', () => {
  expect(router.detect('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents').playbook).toBe('outage');
});

test('a new playbook from content is routed without code changes', () => {
  const pair = structuredClone(library.playbooks[0]!);
  pair.id = 'printer-jam';
  for (const lang of ['fr', 'en'] as const) {
    pair[lang] = { ...pair[lang], id: 'printer-jam', title: lang === 'fr' ? 'Bourrage d’imprimante' : 'Printer jam', summary: 'x',
      aliases: lang === 'fr' ? ['bourrage', 'imprimante bloquée'] : ['printer jam', 'paper jam'], keywords: ['bourrage', 'toner', 'jam'], examples: [] };
  }
  const extended = new PlaybookRouter({ ...library, playbooks: [...library.playbooks, pair] });
  expect(extended.route('bourrage').playbook).toBe('printer-jam');
  expect(extended.route('paper jam on floor 3').playbook).toBe('printer-jam');
  expect(extended.route('panne').playbook).toBe('outage');
});

test('short words tolerate a typo too: "pane" is "panne"', () => {
  expect(router.route('pane').playbook).toBe('outage');
  expect(router.route('pnne').playbook).toBe('outage');
  // A four-letter word is never "corrected" into a shorter one, nor when it is a word of its own.
  expect(router.route('mail').playbook).toBeNull();
});

test.each([
  'hockey tickets for Saturday', 'des billets pour le Canadien samedi', 'la tempête a coupé le courant au chalet',
  'power went out at the cottage', 'chu en furie, le Canadien a encore perdu', 'my team lost again, so mad',
  'notre lave-vaisselle est tombé en panne', 'the dishwasher broke down', 'Angry Birds', 'Rage Against the Machine',
  'un ticket de stationnement', 'a parking ticket', 'bonjour', 'merci!', 'hi', 'thanks', 'salut la gang, qui veut du café?',
])('chit-chat sharing a word with a playbook routes to nothing: %j', (text) => {
  const r = router.route(text);
  expect({ text, playbook: r.playbook }).toEqual({ text, playbook: null });
  // And it is not a "did you mean" on one weak word either.
  expect(r.alternatives.filter((a) => a.score >= 0.2)).toEqual([]);
});

test.each([
  ['the queue doubled since this morning and it is just two of us', 'ticket-flood'],
  ['300 courriels depuis 8h dans la boîte du support', 'ticket-flood'],
  ['the phone has not stopped ringing all afternoon, I am alone on the desk', 'ticket-flood'],
  ['chu pogné tout seul au guichet pis ça sonne sans arrêt', 'ticket-flood'],
  ['a user just yelled at me on the phone', 'angry-user'],
  ['the manager is livid that we closed his request', 'angry-user'],
  ['the boss already said no, how do I tell her without sounding cold', 'change-refused'],
  ['moving furniture is not IT\'s job but they keep asking', 'change-refused'],
  ['le reseau est tombe au 2e, personne peut imprimer', 'outage'],
])('channel decision: a situation told by its consequences or in joual is offered: %j', (text, id) => {
  expect({ text, playbook: router.detect(text).playbook }).toEqual({ text, playbook: id });
});

test('a decision explains itself: the words that carried it, and why a text was left alone', () => {
  const offered = router.detect('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents');
  expect(offered.matched).toEqual(expect.arrayContaining(['serveur', 'tombe']));
  expect(offered.reason).toBeUndefined();
  const over = router.detect('le VPN est revenu, tout le monde peut se reconnecter, merci pour votre patience');
  expect(over.playbook).toBeNull();
  expect(over.reason).toMatch(/already over|not a live support situation/);
});

test('without labelled texts the router still decides from the content alone', () => {
  const bare = new PlaybookRouter({ ...library, routing: [] });
  expect(bare.route('panne').playbook).toBe('outage');
  expect(bare.route('client fâché').playbook).toBe('angry-user');
  expect(bare.route('recette de pâté chinois').playbook).toBeNull();
  expect(bare.detect('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents').playbook).toBe('outage');
});

test('a new playbook without labelled texts is still offered in a channel from its content', () => {
  const pair = structuredClone(library.playbooks[0]!);
  pair.id = 'printer-jam';
  for (const lang of ['fr', 'en'] as const) {
    pair[lang] = { ...pair[lang], id: 'printer-jam', title: lang === 'fr' ? 'Bourrage d’imprimante' : 'Printer jam', summary: 'x',
      aliases: lang === 'fr' ? ['bourrage', 'imprimante bloquée'] : ['printer jam', 'paper jam'], keywords: ['bourrage', 'jam', 'imprimante', 'printer', 'papier', 'paper'],
      examples: lang === 'fr' ? ['l’imprimante du 2e a un bourrage de papier'] : ['the printer on 2 has a paper jam again'] };
  }
  const extended = new PlaybookRouter({ ...library, playbooks: [...library.playbooks, pair] });
  expect(extended.detect('encore un bourrage de papier dans l’imprimante du 3e, personne peut imprimer').playbook).toBe('printer-jam');
  expect(extended.detect('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents').playbook).toBe('outage');
});

test('the same content always trains the same router', () => {
  const again = new PlaybookRouter(library);
  for (const text of ['user fâché au téléphone', 'la file a doublé', 'hockey tickets', 'panne de réseau au 2e']) {
    expect(again.route(text)).toEqual(router.route(text));
    expect(again.detect(text)).toEqual(router.detect(text));
  }
});
