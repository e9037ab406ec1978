// Display names lose the characters that reorder or hide text, wherever they come from.
import { MAX_NAME_CHARS, cleanName } from '../../src/text/display-name.js';

test('bidirectional overrides, embeddings and isolates are removed: the name reads as typed', () => {
  expect(cleanName('bob\u202Enimda')).toBe('bobnimda'); // RIGHT-TO-LEFT OVERRIDE would show "bobadmin"
  for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
    expect(cleanName(`Zo${c}é`)).toBe('Zoé');
  }
});

test('zero-width and other invisible characters are removed; a lone joiner too, an emoji joiner stays', () => {
  expect(cleanName('A\u200Bd\u200Cm\u2060i\uFEFFn')).toBe('Admin');
  expect(cleanName('sam\u00ADuel')).toBe('samuel');
  expect(cleanName('\u3164')).toBeUndefined(); // a Hangul filler: looks blank
  expect(cleanName('ro\u200Dy')).toBe('roy');
  expect(cleanName('Kim 👩\u200D💻')).toBe('Kim 👩\u200D💻');
  expect(cleanName('tag\u{E0041}\u{E0042}')).toBe('tag');
});

test('C0 and C1 controls, tabs and line breaks become one space; blanks collapse; accents and scripts stay', () => {
  expect(cleanName('Ada\nLovelace')).toBe('Ada Lovelace');
  expect(cleanName('  Ada \t\r\n  Lovelace\u0085 ')).toBe('Ada Lovelace');
  expect(cleanName('x\u0007y\u001b[31mz')).toBe('x y [31mz');
  expect(cleanName('Éloïse Côté-Québec')).toBe('Éloïse Côté-Québec');
  expect(cleanName('محمد')).toBe('محمد');
  expect(cleanName('e\u0301cole')).toBe('école'); // NFC
});

test('nothing visible left, or not a string: undefined (the caller falls back)', () => {
  for (const value of ['', '   ', '\u202E\u200B', '\u0000\u0001', undefined, null, 42, {}]) expect(cleanName(value)).toBeUndefined();
});

test('long names are cut at a character boundary with an ellipsis', () => {
  const long = '😀'.repeat(200);
  const cut = cleanName(long)!;
  expect([...cut]).toHaveLength(MAX_NAME_CHARS);
  expect(cut.endsWith('😀…')).toBe(true);
  expect(cleanName('a'.repeat(MAX_NAME_CHARS))).toBe('a'.repeat(MAX_NAME_CHARS));
});
