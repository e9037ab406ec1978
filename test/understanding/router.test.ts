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
