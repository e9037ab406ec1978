// Rolling daily backups: one per UTC day, taken at open and after the first write of a day, newest 7 kept.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupPath, listBackups, newestGoodBackup } from '../../src/store/backups.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { tempDir } from './tmp.js';

const DAY = 86_400_000;

function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

test('a backup at open, one per day after the first write of the day, only the newest 7 kept', async () => {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  const c = clock('2026-11-01T23:00:00Z');
  const store = await openJsonStore(file, { now: c.now });
  expect(readdirSync(join(dir, 'backups'))).toEqual(['coach-2026-11-01.json']);

  await store.update((d) => void (d.workspaces.T1 = { members: {}, channels: {}, scoreLog: [] }));
  expect(readdirSync(join(dir, 'backups'))).toEqual(['coach-2026-11-01.json']); // same day: the open one stays
  expect(JSON.parse(readFileSync(backupPath(file, '2026-11-01'), 'utf8')).workspaces).toEqual({});

  for (let day = 0; day < 10; day++) {
    c.advance(DAY);
    for (let i = 0; i < 3; i++) {
      await store.update((d) => void (d.workspaces.T1!.members[`U${day}-${i}`] = {}));
    }
  }
  await store.close();
  const names = readdirSync(join(dir, 'backups')).sort();
  expect(names).toEqual(['05', '06', '07', '08', '09', '10', '11'].map((d) => `coach-2026-11-${d}.json`));
  // Each day's backup is the file right after that day's first write.
  const nov5 = JSON.parse(readFileSync(backupPath(file, '2026-11-05'), 'utf8'));
  expect(Object.keys(nov5.workspaces.T1.members)).toContain('U3-0');
  expect(Object.keys(nov5.workspaces.T1.members)).not.toContain('U3-1');
});

test('the day is the UTC date', async () => {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  const store = await openJsonStore(file, { now: () => new Date('2026-03-01T00:30:00+02:00') });
  await store.close();
  expect(readdirSync(join(dir, 'backups'))).toEqual(['coach-2026-02-28.json']);
});

test('a data file with another name gets backups with that name; backupsKept: 0 turns them off', async () => {
  const dir = tempDir();
  const store = await openJsonStore(join(dir, 'team.json'), { now: () => new Date('2026-01-02T10:00:00Z') });
  await store.close();
  expect(readdirSync(join(dir, 'backups'))).toEqual(['team-2026-01-02.json']);
  const other = await openJsonStore(join(dir, 'other.json'), { backupsKept: 0 });
  await other.close();
  expect(readdirSync(join(dir, 'backups'))).toEqual(['team-2026-01-02.json']);
});

test('a backup that cannot be written does not stop the store', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'backups'), 'a file where the folder should be');
  const messages: string[] = [];
  const store = await openJsonStore(join(dir, 'coach.json'), { warn: (m) => void messages.push(m) });
  await store.update((d) => void (d.workspaces.X = { members: {}, channels: {}, scoreLog: [] }));
  await store.close();
  expect(messages.join('\n')).toContain("could not make today's backup");
});

test('newestGoodBackup skips damaged and too-new backups; listBackups ignores other files', async () => {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  mkdirSync(join(dir, 'backups'));
  expect(await newestGoodBackup(file)).toBeNull();
  writeFileSync(backupPath(file, '2026-01-01'), JSON.stringify({ schemaVersion: 0, teams: {} })); // old version: migratable, good
  writeFileSync(backupPath(file, '2026-01-02'), JSON.stringify({ schemaVersion: 1, workspaces: {} }));
  writeFileSync(backupPath(file, '2026-01-03'), JSON.stringify({ schemaVersion: 9, workspaces: {} }));
  writeFileSync(backupPath(file, '2026-01-04'), '');
  writeFileSync(join(dir, 'backups', 'notes.txt'), 'x');
  writeFileSync(join(dir, 'backups', 'other-2026-01-05.json'), '{}');
  expect((await listBackups(file)).map((b) => b.day)).toEqual(['2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01']);
  expect(await newestGoodBackup(file)).toBe(backupPath(file, '2026-01-02'));
  writeFileSync(backupPath(file, '2026-01-02'), '{"schemaVersion":1}');
  expect(await newestGoodBackup(file)).toBe(backupPath(file, '2026-01-01'));
});
