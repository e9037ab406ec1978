// `coach restore`: installs a checked backup, keeps the bad file aside, refuses a bad backup.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restore } from '../../src/cli/restore.js';
import { backupPath } from '../../src/store/backups.js';
import { StoreOpenError } from '../../src/store/errors.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { tempDir } from './tmp.js';

function io(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), env }, out: () => out.join(''), err: () => err.join('') };
}

const good = JSON.stringify({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: { T1: { members: { U1: { name: 'Ana' } }, channels: {}, scoreLog: [] } } });

function damaged() {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  writeFileSync(file, '{"schemaVersion":1,"works');
  mkdirSync(join(dir, 'backups'));
  const backup = backupPath(file, '2026-11-27');
  writeFileSync(backup, good);
  return { dir, file, backup };
}

const asideFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('coach.json.broken-'));

test('the command printed by the refused start restores the backup; the bad file is kept aside', async () => {
  const { dir, file, backup } = damaged();
  const refusal = (await openJsonStore(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(refusal).toBeInstanceOf(StoreOpenError);
  const argv = refusal.command!.split(' ').slice(3); // after "npx coach restore"
  expect(argv).toEqual(['--from', backup, '--file', file]);

  const t = io();
  expect(await restore(argv, t.io)).toBe(0);
  expect(t.out()).toContain(`Backup ${backup}, taken `);
  expect(t.out()).toContain(`Restored ${backup} as ${file}: 1 workspace, 1 member, 0 challenges, 0 score events.`);
  expect(readFileSync(file, 'utf8')).toBe(good);
  const aside = asideFiles(dir);
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"schemaVersion":1,"works');
  expect(t.out()).toContain(`Kept the previous data file as ${join(dir, aside[0]!)}`);
  expect(readFileSync(backup, 'utf8')).toBe(good); // the backup stays
  expect(existsSync(`${file}.lock`)).toBe(false);

  const store = await openJsonStore(file, { backupsKept: 0 });
  expect(store.read((d) => d.workspaces.T1?.members.U1?.name)).toBe('Ana');
  await store.close();
});

test('the data file comes from COACH_DATA_FILE when --file is not given', async () => {
  const { file, backup } = damaged();
  const t = io({ COACH_DATA_FILE: file });
  expect(await restore(['--from', backup], t.io)).toBe(0);
  expect(readFileSync(file, 'utf8')).toBe(good);
});

test('a corrupt backup is refused and nothing changes', async () => {
  const { dir, file } = damaged();
  const bad = backupPath(file, '2026-11-26');
  writeFileSync(bad, '{"schemaVersion":1,"workspaces":');
  const t = io();
  expect(await restore(['--from', bad, '--file', file], t.io)).toBe(1);
  expect(t.err()).toContain(`the backup ${bad} is not valid JSON (truncated?)`);
  expect(t.err()).toContain('Nothing was changed');
  expect(t.err()).toMatch(/coach-2026-11-27\.json {2}\(good\)/);
  expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"works');
  expect(asideFiles(dir)).toEqual([]);

  const missing = io();
  expect(await restore(['--from', join(dir, 'nope.json'), '--file', file], missing.io)).toBe(1);
  expect(missing.err()).toContain('does not exist');
  const newer = join(dir, 'newer.json');
  writeFileSync(newer, '{"schemaVersion":5,"workspaces":{}}');
  const n = io();
  expect(await restore(['--from', newer, '--file', file], n.io)).toBe(1);
  expect(n.err()).toContain('newer Support Coach, version 5');
});

test('--empty moves the file aside so the coach starts empty', async () => {
  const { dir, file } = damaged();
  const t = io();
  expect(await restore(['--empty', '--file', file], t.io)).toBe(0);
  expect(existsSync(file)).toBe(false);
  const aside = asideFiles(dir);
  expect(aside).toHaveLength(1);
  expect(t.out()).toContain(`Moved the data file ${file} to ${join(dir, aside[0]!)}`);
  const store = await openJsonStore(file, { backupsKept: 0 });
  expect(store.read((d) => d.workspaces)).toEqual({});
  await store.close();
  const again = io();
  await expect(restore(['--empty', '--file', join(dir, 'absent.json')], again.io)).resolves.toBe(0);
  expect(again.out()).toContain('nothing to move');
});

test('usage errors exit 2 and list the backups', async () => {
  const { file } = damaged();
  for (const argv of [[], ['--from', 'x', '--empty'], ['--bogus'], ['stray'], ['--from', file, '--file', file]]) {
    const t = io();
    expect(await restore([...argv, ...(argv.includes('--file') ? [] : ['--file', file])], t.io)).toBe(2);
    expect(t.err()).toContain('usage: coach restore');
  }
  const t = io();
  await restore(['--file', file], t.io);
  expect(t.err()).toContain('coach-2026-11-27.json  (good)');
  const h = io();
  expect(await restore(['--help'], h.io)).toBe(0);
  expect(h.out()).toContain('usage: coach restore');
});

test('refuses while a running coach holds the file', async () => {
  const { file, backup } = damaged();
  writeFileSync(file, good);
  const store = await openJsonStore(file, { backupsKept: 0 });
  const t = io();
  expect(await restore(['--from', backup, '--file', file], t.io)).toBe(1);
  expect(t.err()).toContain('is already open');
  await store.close();
});

describe('with a score log', () => {
  const line = (reason: string) => JSON.stringify({ workspace: 'T1', at: 'x', channel: 'C1', user: 'U1', delta: 1, kind: 'award', reason, by: 'U9' }) + '\n';

  test('--empty moves a damaged score log aside too', async () => {
    const { dir, file } = damaged();
    writeFileSync(scoreLogFile(file), line('a') + '{"workspace":"T1", not json\n');
    const t = io();
    expect(await restore(['--empty', '--file', file], t.io)).toBe(0);
    expect(existsSync(scoreLogFile(file))).toBe(false);
    const aside = readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.broken-'));
    expect(aside).toHaveLength(1);
    expect(t.out()).toContain(`Moved the score log ${scoreLogFile(file)} to ${join(dir, aside[0]!)}`);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(line('a') + '{"workspace":"T1", not json\n');
    expect(t.out()).toContain('is damaged');
  });

  test('--empty with an intact score log keeps it and rebuilds the points from it', async () => {
    const { dir, file } = damaged();
    writeFileSync(scoreLogFile(file), line('a') + line('b'));
    const t = io();
    expect(await restore(['--empty', '--file', file], t.io)).toBe(0);
    expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(line('a') + line('b'));
    expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.'))).toEqual([]);
    expect(t.out()).toContain(`Rebuilt ${file} from its score log: 1 workspace, 1 member, 0 challenges, 2 score events, 2 of them replayed from the score log (+2 points for 1 member).`);
    const store = await openJsonStore(file, { backupsKept: 0 });
    expect(store.read((d) => d.workspaces.T1?.channels.C1?.totals.U1?.points)).toBe(2);
    expect((await store.readLog()).map((e) => e.reason)).toEqual(['a', 'b']);
    await store.close();
  });

  test('a backup from before the score log (version 1): the current log is kept aside, the backup\'s events come back', async () => {
    const { dir, file } = damaged();
    writeFileSync(scoreLogFile(file), line('later'));
    const old = backupPath(file, '2026-11-26');
    const v1 = JSON.stringify({ schemaVersion: 1, workspaces: { T1: { members: {}, channels: {}, scoreLog: [JSON.parse(line('old'))] } } });
    writeFileSync(old, v1.replace(/"workspace":"T1",/, ''));
    const t = io();
    expect(await restore(['--from', old, '--file', file], t.io)).toBe(0);
    expect(existsSync(scoreLogFile(file))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.broken-'))).toHaveLength(1);
    const store = await openJsonStore(file, { backupsKept: 0, warn: () => undefined });
    expect((await store.readLog()).map((e) => e.reason)).toEqual(['old']);
    await store.close();
  });

  test('a backup with a log copy: both installed; lines beyond what the backup counts are dropped at open', async () => {
    const { file } = damaged();
    const backup = backupPath(file, '2026-11-28');
    writeFileSync(backup, JSON.stringify({ schemaVersion: SCHEMA_VERSION, logEntries: 1, workspaces: { T1: { members: {}, channels: {}, scoreLog: [] } } }));
    writeFileSync(scoreLogFile(backup), line('kept') + line('extra'));
    const t = io();
    expect(await restore(['--from', backup, '--file', file], t.io)).toBe(0);
    expect(t.out()).toContain(': 1 workspace, 0 members, 0 challenges, 1 score event.');
    expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(line('kept') + line('extra'));
    const store = await openJsonStore(file, { backupsKept: 0, warn: () => undefined });
    expect((await store.readLog('T1')).map((e) => e.reason)).toEqual(['kept']);
    await store.close();
    expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(line('kept'));
  });
});
