import { MAX_INPUT_CHARS } from '../../src/core/engine.js';
import { ask, coach, plain } from '../helpers.js';

const { engine } = coach('fr');
const say = async (text: string, extra = {}) => (await engine.handle(ask(text, extra))).map(plain).join('\n---\n');

test('/playbook alone lists every playbook, one line each', async () => {
  const out = await say('/playbook');
  for (const id of ['angry-user', 'outage', 'change-refused', 'ticket-flood']) expect(out).toContain(`/playbook ${id}`);
});

test('/playbook panne gives the French outage playbook with all its tabs', async () => {
  const out = await say('/playbook panne');
  expect(out).toMatch(/^Panne d’un serveur ou d’un service/);
  expect(out).toContain('Quoi ne pas faire');
  expect(out).toContain('Quoi faire');
  expect(out).toContain('Comment le faire');
  expect(out).toContain('Informer régulièrement les utilisateurs de l’état du problème.');
});

test('free text routes too, and the language follows the words when nothing else tells', async () => {
  expect(await say('le serveur de fichiers est tombé ce matin')).toMatch(/^Panne d’un serveur/);
  expect(await say('/playbook angry user', { user: 'U-new' })).toMatch(/^Angry user/);
});

test('language: own choice, then platform locale, then text, then default', async () => {
  expect(await say('/playbook outage', { user: 'U-loc', locale: 'fr-CA' })).toMatch(/^Panne/);
  expect(await say('/coach lang en', { user: 'U-lang' })).toContain('English');
  expect(await say('/playbook panne', { user: 'U-lang', locale: 'fr-CA' })).toMatch(/^Server or service outage/);
  // Remembered per person and per workspace only.
  expect(await say('/playbook panne', { user: 'U-lang', workspace: 'T2' })).toMatch(/^Panne/);
  expect(await say('/playbook panne', { user: 'U-other' })).toMatch(/^Panne/);
});

test('unsure queries get "did you mean" buttons, never a random playbook', async () => {
  const [reply] = await engine.handle(ask('/playbook recette de pâté chinois'));
  expect(reply!.heading).toBeUndefined();
  expect(reply!.actions!.map((a) => a.value)).toEqual(['/playbook angry-user', '/playbook outage', '/playbook change-refused', '/playbook ticket-flood']);
});

test('unknown commands, empty, absurd and huge input get a short answer', async () => {
  expect(await say('/frobnicate now')).toContain('/frobnicate');
  expect(await say('/coach dance')).toContain('/coach dance');
  expect(await say('   ')).toContain('/playbook');
  expect(await say('/playbook !!!!! 1234')).toContain('Je n’ai pas compris');
  expect(await say('x'.repeat(MAX_INPUT_CHARS + 1))).toContain(`${MAX_INPUT_CHARS + 1} caractères`);
  expect(await say('/coach lang de')).toContain('/coach lang fr');
  expect(await say('/coach help')).toContain('/coach lang fr|en');
});

test('control characters in input are neutralised', async () => {
  expect(await say('/playbook \u001b[31mpanne\u0007')).toMatch(/^Panne/);
});

describe('small talk and free text that is no situation', () => {
  test.each([
    ['bonjour', 'fr', 'Bonjour!'], ['merci!', 'fr', 'Avec plaisir!'], ['salut la gang, qui veut du café?', 'fr', 'Bonjour!'],
    ['Allo tout le monde', 'fr', 'Bonjour!'], ['merci beaucoup pour l’aide', 'fr', 'Avec plaisir!'], ['bonne fin de semaine', 'fr', 'À la prochaine!'],
    ['hi', 'en', 'Hi!'], ['thanks', 'en', 'You’re welcome!'], ['thank you so much!', 'en', 'You’re welcome!'], ['hey team, anyone up for lunch?', 'en', 'Hi!'],
  ])('%j gets a short greeting and a hint in its language, no playbook and no list', async (text, lang, opening) => {
    const [reply, ...more] = await engine.handle(ask(text, { user: `U-talk-${lang}` }));
    expect(more).toEqual([]);
    expect(reply!.lang).toBe(lang);
    expect(reply!.heading).toBeUndefined();
    expect(reply!.actions ?? []).toEqual([]);
    expect(plain(reply!)).toContain(opening);
    expect(plain(reply!)).toContain('/playbook');
  });

  test('/playbook with small talk is answered the same way', async () => {
    const [reply] = await engine.handle(ask('/playbook merci'));
    expect(reply!.actions ?? []).toEqual([]);
    expect(plain(reply!)).toContain('Avec plaisir!');
  });

  test('a greeting in front of a real situation still gets its playbook', async () => {
    expect(await say('salut, j’ai un client fâché au téléphone')).toMatch(/^Utilisateur fâché/);
    expect(await say('hi, the file server is down for everyone')).toMatch(/^Server or service outage/);
  });

  test('free text with no situation gets a hint, not the list of playbooks', async () => {
    for (const text of ['des billets pour le Canadien samedi', 'la tempête a coupé le courant au chalet', 'hockey tickets for Saturday']) {
      const [reply] = await engine.handle(ask(text));
      expect({ text, actions: reply!.actions ?? [] }).toEqual({ text, actions: [] });
      expect(plain(reply!)).toMatch(/pas reconnu de situation|did not recognise a support situation/);
    }
  });

  test('a short misspelt query still finds its playbook: /playbook pane', async () => {
    expect(await say('/playbook pane')).toMatch(/^Panne d’un serveur/);
  });

  test('one weak word is never a "did you mean"', async () => {
    const [reply] = await engine.handle(ask('/playbook salut la gang, qui veut du café?'));
    expect(reply!.actions ?? []).toEqual([]);
  });
});
