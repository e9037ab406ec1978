// `npx coach purge --workspace ID` as an operator runs it (issue 13): the confirmation typed on piped stdin
// (or --yes), what it prints, exit codes, the lock, and nothing of the workspace left in the data file, the
// score log or today's backup, while the other workspace keeps every score. A crash at any step of the
// purge leaves files that open consistently.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import { applyAward } from '../../src/domain/scores.js';
import { openJsonStore, workspaceStore } from '../../src/store/json-store.js';
import { jsonInstallations } from '../../src/store/json-installations.js';
import { jsonPort } from '../../src/store/json-port.js';
import { moveToEnd, scoreLogFile } from '../../src/store/score-log.js';

const root = join(__dirname, '../..');
let dir: string;
let file: string;
const at = new Date('2026-12-01T14:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-purge-cli-'));
  file = join(dir, 'coach.json');
  const store = await openJsonStore(file, { warn: () => undefined });
  // Interleaved score events of two workspaces, so the purge has lines to take from the middle of the log.
  for (let i = 0; i < 3; i++) {
    for (const [team, member, name] of [['TGONE', 'U_GONE', 'Gaston Partant'], ['TSTAY', 'U_STAY', 'Stella Reste']] as const) {
      await workspaceStore(store, team).update((d) => {
        d.members[member] = { name, lang: 'fr' };
        d.channels.C1 ??= emptyChannel();
        applyAward(d, 'C1', member, 2 + i, `merci ${team}`, 'U_LEAD', at, '2026-12-01');
      });
    }
  }
  const installations = jsonInstallations(store);
  await installations.save({
    team: { id: 'TGONE', name: 'Gone Inc' }, enterprise: undefined, isEnterpriseInstall: false, authVersion: 'v2',
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined }, bot: { token: 'xoxb-gone-secret', id: 'B1', userId: 'UBOT', scopes: ['commands'] },
  });
  await installations.save({
    team: { id: 'TSTAY', name: 'Stay Inc' }, enterprise: undefined, isEnterpriseInstall: false, authVersion: 'v2',
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined }, bot: { token: 'xoxb-stay-secret', id: 'B2', userId: 'UBOT', scopes: ['commands'] },
  });
  // The replicas' claims (issue 13) name the workspace and its channels in their keys.
  for (const team of ['TGONE', 'TSTAY']) await jsonPort(store).claim(`slot:${team}:C1:2026-12-01`, 'replica-a', 600_000, at);
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function purge(input: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'purge', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, input, env: { ...process.env, COACH_DATA_FILE: file } });
}

function expectGone(): void {
  const data = readFileSync(file, 'utf8');
  const log = readFileSync(scoreLogFile(file), 'utf8');
  for (const trace of ['TGONE', 'U_GONE', 'Gaston', 'xoxb-gone-secret']) {
    expect(data).not.toContain(trace);
    expect(log).not.toContain(trace);
  }
  expect(data).toContain('xoxb-stay-secret');
  expect(data).toContain('slot:TSTAY:C1:2026-12-01');
}

async function staying(): Promise<{ points: number | undefined; log: number[] }> {
  const store = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
  try {
    const ws = workspaceStore(store, 'TSTAY');
    return { points: ws.read((d) => d.channels.C1?.totals.U_STAY?.points), log: (await ws.readLog()).map((e) => e.delta) };
  } finally {
    await store.close();
  }
}

test('the workspace id typed on piped stdin confirms: everything of it goes, the other workspace keeps its scores', async () => {
  const run = purge('TGONE\n', '--workspace', 'TGONE');
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('Workspace "TGONE" in');
  expect(run.stderr).toContain('holds: 1 member, 1 channel (0 challenges, 0 incidents), 3 score log lines, its Slack installation.');
  expect(run.stderr).toContain('Type the workspace id (TGONE) to confirm: ');
  expect(run.stdout).toMatch(/^Purged workspace "TGONE" from .*coach\.json:\n/);
  expect(run.stdout).toContain('  members: 1\n');
  expect(run.stdout).toContain('  score log lines deleted: 3\n');
  expect(run.stdout).toContain('  Slack installation: removed (T:TGONE)\n');
  expect(run.stdout).toContain('older backups in');
  expectGone();
  // Today's backup was made again without it.
  for (const name of readdirSync(join(dir, 'backups'))) expect(readFileSync(join(dir, 'backups', name), 'utf8')).not.toContain('TGONE');
  // The files open consistently, and the other workspace has every point and every line.
  expect(await staying()).toEqual({ points: 9, log: [2, 3, 4] });
  // Again: the workspace is unknown now.
  const again = purge('', '--workspace', 'TGONE');
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('has no workspace "TGONE" (it has: TSTAY). Nothing was deleted.');
});

test('another id typed, or nothing on stdin: exit 2 and nothing deleted; --yes needs no answer', async () => {
  const before = readFileSync(file, 'utf8');
  const wrong = purge('TSTAY\n', '--workspace', 'TGONE');
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain('not confirmed ("TSTAY" is not "TGONE"). Nothing was deleted.');
  const empty = purge('', '--workspace', 'TGONE');
  expect(empty.status).toBe(2);
  expect(empty.stderr).toContain('not confirmed (no answer on stdin). Nothing was deleted.');
  expect(readFileSync(file, 'utf8')).toBe(before);
  const yes = purge('', '--workspace', 'TGONE', '--yes');
  expect(yes.status).toBe(0);
  expect(yes.stderr).toBe('');
  expectGone();
});

test('usage mistakes exit 2; a data file in use exits 1', async () => {
  expect(purge('', '--workspace').status).toBe(2);
  expect(purge('', 'TGONE').status).toBe(2);
  expect(purge('').stderr).toContain('--workspace is needed');
  expect(purge('', '--help').stdout).toContain('usage: coach purge --workspace ID');
  const store = await openJsonStore(file, { warn: () => undefined });
  try {
    const run = purge('TGONE\n', '--workspace', 'TGONE', '--yes');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Nothing was deleted.');
  } finally {
    await store.close();
  }
  expect(readFileSync(file, 'utf8')).toContain('TGONE');
});

test('a crash at any step leaves files that open consistently', async () => {
  // After the log was reordered (its lines at the end) and before the document: everything is still there.
  const logFile = scoreLogFile(file);
  const size = readFileSync(logFile).length;
  await moveToEnd(logFile, size, (e) => e.workspace === 'TGONE');
  expect(readFileSync(logFile).length).toBe(size);
  let store = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
  expect((await store.readLog('TGONE')).map((e) => e.delta)).toEqual([2, 3, 4]);
  expect((await store.readLog('TSTAY')).map((e) => e.delta)).toEqual([2, 3, 4]);
  // The purge done; then its tail put back as if the cut never happened (a crash after the document).
  const tail = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('TGONE')).map((l) => `${l}\n`).join('');
  expect((await store.purgeWorkspace('TGONE')).logEntries).toBe(3);
  await store.close();
  appendFileSync(logFile, tail);
  const warnings: string[] = [];
  store = await openJsonStore(file, { warn: (m) => warnings.push(m), backupsKept: 0 });
  try {
    expect(warnings.join()).toContain('dropped from the end of its score log');
    expect(await store.readLog('TGONE')).toEqual([]);
    expect((await store.readLog('TSTAY')).map((e) => e.delta)).toEqual([2, 3, 4]);
  } finally {
    await store.close();
  }
  expect(readFileSync(logFile, 'utf8')).not.toContain('TGONE');
});
