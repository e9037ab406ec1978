// `npx coach forget` as an admin runs it (issue 16, item 5): exit codes, what it prints, the lock, and
// nothing of the member left in the data file or the score log afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import { applyAward } from '../../src/domain/scores.js';
import { openJsonStore, workspaceStore } from '../../src/store/json-store.js';
import { scoreLogFile } from '../../src/store/score-log.js';

const root = join(__dirname, '../..');
let dir: string;
let file: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-forget-cli-'));
  file = join(dir, 'coach.json');
  const store = await openJsonStore(file, { warn: () => undefined });
  await workspaceStore(store, 'T1').update((d) => {
    d.members.U_ZOE = { name: 'Zoé Tremblay', lang: 'fr' };
    d.channels.C1 = emptyChannel();
    applyAward(d, 'C1', 'U_ZOE', 5, 'belle reprise', 'U_LEAD', new Date('2026-12-01T14:00:00Z'), '2026-12-01');
    applyAward(d, 'C1', 'U_BOB', 2, 'merci', 'U_LEAD', new Date('2026-12-01T14:00:00Z'), '2026-12-01');
  });
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function forget(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'forget', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, input: '', env: { ...process.env, COACH_DATA_FILE: file } });
}

test('--yes forgets: prints what it removed, exits 0, and neither file names the member any more', () => {
  const run = forget('--workspace', 'T1', '--member', 'U_ZOE', '--yes');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^Forgot member "U_ZOE" of workspace "T1" \(known as “Zoé Tremblay”, a name no longer kept\):/);
  expect(run.stdout).toContain('member entry (name, language, preferences, private address): removed');
  expect(run.stdout).toMatch(/running totals: 1 channel, 5 points kept for the team under forgotten-[0-9a-f]{8}/);
  expect(run.stdout).toMatch(/score log lines rewritten with forgotten-[0-9a-f]{8}: 1/);
  const data = readFileSync(file, 'utf8');
  const log = readFileSync(scoreLogFile(file), 'utf8');
  for (const trace of ['U_ZOE', 'Zoé', 'Tremblay']) {
    expect(data).not.toContain(trace);
    expect(log).not.toContain(trace);
  }
  expect(log).toContain('"user":"U_BOB"');
  // Today's backup was made again without them.
  const backups = spawnSync('grep', ['-rl', 'U_ZOE', join(dir, 'backups')], { encoding: 'utf8' });
  expect(backups.stdout).toBe('');
});

test('without --yes and no terminal: exit 2, nothing removed', () => {
  const run = forget('--workspace', 'T1', '--member', 'U_ZOE');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('this cannot be undone; run it in a terminal to confirm, or add --yes. Nothing was removed.');
  expect(readFileSync(file, 'utf8')).toContain('U_ZOE');
});

test('usage mistakes exit 2; unknown workspace or member exit 1', () => {
  const missing = forget('--workspace', 'T1');
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('both --workspace and --member are needed');
  expect(missing.stderr).toContain('usage: coach forget');
  const help = forget('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('usage: coach forget');
  const nobody = forget('--workspace', 'T1', '--member', 'U_NOBODY', '--yes');
  expect(nobody.status).toBe(1);
  expect(nobody.stderr).toBe('coach forget: workspace "T1" keeps nothing about member "U_NOBODY". Nothing was removed.\n');
  const noWs = forget('--workspace', 'T9', '--member', 'U_ZOE', '--yes');
  expect(noWs.status).toBe(1);
  expect(noWs.stderr).toContain('has no workspace "T9"');
});

test('refuses while the coach holds the data file (its lock): exit 1, nothing removed', async () => {
  const store = await openJsonStore(file, { warn: () => undefined });
  try {
    const run = forget('--workspace', 'T1', '--member', 'U_ZOE', '--yes');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`is in use by another Support Coach process (pid ${process.pid})`);
    expect(run.stderr).toContain('Nobody was forgotten.');
  } finally {
    await store.close();
  }
  expect(readFileSync(file, 'utf8')).toContain('U_ZOE');
});
