// `coach review` as a user runs it (the built CLI in a real process): the JSON contract, --jsonl, errors;
// and `/coach review` in the terminal chat with piped stdin, buttons included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

const env = { PATH: process.env.PATH, COACH_CONTENT_DIR: join(root, 'content') };
const review = (args: string[], input = '') =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'review', ...args], { cwd: root, input, encoding: 'utf8', env });

const KEYS = ['situation', 'score', 'present', 'missing', 'violations', 'remarks'];
const REMARK_KEYS = ['id', 'kind', 'phrase', 'suggestion'];

test('one draft: one JSON object, keys in the contract’s order, each remark quoting the draft', () => {
  const draft = 'Hi Sam,\n\nI understand, but as I explained twice already, you need to restart after the update. This is not a bug.\n\nHave a good day';
  const r = review(['--situation', 'angry-user', draft]);
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('');
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const json = JSON.parse(lines[0]!);
  expect(Object.keys(json)).toEqual(KEYS);
  expect(json).toMatchObject({ situation: 'angry-user', violations: ['defensive'], missing: expect.arrayContaining(['empathy', 'apology', 'satisfaction-check']) });
  expect(json.present).toEqual(['resolution', 'warm-closing']);
  expect(json.score).toBe(1); // (2 + 1) / 8 of the principles' weight, minus 3 for being defensive
  for (const remark of json.remarks) {
    expect(Object.keys(remark)).toEqual(REMARK_KEYS);
    expect(['present', 'missing', 'violation']).toContain(remark.kind);
    expect(draft).toContain(remark.phrase);
    expect(remark.suggestion.length).toBeGreaterThan(10);
  }
  expect(json.remarks[0]).toEqual({
    id: 'defensive', kind: 'violation',
    phrase: 'I understand, but as I explained twice already, you need to restart after the update.',
    suggestion: 'Let me go through the steps again here to make it easier.',
  });
});

test('--lang sets the suggestions’ language; a situation may be given by a playbook alias', () => {
  const r = review(['--situation', 'panne', '--lang', 'en', 'Le serveur est tombé.']);
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.situation).toBe('outage');
  expect(json.remarks.find((x: { id: string }) => x.id === 'apology').suggestion).toMatch(/^We’re sorry/);
});

test('without --situation the situation is guessed; when unclear, stderr says so with the candidates and the exit code is 1', () => {
  const clear = review(['Bonjour à tous, le serveur de fichiers est inaccessible depuis 8 h 30. Prochaine mise à jour à 10 h.']);
  expect(clear.status).toBe(0);
  expect(JSON.parse(clear.stdout).situation).toBe('outage');
  const vague = review(['Ok.']);
  expect(vague.status).toBe(1);
  expect(vague.stdout).toBe('');
  expect(vague.stderr).toMatch(/^the situation is unclear: give it \(one of angry-user, outage, change-refused, ticket-flood\) \(likeliest first: [a-z-]+, [a-z-]+, [a-z-]+, [a-z-]+\)\.\n$/);
});

test('--jsonl: one JSON line per input line, in order; bad lines say what is wrong and where', () => {
  const input = [
    JSON.stringify({ situation: 'outage', lang: 'fr', draft: 'Nous sommes désolés : le VPN est coupé depuis 8 h. Prochaine mise à jour à 10 h.' }),
    JSON.stringify({ draft: 'Hi Priya, we are swamped with tickets this morning. Got your ticket about the label printer: Dan will be there by 10:30.' }),
    'not json',
    JSON.stringify({ situation: 'nope', draft: 'Hello' }),
    JSON.stringify({ situation: 'outage', lang: 'de', draft: 'Hallo' }),
    JSON.stringify({ situation: 'outage', draft: '' }),
    JSON.stringify({ draft: 'Ok.' }),
    '',
  ].join('\n') + '\n';
  const r = review(['--jsonl'], input);
  expect(r.status).toBe(0);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(out).toHaveLength(8);
  expect(Object.keys(out[0])).toEqual(KEYS);
  expect(out[0]).toMatchObject({ situation: 'outage', present: ['apology', 'status', 'next-update'], missing: ['workaround'], violations: [] });
  expect(out[1]).toMatchObject({ situation: 'ticket-flood', score: 10 });
  expect(out[2]).toMatchObject({ line: 3, error: expect.stringMatching(/^invalid JSON/) });
  expect(out[3]).toEqual({ error: 'unknown situation "nope"', line: 4 });
  expect(out[4]).toEqual({ error: '"lang" must be fr or en', line: 5 });
  expect(out[5]).toEqual({ error: 'empty draft', line: 6 });
  expect(out[6]).toMatchObject({ line: 7, error: expect.stringMatching(/situation is unclear/), candidates: expect.arrayContaining(['outage']) });
  expect(out[7]).toMatchObject({ line: 8, error: expect.stringMatching(/^empty line/) });
});

test('usage mistakes exit 2 with the usage', () => {
  const none = review([]);
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('usage: coach review --situation SITUATION');
  expect(review(['--situation', 'weather', 'Hello']).stderr).toMatch(/^unknown situation "weather": use one of angry-user, outage, change-refused, ticket-flood\./);
  expect(review(['--lang', 'de', '--situation', 'outage', 'Hallo']).status).toBe(2);
  expect(review(['--jsonl', 'draft on the command line']).status).toBe(2);
  expect(review(['--frobnicate']).status).toBe(2);
});

test('the terminal chat: /coach review answers privately, asks the situation with numbered buttons, and writes no draft to disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coach-review-shell-'));
  try {
    const draft = 'Bonjour Julie, désolée : je ne peux pas vous donner Photoshop, mais Canva peut faire le travail.';
    const secret = 'Photoshop';
    const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
      cwd: root, encoding: 'utf8', timeout: 20_000,
      input: `/coach review Ok.\n2\n/coach review --situation change-refused ${draft}\n/coach review\n/coach help\n`,
      env: { ...env, COACH_LANG: 'fr', COACH_DATA_FILE: join(dir, 'coach.json') },
    });
    expect(run.status).toBe(0);
    const out = run.stdout;
    // Unclear: the question and one numbered button per situation; "2" reviews it as the second.
    expect(out).toContain('À quelle situation répond ce brouillon? Je ne suis pas certain.');
    expect(out).toMatch(/\[2\] [^\n]+\n/);
    expect(out).not.toMatch(/\(\/coach review --situation/); // the command behind the button is not shown
    expect(out).toMatch(/# Révision de votre brouillon · /);
    // The explicit review: score, what to fix, add and keep, quoting the draft.
    const at = out.indexOf('# Révision de votre brouillon · L’utilisateur demande un changement qui ne sera pas fait');
    expect(at).toBeGreaterThan(0);
    const block = out.slice(at);
    expect(block).toMatch(/Note : \d+\/10/);
    expect(block).toContain('• Être personnel : « Bonjour Julie, désolée »');
    expect(block).toContain('• Une solution de rechange : « je ne peux pas vous donner Photoshop, mais Canva peut faire le travail. »');
    expect(block).toContain('La raison du refus : après « je ne peux pas vous donner Photoshop, mais Canva peut faire le travail. »');
    expect(block).toContain('Votre brouillon n’est ni conservé ni transmis');
    expect(out).toContain('Utilisation : /coach review VOTRE BROUILLON');
    expect(out).toContain('/coach review BROUILLON : je révise votre réponse à un utilisateur');
    // Nothing of the drafts was written to the data folder.
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.endsWith('.json') || name.endsWith('.jsonl')) expect(readFileSync(path, 'utf8')).not.toContain(secret);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
