// Seeded, so each run of a test is the same and many seeds are tried.
import { seededRandom } from '../../src/understanding/seeded-random.js';
import { scenariosInPlay, takeNext, type Rotation } from '../../src/domain/rotation.js';

const ALL = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'];

test('scenariosInPlay: all without those off; an all-off set is ignored', () => {
  expect(scenariosInPlay(ALL, undefined)).toEqual(ALL);
  expect(scenariosInPlay(ALL, [])).toEqual(ALL);
  expect(scenariosInPlay(ALL, ['s8', 'unknown'])).toEqual(ALL.filter((id) => id !== 's8'));
  expect(scenariosInPlay(['a', 'b'], ['a', 'b'])).toEqual(['a', 'b']);
});

test('an off scenario is never picked, and the rest come each once per round', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const random = seededRandom(seed);
    const rotation: Rotation = { order: [], next: 0 };
    const inPlay = scenariosInPlay(ALL, ['s8', 's2']);
    const picks = Array.from({ length: inPlay.length * 4 }, () => takeNext(rotation, inPlay, random));
    expect(picks).not.toContain('s8');
    expect(picks).not.toContain('s2');
    for (let round = 0; round < 4; round++) {
      expect(new Set(picks.slice(round * 7, round * 7 + 7)).size).toBe(7);
    }
    for (let i = 1; i < picks.length; i++) expect(picks[i]).not.toBe(picks[i - 1]);
  }
});

test('turning one off mid-round: the played ones are not played again before the rest', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const random = seededRandom(seed);
    const rotation: Rotation = { order: [], next: 0 };
    const played = [takeNext(rotation, ALL, random), takeNext(rotation, ALL, random), takeNext(rotation, ALL, random)];
    const notYet = ALL.filter((id) => !played.includes(id));
    const off = notYet[0]!;
    const inPlay = scenariosInPlay(ALL, [off]);
    const rest = Array.from({ length: 5 }, () => takeNext(rotation, inPlay, random));
    expect(rest).not.toContain(off);
    expect(new Set([...played, ...rest]).size).toBe(8);
    // The next round draws from the 8 in play only.
    const next = Array.from({ length: 8 }, () => takeNext(rotation, inPlay, random));
    expect(new Set(next)).toEqual(new Set(inPlay));
  }
});

test('putting one back mid-round: it joins the part not played yet, nothing repeats', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const random = seededRandom(seed);
    const rotation: Rotation = { order: [], next: 0 };
    const eight = scenariosInPlay(ALL, ['s5']);
    const played = Array.from({ length: 4 }, () => takeNext(rotation, eight, random));
    const rest = Array.from({ length: 5 }, () => takeNext(rotation, ALL, random));
    expect(new Set([...played, ...rest])).toEqual(new Set(ALL));
  }
});

test('a damaged rotation (duplicates, unknown ids, bad position) still yields only scenarios in play', () => {
  const rotation = { order: ['s1', 's1', 'gone', 's2'], next: 7 } as Rotation;
  const random = seededRandom(3);
  const picks = Array.from({ length: 6 }, () => takeNext(rotation, ['s1', 's2', 's3'], random));
  expect(picks.every((id) => ['s1', 's2', 's3'].includes(id))).toBe(true);
  expect(new Set(picks.slice(0, 3)).size + new Set(picks.slice(3)).size).toBeGreaterThanOrEqual(5);
});
