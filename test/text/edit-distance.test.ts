// Typos apart: one implementation for the linter, the grader and the router, the same both ways.
import { editDistance } from '../../src/text/edit-distance.js';

test('symmetric, 0 only for the same word (natural 8.1.1 answered 0 for "corige" → "corrige")', () => {
  const pairs = [['corige', 'corrige'], ['bluetoth', 'bluetooth'], ['gestionaire', 'gestionnaire'], ['netwrok', 'network'], ['', 'abc'], ['panne', 'pane'], ['abc', 'cab']];
  for (const [a, b] of pairs) {
    expect(editDistance(a!, b!)).toBe(editDistance(b!, a!));
    expect(editDistance(a!, b!)).toBeGreaterThan(0);
  }
  expect(editDistance('réseau', 'réseau')).toBe(0);
});

test('the one-typo cases the grader accepts, and the two-typo ones it must not', () => {
  // One edit: a letter missing, one too many, one replaced, two neighbours swapped.
  expect(editDistance('bluetoth', 'bluetooth')).toBe(1);
  expect(editDistance('gestionaire', 'gestionnaire')).toBe(1);
  expect(editDistance('identitée', 'identité')).toBe(1);
  expect(editDistance('verifer', 'verifier')).toBe(1);
  expect(editDistance('netwrok', 'network')).toBe(1);
  // Two edits (natural counted these as one in one direction).
  expect(editDistance('blutoth', 'bluetooth')).toBe(2);
  expect(editDistance('gestionare', 'gestionnaire')).toBe(2);
  expect(editDistance('redemarer', 'redémarrer')).toBe(2);
  expect(editDistance('', 'abc')).toBe(3);
});
