// The seed course page, parsed byte for byte as it was given: mixed tabs, trailing spaces, a decomposed
// accent, tabs whose lists are not indented.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPlaybooks, extractProblems } from '../../src/content/course.js';
import { blocksToLines, parseBlocks, toLines, type Block, type List } from '../../src/content/markdown.js';

const seedText = readFileSync(join(__dirname, '../fixtures/seed-course.md'), 'utf8');
const blocks = parseBlocks(toLines(seedText));
const playbooks = extractPlaybooks(blocks);
const problems = extractProblems(blocks);

const items = (bs: Block[]) => (bs.find((b) => b.type === 'list') as List | undefined)?.items ?? [];
const section = (pbIndex: number, title: string) => playbooks[pbIndex]!.sections.find((s) => s.title === title)!;

test('the fixture is the seed, unmodified', () => {
  expect(seedText).toContain('\t    - Laissez l’utilisateur');
  expect(seedText).toContain('de\u0301montrant'); // decomposed é, as in the original
});

test('finds the four playbooks in order, with their tabs', () => {
  expect(playbooks.map((p) => p.title)).toEqual([
    'Utilisateur fâché',
    'Panne d’un serveur ou service',
    'L’utilisateur demande un changement qui ne sera pas fait',
    'Trop de tickets arrivent en même temps',
  ]);
  expect(playbooks[0]!.sections.map((s) => [s.kind, s.title])).toEqual([
    ['dont', 'Quoi ne pas faire'], ['do', 'Quoi faire'], ['how', 'Comment le faire'],
  ]);
  for (const p of playbooks.slice(1)) expect(p.sections.map((s) => s.kind)).toEqual(['do']);
});

test('angry user: causes, what not to do, what to do with explanations, how to do it', () => {
  const causes = items(playbooks[0]!.intro);
  expect(causes).toHaveLength(1);
  expect(causes[0]!.text).toBe('Un utilisateur peut être fâché pour plusieurs raisons :');
  expect(items(causes[0]!.children).map((i) => i.text)).toEqual([
    'Mauvaise journée', 'Surmenage', 'Stress', 'Ordinateur ou logiciel non-fonctionnel',
  ]);
  expect(items(section(0, 'Quoi ne pas faire').blocks).map((i) => i.text)).toEqual([
    'Réciproquer leur attitude ou leur ton (ça ne fait qu’amplifier le problème)', 'Être sur la défensive',
  ]);
  const todo = items(section(0, 'Quoi faire').blocks);
  expect(todo.map((i) => i.text)).toEqual(['Écouter', 'Montrer de l’empathie', 'S’excuser', 'Résoudre', 'Confirmer la satisfaction']);
  // Each "what to do" keeps its explanation, even where the seed indents it with a tab and spaces.
  expect(todo.map((i) => items(i.children).length)).toEqual([1, 1, 1, 1, 1]);
  expect(items(todo[0]!.children)[0]!.text).toBe('Laissez l’utilisateur expliquer son problème sans interruption');
  // Tab-indented bullets are siblings at a 4-column tab stop, as mkdocs renders them.
  expect(items(section(0, 'Comment le faire').blocks).map((i) => i.text)).toEqual([
    'Utiliser un ton calme et rassurant',
    'Éviter les soupirs',
    'Éviter les regards et/ou gestes démontrant un mécontentement',
    'Terminer la conversation par une formule de politesse ou un commentaire chaleureux',
    'Adopter un langage verbal courtois et respectueux',
    'Diriger toute son attention sur le client',
  ]);
});

test('outage, change refused and ticket flood keep their flush-left tab lists', () => {
  expect(items(playbooks[1]!.intro).map((i) => i.text)).toEqual([
    'Internet non disponible', 'Serveur de fichier non fonctionnel', 'Attaque de rançongiciel', 'Et bien plus!',
  ]);
  expect(blocksToLines(section(1, 'Quoi faire').blocks)).toEqual([
    'S’excuser',
    'Communiquer l’état du problème',
    '  Informer régulièrement les utilisateurs de l’état du problème.',
    'Rédiger un rapport d’incident',
    '  Décrire le déroulement de la résolution, les personnes impliquées et les actions pour éviter le problème dans le futur.',
  ]);
  expect(blocksToLines(playbooks[2]!.intro)).toEqual([
    'Ex :', 'Achat d’un logiciel qui n’est pas autorisé',
    'Ajout d’une fonctionnalité dans votre logiciel qui ne peut être faite', 'Demandes qui ne concernent pas les TI',
  ]);
  expect(items(section(2, 'Quoi faire').blocks).map((i) => i.text)).toEqual(['Garder un ton positif', 'Être personnel', 'Aider']);
  expect(blocksToLines(section(2, 'Quoi faire').blocks).at(-1)).toContain('Présentez-lui The Gimp, Pixlr ou Canva!');
  expect(blocksToLines(playbooks[3]!.intro)).toEqual([
    'Il y aura des jours (bizarrement le lundi!) où il y aura beaucoup trop de tickets qui arriveront dans un court délai.',
  ]);
  expect(items(section(3, 'Quoi faire').blocks).map((i) => [i.text, items(i.children).length])).toEqual([
    ['Répondre rapidement au lieu de régler', 1], ['Être personnel', 1],
  ]);
});

test('finds the nine problems with their full text', () => {
  expect(problems.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(blocksToLines(problems[0]!.question)).toEqual([
    'L’utilisatrice appelle pour dire qu’elle a perdu sa souris.',
    'Vous allez la voir et découvrez qu’elle a sa souris dans la main.',
    'Comment réagissez-vous?',
  ]);
  expect(blocksToLines(problems[5]!.question)).toHaveLength(1); // Problème 6 has no question line
  expect(blocksToLines(problems[8]!.question)[0]).toBe('Les propriétaires de l’entreprise veulent que vous installiez une caméra de sécurité à leur nouveau chalet.');
});

test('CRLF line endings give the same result', () => {
  const crlf = parseBlocks(toLines(seedText.replace(/\n/g, '\r\n')));
  expect(crlf.map(strip)).toEqual(blocks.map(strip));
});

function strip(b: Block): unknown {
  return JSON.parse(JSON.stringify(b, (k, v) => (k === 'line' ? undefined : v)));
}

test('the scenario pages fix the seed’s typos ("Que faîtes-vous?") while the seed itself is read as given', () => {
  expect(seedText).toContain('Que faîtes-vous?');
  const dir = join(__dirname, '../../content/scenarios');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.fr.md')).map((f) => readFileSync(join(dir, f), 'utf8'));
  expect(pages.join('\n')).toContain('Que faites-vous?');
  expect(pages.join('\n')).not.toMatch(/faîtes/);
});
