import { parseBlocks, toLines, type List } from '../../src/content/markdown.js';

const parse = (text: string) => parseBlocks(toLines(text));

test('task lists, nested explanations and line numbers', () => {
  const [tab] = parse('=== "Choix"\n\n    - [x] Bon choix\n        - 10 points : parce que\n    - [ ] Mauvais\n        - 0 point : non\n');
  expect(tab).toMatchObject({ type: 'tab', title: 'Choix', line: 1 });
  const list = (tab as { children: List[] }).children[0]!;
  expect(list.items.map((i) => [i.text, i.checked, i.line])).toEqual([['Bon choix', true, 3], ['Mauvais', false, 5]]);
});

test('lazy continuation lines join their item; a blank line then text ends the list', () => {
  const blocks = parse('- une phrase\ncoupée en deux\n- deux\n\nParagraphe après.\n');
  expect(blocks.map((b) => b.type)).toEqual(['list', 'paragraph']);
  expect((blocks[0] as List).items[0]!.text).toBe('une phrase coupée en deux');
});

test('admonitions keep blank lines inside their body', () => {
  const [adm] = parse('??? example "Problème 2"\n    Ligne un.\n\n    Ligne deux?\n\nAprès.\n');
  expect(adm).toMatchObject({ type: 'admonition', kind: 'example', title: 'Problème 2', collapsible: true });
  expect((adm as { children: unknown[] }).children).toHaveLength(2);
});

test('decomposed accents are composed, trailing spaces dropped', () => {
  const [p] = parse('De\u0301montrer   \n');
  expect(p).toMatchObject({ type: 'paragraph', text: 'Démontrer' });
});

test('fenced code is kept verbatim', () => {
  const [code] = parse('```\n- pas une liste\n```\n');
  expect(code).toMatchObject({ type: 'code', text: '- pas une liste' });
});
