// Schema versions: a version-0 file (the prototype's "teams" shape) is migrated at open, after a copy is
// kept as <file>.v0.bak; the chain of migrations reaches the code's version.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreOpenError } from '../../src/store/errors.js';
import { nodeFs, type AdapterFs } from '../../src/store/fsync-adapter.js';
import { openJsonStore, workspaceStore } from '../../src/store/json-store.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { MIGRATIONS, MigrationError, migrate } from '../../src/store/migrations.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { tempDir, warnings } from './tmp.js';

const v0 = {
  schemaVersion: 0,
  teams: {
    T1: {
      members: { U1: { name: 'Ana', lang: 'fr' } },
      channels: { C1: { challenges: [{ id: '2026-11-20-s1', scenarioId: 's1', day: '2026-11-20', postedAt: 'x', revealAt: null, revealedAt: null, answers: {} }] } },
      scoreLog: [{ at: 'x', channel: 'C1', user: 'U1', delta: 3, kind: 'answer', reason: 'r', by: 'U1' }],
    },
    T2: {},
  },
};

test('the migrations form a chain from 0 to the current version', () => {
  expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => [i, i + 1]));
});

test('a version-0 file is migrated at open, written as the current version, and the original kept as .v0.bak', async () => {
  const file = join(tempDir(), 'coach.json');
  const original = JSON.stringify(v0, null, 2);
  writeFileSync(file, original);
  const { warn, messages } = warnings();
  const store = await openJsonStore(file, { backupsKept: 0, warn });
  expect(readFileSync(`${file}.v0.bak`, 'utf8')).toBe(original);
  const onDisk = JSON.parse(readFileSync(file, 'utf8'));
  expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
  expect(onDisk.teams).toBeUndefined();
  expect(onDisk.workspaces.T1.members.U1).toEqual({ name: 'Ana', lang: 'fr' });
  // Its score event went to the score log (version 2).
  expect(onDisk.workspaces.T1.scoreLog).toEqual([]);
  expect(onDisk.logEntries).toBe(1);
  expect(await store.readLog('T1')).toEqual([{ workspace: 'T1', ...v0.teams.T1.scoreLog[0] }]);
  expect(onDisk.workspaces.T1.channels.C1).toMatchObject({ pausedDates: [], rotation: { order: [], next: 0 }, totals: {} });
  expect(onDisk.workspaces.T1.channels.C1.challenges[0].id).toBe('2026-11-20-s1');
  expect(onDisk.workspaces.T2).toEqual({ members: {}, channels: {}, scoreLog: [] });
  expect(store.read((d) => d.workspaces.T1?.members.U1?.name)).toBe('Ana');
  expect(messages.join('\n')).toMatch(new RegExp(`migrated its data file .* from schema version 0 to ${SCHEMA_VERSION}; the original is kept as .*coach\\.json\\.v0\\.bak`));
  await store.update((d) => {
    d.workspaces.T1!.members.U2 = { name: 'Bo' };
  });
  await store.close();

  // Reopening does not migrate again.
  const again = await openJsonStore(file, { backupsKept: 0, warn });
  expect(again.read((d) => Object.keys(d.workspaces.T1!.members))).toEqual(['U1', 'U2']);
  await again.close();
  expect(messages.filter((m) => m.includes('migrated'))).toHaveLength(1);
});

// Version 1: the score history inside the document (each workspace's scoreLog), no score log file.
const event = (n: number) => ({ at: `2026-11-2${n % 10}T14:00:00.000Z`, channel: 'C1', user: `U${n % 3}`, delta: n, kind: 'answer' as const, reason: `r${n}`, by: `U${n % 3}` });
const v1 = {
  schemaVersion: 1,
  workspaces: {
    T1: { members: { U0: { name: 'Ana' } }, channels: {}, scoreLog: [event(1), event(2), event(3)] },
    T2: { members: {}, channels: {}, scoreLog: [event(4)] },
    T3: { members: {}, channels: {}, scoreLog: [] },
  },
};

