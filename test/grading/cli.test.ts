// `coach grade`: the JSON contract, over a real process and in-process.
// Runs the built CLI as a user does, `coach grade …` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { grade } from '../../src/cli/grade.js';
import { root } from '../helpers.js';

const env = { PATH: process.env.PATH, COACH_CONTENT_DIR: join(root, 'content') };
const run = (args: string[], input = '', extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'grade', ...args], { cwd: root, input, encoding: 'utf8', env: { ...env, ...extraEnv } });

const KEYS = ['scenario', 'score', 'max', 'covered', 'missed', 'flags'];

test('one answer: one JSON object, keys in order', () => {
  const r = run(['--scenario', '4', 'ok je vais les télécharger']);
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const json = JSON.parse(lines[0]!);
  expect(Object.keys(json)).toEqual(KEYS);
  expect(json).toMatchObject({ scenario: 'illegal-mp3', max: 10, covered: [], flags: ['downloads-anyway'] });
  expect(json.score).toBeLessThanOrEqual(1);
  expect(json.missed).toHaveLength(6);
});

test('--scenario takes the id; --lang is accepted; a strong answer scores high', () => {
  const answer = "I'd thank her, but explain that downloading them is illegal, copyright infringement, and pirate sites carry malware. I'd suggest royalty-free music and remind her the venue needs a SOCAN licence.";
  const r = run(['--scenario', 'illegal-mp3', '--lang', 'en', answer]);
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.scenario).toBe('illegal-mp3');
  expect(json.score).toBeGreaterThanOrEqual(7);
  expect(json.flags).toEqual([]);
});

test('--jsonl: one line out per line in, in order; a bad line reports its error and line number', () => {
  const input = [
    JSON.stringify({ scenario: 'lost-mouse', answer: "Je lui demande calmement ce qu'elle voit, je vérifie les piles et le deuxième écran.", lang: 'fr' }),
    'not json',
    JSON.stringify({ scenario: 12, answer: 'x' }),
    JSON.stringify({ scenario: 4, answer: "I won't download them, it's illegal." }),
    JSON.stringify({ scenario: 'lost-mouse' }),
    JSON.stringify({ scenario: 'touchscreen', answer: 'salut', lang: 'de' }),
    '',
    JSON.stringify({ scenario: '9', answer: '' }),
  ].join('\n') + '\n';
  const r = run(['--jsonl'], input);
  expect(r.status).toBe(0);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(out).toHaveLength(8);
  expect(Object.keys(out[0])).toEqual(KEYS);
  expect(out[0].scenario).toBe('lost-mouse');
  expect(out[0].score).toBeGreaterThan(0);
  expect(out[1]).toEqual({ error: expect.stringContaining('invalid JSON'), line: 2 });
  expect(out[2]).toEqual({ error: expect.stringContaining('unknown scenario "12"'), line: 3 });
  expect(out[2].error).toContain('1 lost-mouse');
  expect(out[3]).toMatchObject({ scenario: 'illegal-mp3', covered: ['refuse-illegal'], flags: [] });
  expect(out[4]).toEqual({ error: '"answer" must be a string', line: 5 });
  expect(out[5]).toEqual({ error: '"lang" must be fr or en', line: 6 });
  expect(out[6]).toEqual({ error: expect.stringContaining('empty line'), line: 7 });
  expect(out[7]).toEqual({ scenario: 'cottage-camera', score: 0, max: 10, covered: [], missed: ['positive-personal', 'outside-mandate', 'alternatives', 'privacy', 'camera-security'], flags: [] });
});

test('usage errors exit 2; an unknown scenario lists the valid ones', () => {
  const unknown = run(['--scenario', 'nope', 'answer']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown scenario "nope"');
  expect(unknown.stderr).toContain('1 lost-mouse, 2 monday-password');
  expect(run(['--scenario', '42', 'answer']).status).toBe(2);
  expect(run(['--scenario', '1', '--lang', 'de', 'answer']).stderr).toContain('--lang must be fr or en');
  expect(run(['--scenario', '1']).status).toBe(2);
  expect(run(['answer']).status).toBe(2);
  expect(run(['--jsonl', 'answer']).status).toBe(2);
  expect(run(['--bogus']).status).toBe(2);
});

test('content with errors exits 1 with the linter messages', () => {
  const r = run(['--scenario', '1', 'x'], '', { COACH_CONTENT_DIR: join(root, 'test/fixtures/broken-content') });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('error:');
});

describe('in-process', () => {
  const io = (input = '', extra: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), env: { COACH_CONTENT_DIR: join(root, 'content'), ...extra }, stdin: Readable.from([input]) } };
  };

  test('the language defaults to the answer\'s, else COACH_LANG; answers can mix languages', async () => {
    const a = io('', { COACH_LANG: 'en' });
    expect(await grade(['--scenario', '1', 'je vérifie les piles, then I show her the Ctrl trick'], a.io)).toBe(0);
    expect(JSON.parse(a.out.join(''))).toMatchObject({ scenario: 'lost-mouse', covered: ['check-causes', 'fix-and-explain'] });
  });

  test('--jsonl with --scenario as the default for lines without one', async () => {
    const a = io(JSON.stringify({ answer: 'torrent' }) + '\n');
    expect(await grade(['--jsonl', '--scenario', 'illegal-mp3'], a.io)).toBe(0);
    expect(JSON.parse(a.out.join(''))).toMatchObject({ scenario: 'illegal-mp3', flags: ['downloads-anyway'] });
  });
});
