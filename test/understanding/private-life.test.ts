import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { words } from '../../src/understanding/analyzer.js';
import { privateLifeSign } from '../../src/understanding/private-life.js';
import { PlaybookRouter } from '../../src/understanding/router.js';
import { root } from '../helpers.js';

test.each([
  ['panne de courant dans le quartier depuis midi', 'quartier'],
  ['Mon internet à la maison coupe encore', 'a la maison'],
  ['ma belle-mère veut que je répare son iPad', 'ma belle mere'],
  ['the power is out in my neighbourhood', 'neighbourhood'],
  ['My ISP is useless', 'my isp'],
  ['the cashier at the grocery store yelled at me', 'cashier'],
])('%j is a scene of private life (%s)', (text, sign) => {
  expect(privateLifeSign(words(text))).toBe(sign);
});

test.each([
  'le serveur de fichiers est tombé au 3e',
  'a user yelled at me on the phone',
  'la file de billets déborde',
  'the mother board of the server died', // "mother" alone is no family
])('%j is not', (text) => {
  expect(privateLifeSign(words(text))).toBeNull();
});

describe('channel decision and private life', () => {
  const router = new PlaybookRouter(loadLibrary(join(root, 'content')));

  test('silent on private-life news that shares a playbook word', () => {
    for (const text of [
      'grosse panne de courant dans mon quartier, les feux de circulation sont éteints',
      'the power went out at my parents place and their street is dark',
    ]) expect(router.detect(text)).toMatchObject({ playbook: null });
  });

  test('still speaks up on the same kind of event at work, and on a request for private work', () => {
    expect(router.detect('panne de courant au bureau, tous les postes du 2e sont éteints pis personne peut travailler').playbook).toBe('outage');
    expect(router.detect('le boss veut que j’aille installer son imprimante chez eux samedi, c’est pas notre job').playbook).toBe('change-refused');
  });
});