test('a version-1 file (events in scoreLog) is migrated: its events move to the score log, in order, per workspace', async () => {
  const file = join(tempDir(), 'coach.json');
  const original = JSON.stringify(v1);
  writeFileSync(file, original);
  const { warn, messages } = warnings();
  const store = await openJsonStore(file, { backupsKept: 0, warn });
  expect(readFileSync(`${file}.v1.bak`, 'utf8')).toBe(original);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  expect(doc).toMatchObject({ schemaVersion: SCHEMA_VERSION, logEntries: 4 });
  for (const ws of Object.values(doc.workspaces) as { scoreLog: unknown[] }[]) expect(ws.scoreLog).toEqual([]);
  expect(readFileSync(scoreLogFile(file), 'utf8').split('\n').slice(0, -1).map((l) => JSON.parse(l))).toEqual([
    { workspace: 'T1', ...event(1) },
    { workspace: 'T1', ...event(2) },
    { workspace: 'T1', ...event(3) },
    { workspace: 'T2', ...event(4) },
  ]);
  expect(await workspaceStore(store, 'T1').readLog()).toEqual([event(1), event(2), event(3)]);
  expect(await workspaceStore(store, 'T2').readLog()).toEqual([event(4)]);
  expect(messages.join('\n')).toContain(`from schema version 1 to ${SCHEMA_VERSION}`);
  expect(messages.join('\n')).toContain('moved 4 score event(s) from its data file');
  await workspaceStore(store, 'T2').update((ws) => void ws.scoreLog.push(event(5)));
  await store.close();

  const again = await openJsonStore(file, { backupsKept: 0, warn });
  expect((await again.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  await again.close();
  expect(messages).toHaveLength(2); // nothing migrated or moved the second time
});

test('a crash while moving the events of a version-1 file: the file stays version 1, and the next open moves them once', async () => {
  const file = join(tempDir(), 'coach.json');
  writeFileSync(file, JSON.stringify(v1));
  // The data file's rename fails after the log lines were appended: the open fails like a crash there.
  const fs: AdapterFs = { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' })) };
  const err = await openJsonStore(file, { backupsKept: 0, fs, warn: () => undefined }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreOpenError);
  expect((err as Error).message).toContain('could not be migrated to version 2: writing failed (EIO');
  expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
  expect(readFileSync(scoreLogFile(file), 'utf8').split('\n')).toHaveLength(5); // 4 unconfirmed lines

  const { warn, messages } = warnings();
  const store = await openJsonStore(file, { backupsKept: 0, warn });
  expect((await store.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2', 'r3', 'r4']);
  expect(messages.join('\n')).toContain('4 score event(s) written just before a crash and never confirmed');
  await store.close();
});

test('an existing, different .v0.bak is not overwritten', async () => {
  const file = join(tempDir(), 'coach.json');
  writeFileSync(`${file}.v0.bak`, 'older copy');
  writeFileSync(file, JSON.stringify(v0));
  const store = await openJsonStore(file, { backupsKept: 0, warn: () => undefined });
  await store.close();
  expect(readFileSync(`${file}.v0.bak`, 'utf8')).toBe('older copy');
  const dir = join(file, '..');
  const copies = require('node:fs').readdirSync(dir).filter((n: string) => /^coach\.json\.v0-.*\.bak$/.test(n));
  expect(copies).toHaveLength(1);
  expect(readFileSync(join(dir, copies[0]), 'utf8')).toBe(JSON.stringify(v0));
});

test('a migration that cannot produce valid data leaves the file alone', async () => {
  const file = join(tempDir(), 'coach.json');
  const bad = JSON.stringify({ schemaVersion: 0, teams: { T1: { channels: { C1: { rotation: { order: 'x' } } } } } });
  writeFileSync(file, bad);
  await expect(openJsonStore(file, { backupsKept: 0 })).rejects.toThrow(
    new RegExp(`cannot be migrated to version ${SCHEMA_VERSION}: the result does not have the expected structure`),
  );
  expect(readFileSync(file, 'utf8')).toBe(bad);
  expect(existsSync(`${file}.v0.bak`)).toBe(false);
});

test('migrate() runs steps in order and reports a missing step', () => {
  const steps = [
    { from: 0, to: 1, description: 'a', migrate: (d: any) => ({ ...d, schemaVersion: 1, a: true }) },
    { from: 1, to: 2, description: 'b', migrate: (d: any) => ({ ...d, schemaVersion: 2, b: d.a }) },
  ];
  const { data, applied } = migrate({ schemaVersion: 0 }, steps, 2);
  expect(data).toEqual({ schemaVersion: 2, a: true, b: true });
  expect(applied.map((s) => s.description)).toEqual(['a', 'b']);
  expect(() => migrate({ schemaVersion: 0 }, steps.slice(1), 2)).toThrow(MigrationError);
  expect(() => migrate({ schemaVersion: 0 }, [{ ...steps[0]!, migrate: (d: any) => d }], 1)).toThrow('produced version 0, not 1');
});
