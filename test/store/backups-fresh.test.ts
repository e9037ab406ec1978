// The day's backup is never the empty file of the day's first start: it is refreshed at each start and,
// while changes come in, after 20 score changes or 10 minutes with changes (at most once a minute). Its
// score log copy grows by appending what the log gained, and is copied whole when it is not the log's start.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupPath } from '../../src/store/backups.js';
import { openJsonStore, workspaceStore, type JsonStore } from '../../src/store/json-store.js';
import type { ScoreEvent } from '../../src/store/schema.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { tempDir } from './tmp.js';

const START = Date.parse('2026-12-01T13:00:00Z');
const MINUTE = 60_000;

function setup() {
  let t = START;
  const file = join(tempDir(), 'coach.json');
  const backup = backupPath(file, '2026-12-01');
  return {
    file,
    backup,
    now: () => new Date(t),
    advance: (ms: number) => void (t += ms),
    backupEvents: () => JSON.parse(readFileSync(backup, 'utf8')).logEntries as number,
    backupLogLines: () => readFileSync(scoreLogFile(backup), 'utf8').split('\n').filter(Boolean).length,
  };
}

const award = (n: number): ScoreEvent => ({ at: new Date(START + n * 1000).toISOString(), channel: 'C1', user: `U${n % 4}`, delta: 1, kind: 'award', reason: `merci ${n}`, by: 'lead' });
const scoreChanges = async (store: JsonStore, from: number, count: number) => {
  for (let n = from; n < from + count; n++) await workspaceStore(store, 'T1').update((ws) => void ws.scoreLog.push(award(n)));
};

test('refreshed after 20 score changes, not before, and its log copy is the log’s start', async () => {
  const s = setup();
  const store = await openJsonStore(s.file, { now: s.now });
  expect(s.backupEvents()).toBe(0); // the first start: empty
  s.advance(2 * MINUTE);
  await scoreChanges(store, 0, 19);
  expect(s.backupEvents()).toBe(0);
  await scoreChanges(store, 19, 1);
  expect(s.backupEvents()).toBe(20);
  expect(readFileSync(scoreLogFile(s.backup), 'utf8')).toBe(readFileSync(scoreLogFile(s.file), 'utf8'));
  // Five more a minute later: not yet (fewer than 20, under 10 minutes).
  s.advance(MINUTE);
  await scoreChanges(store, 20, 5);
  expect(s.backupEvents()).toBe(20);
  // Ten minutes on, any change brings the backup up to date, names and all.
  s.advance(10 * MINUTE);
  await workspaceStore(store, 'T1').update((ws) => void (ws.members.U1 = { name: 'Ana' }));
  expect(s.backupEvents()).toBe(25);
  expect(JSON.parse(readFileSync(s.backup, 'utf8')).workspaces.T1.members.U1).toEqual({ name: 'Ana' });
  expect(s.backupLogLines()).toBe(25);
  await store.close();
});

test('at most once a minute, however many changes', async () => {
  const s = setup();
  const store = await openJsonStore(s.file, { now: s.now });
  s.advance(MINUTE);
  await scoreChanges(store, 0, 20);
  expect(s.backupEvents()).toBe(20);
  s.advance(30_000);
  await scoreChanges(store, 20, 45);
  expect(s.backupEvents()).toBe(20); // 45 more, but only 30 s since the last refresh
  s.advance(30_000);
  await scoreChanges(store, 65, 1);
  expect(s.backupEvents()).toBe(66);
  await store.close();
});

test('refreshed at each start, the same day, with what the day brought', async () => {
  const s = setup();
  const first = await openJsonStore(s.file, { now: s.now, backupEvery: { changes: 1000 } });
  await scoreChanges(first, 0, 25);
  await first.close();
  expect(s.backupEvents()).toBe(0); // no refresh while running (1000 changes asked)
  s.advance(5 * 3_600_000); // late in the day
  const second = await openJsonStore(s.file, { now: s.now });
  expect(s.backupEvents()).toBe(25);
  expect(s.backupLogLines()).toBe(25);
  await second.close();
});

test('the log copy grows by appending; a log that is another history is copied whole', async () => {
  const s = setup();
  const store = await openJsonStore(s.file, { now: s.now, backupEvery: { changes: 5, minMs: 0 } });
  await scoreChanges(store, 0, 5);
  const copy = scoreLogFile(s.backup);
  const inode = statSync(copy).ino;
  await scoreChanges(store, 5, 5);
  expect(s.backupLogLines()).toBe(10);
  expect(statSync(copy).ino).toBe(inode); // appended in place, not rewritten
  await store.close();

  // The log replaced by another history of the same length (as a restore can): copied whole at the next start.
  const log = readFileSync(scoreLogFile(s.file), 'utf8');
  writeFileSync(scoreLogFile(s.file), log.replace(/merci 9"/, 'merci X"'));
  const again = await openJsonStore(s.file, { now: s.now });
  expect(readFileSync(copy, 'utf8')).toBe(readFileSync(scoreLogFile(s.file), 'utf8'));
  await again.close();
});
