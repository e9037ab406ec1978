// The JSON store: group commit, durability of each confirmation, failures, workspace isolation.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFs, type AdapterFs } from '../../src/store/fsync-adapter.js';
import { openJsonStore, workspaceStore, type JsonStore } from '../../src/store/json-store.js';
import { StoreClosedError, StoreOpenError, StoreWriteError } from '../../src/store/errors.js';
import { SCHEMA_VERSION, type CoachData } from '../../src/store/schema.js';
import { tempDir, warnings } from './tmp.js';

const onDisk = (file: string): CoachData => JSON.parse(readFileSync(file, 'utf8'));
const counters = (data: CoachData) => (data as unknown as { counters?: Record<string, number> }).counters ?? {};
/** Tests keep a scratch counter map at the top level (the schema does not forbid extra keys). */
function bump(data: CoachData, key: string) {
  const d = data as unknown as { counters?: Record<string, number> };
  d.counters ??= {};
  d.counters[key] = (d.counters[key] ?? 0) + 1;
}

test('first run creates the folder and the file with empty data', async () => {
  const file = join(tempDir(), 'nested', 'data', 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  expect(onDisk(file)).toEqual({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: {} });
  expect(store.file).toBe(file);
  await store.close();
  expect(existsSync(`${file}.lock`)).toBe(false);
});

test('5,000 concurrent updates: each recorded exactly once, in far fewer writes', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const results = await Promise.all(
    Array.from({ length: 5000 }, (_, i) =>
      store.update((data) => {
        bump(data, `c${i % 50}`);
        bump(data, 'all');
        return i;
      }),
    ),
  );
  expect(results).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  const { writes } = store.stats();
  expect(writes).toBeGreaterThanOrEqual(1);
  expect(writes).toBeLessThan(50);
  await store.close();

  const reopened = await openJsonStore(file, { backupsKept: 0 });
  const c = reopened.read(counters);
  expect(c.all).toBe(5000);
  for (let k = 0; k < 50; k++) expect(c[`c${k}`]).toBe(100);
  expect(reopened.stats().writes).toBe(0);
  await reopened.close();
});

test('updates arriving in waves, including from inside resolutions, are all written', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const chained: Promise<unknown>[] = [];
  const first = Array.from({ length: 200 }, () =>
    store.update((d) => bump(d, 'n')).then(() => {
      chained.push(store.update((d) => bump(d, 'n')));
    }),
  );
  await Promise.all(first);
  for (let wave = 0; wave < 5; wave++) {
    await new Promise((r) => setTimeout(r, 1));
    for (let i = 0; i < 100; i++) chained.push(store.update((d) => bump(d, 'n')));
  }
  await Promise.all(chained);
  expect(counters(onDisk(file)).n).toBe(200 + 200 + 500);
  await store.close();
});

test('each update resolves only once its change is in the file', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const seen: boolean[] = [];
  await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      store.update((d) => bump(d, `k${i}`)).then(() => {
        seen.push(counters(onDisk(file))[`k${i}`] === 1);
      }),
    ),
  );
  expect(seen).toHaveLength(300);
  expect(seen.every(Boolean)).toBe(true);
  // And nothing is reported before a write: a change is in memory at once, on disk only after the window.
  const pending = store.update((d) => bump(d, 'late'));
  expect(store.read(counters).late).toBe(1);
  expect(counters(onDisk(file)).late).toBeUndefined();
  await pending;
  expect(counters(onDisk(file)).late).toBe(1);
  await store.close();
});

test('a write covers everything applied so far; writes never overlap', async () => {
  const file = join(tempDir(), 'coach.json');
  let active = 0;
  let maxActive = 0;
  const slowFs: AdapterFs = {
    ...nodeFs,
    async rename(from, to) {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 20));
      await nodeFs.rename(from, to);
      active--;
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs: slowFs });
  const all: Promise<unknown>[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 100; i++) all.push(store.update((d) => bump(d, 'n')));
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(all);
  expect(maxActive).toBe(1);
  // 10 rounds 5 ms apart against 20 ms writes: a few writes (at most one per round, never one per update).
  expect(store.stats().writes).toBeLessThanOrEqual(10);
  expect(counters(onDisk(file)).n).toBe(1000);
  await store.close();
});

test('a write holds exactly the changes applied before it started, not those applied while it runs', async () => {
  // lowdb's db.write() hands db.data to the adapter, which serialises it before its first await.
  const file = join(tempDir(), 'coach.json');
  const documents: string[] = [];
  let armed = false;
  let release!: () => void;
  let appending!: () => void;
  const appendStarted = new Promise<void>((r) => (appending = r));
  const fs: AdapterFs = {
    ...nodeFs,
    async open(path, flags) {
      if (armed && flags === 'a') {
        armed = false; // the first write's log append waits until released
        appending();
        await new Promise<void>((r) => (release = r));
      }
      const handle = await nodeFs.open(path, flags);
      if (!path.includes('.tmp-')) return handle;
      return { writeFile: async (d) => (documents.push(d), handle.writeFile(d)), sync: () => handle.sync(), close: () => handle.close() };
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs });
  documents.length = 0;
  armed = true;
  const ws = workspaceStore(store, 'A');
  const event = (user: string) => ({ at: 'now', channel: 'C1', user, delta: 1, kind: 'award' as const, reason: user, by: 'U9' });
  const first = ws.update((w) => {
    w.members.U1 = {};
    w.scoreLog.push(event('U1'));
  });
  await appendStarted; // the first write has serialised its document and is appending its log line
  const second = ws.update((w) => {
    w.members.U2 = {};
    w.scoreLog.push(event('U2'));
  });
  release();
  await Promise.all([first, second]);
  const [one, two] = documents.map((d) => JSON.parse(d) as CoachData);
  expect(documents).toHaveLength(2);
  expect(Object.keys(one!.workspaces.A!.members)).toEqual(['U1']);
  expect(one!.logEntries).toBe(1);
  expect(Object.keys(two!.workspaces.A!.members)).toEqual(['U1', 'U2']);
  expect(two!.logEntries).toBe(2);
  expect((await store.readLog('A')).map((e) => e.user)).toEqual(['U1', 'U2']);
  await store.close();
});

test('the commit window groups updates that arrive within it', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0, commitWindowMs: 30 });
  const a = store.update((d) => bump(d, 'a'));
  await new Promise((r) => setTimeout(r, 5));
  const b = store.update((d) => bump(d, 'b'));
  await Promise.all([a, b]);
  expect(store.stats().writes).toBe(1);
  await store.close();
});

test('a throwing update rejects only its caller', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const ok1 = store.update((d) => bump(d, 'ok'));
  const bad = store.update(() => {
    throw new Error('invalid answer');
  });
  const ok2 = store.update((d) => bump(d, 'ok'));
  await expect(bad).rejects.toThrow('invalid answer');
  await expect(Promise.all([ok1, ok2])).resolves.toBeDefined();
  expect(counters(onDisk(file)).ok).toBe(2);
  await expect(store.update(async () => 1)).rejects.toThrow('must be synchronous');
  await expect(store.update((d) => bump(d, 'ok'))).resolves.toBeUndefined();
  await store.close();
});

test('update() inside an update function is refused', async () => {
  const store = await openJsonStore(join(tempDir(), 'coach.json'), { backupsKept: 0 });
  let inner: Promise<unknown> | undefined;
  await store.update(() => {
    inner = store.update(() => 1);
  });
  await expect(inner).rejects.toThrow('inside an update function');
  await store.close();
});

test('a failed write rejects its whole batch and every later update; the file keeps the last recorded state', async () => {
  const file = join(tempDir(), 'coach.json');
  let failing = false;
  const fs: AdapterFs = {
    ...nodeFs,
    async open(path, flags) {
      if (failing && path.includes('.tmp-')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return nodeFs.open(path, flags);
    },
  };
  const { warn, messages } = warnings();
  const store = await openJsonStore(file, { backupsKept: 0, fs, warn });
  await store.update((d) => bump(d, 'kept'));
  const before = readFileSync(file);

  failing = true;
  const batch = Array.from({ length: 20 }, () => store.update((d) => bump(d, 'lost')));
  const outcomes = await Promise.allSettled(batch);
  expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
  const reason = (outcomes[0] as PromiseRejectedResult).reason;
  expect(reason).toBeInstanceOf(StoreWriteError);
  expect(reason.message).toContain(file);
  expect(reason.message).toContain('ENOSPC');
  expect(reason.message).toContain('NOT recorded');
  expect(messages.join('\n')).toContain('ENOSPC');

  failing = false; // even once the disk is fine again, nothing more is reported as recorded
  await expect(store.update((d) => bump(d, 'after'))).rejects.toThrow(/not recording changes.*ENOSPC/);
  expect(store.stats().failure).toContain('ENOSPC');
  expect(readFileSync(file)).toEqual(before);
  await store.close();
  expect(readFileSync(file)).toEqual(before);
  expect(readdirSync(join(file, '..')).filter((n) => n.includes('.tmp-'))).toEqual([]);
});

test('a failure of the rename (after fsync) rejects the batch too', async () => {
  const file = join(tempDir(), 'coach.json');
  let failing = false;
  const fs: AdapterFs = {
    ...nodeFs,
    async rename(from, to) {
      if (failing) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return nodeFs.rename(from, to);
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs, warn: () => undefined });
  failing = true;
  await expect(store.update((d) => bump(d, 'x'))).rejects.toBeInstanceOf(StoreWriteError);
  expect(counters(onDisk(file)).x).toBeUndefined();
  await store.close();
});

test('close() flushes pending updates and waits; updates after close are refused', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0, commitWindowMs: 1000 });
  const p = store.update((d) => bump(d, 'n'));
  await store.close();
  await expect(p).resolves.toBeUndefined();
  expect(counters(onDisk(file)).n).toBe(1);
  await expect(store.update((d) => bump(d, 'n'))).rejects.toBeInstanceOf(StoreClosedError);
  await store.close(); // idempotent
});

test('one store per file: a second open is refused until the first is closed', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  await expect(openJsonStore(file, { backupsKept: 0 })).rejects.toBeInstanceOf(StoreOpenError);
  await store.close();
  const again = await openJsonStore(file, { backupsKept: 0 });
  await again.close();
});

test('a lock left by a dead process is taken over; one held by a live process is refused', async () => {
  const file = join(tempDir(), 'coach.json');
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345 })); // above pid_max: not running
  const store = await openJsonStore(file, { backupsKept: 0 });
  await store.close();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
  try {
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: other.pid }));
    const err = await openJsonStore(file, { backupsKept: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err.message).toContain(`in use by another Support Coach process (pid ${other.pid})`);
    expect(err.message).toContain(`${file}.lock`);
  } finally {
    other.kill('SIGKILL');
  }
});

test('temp files left by a killed process are removed at open', async () => {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  await (await openJsonStore(file, { backupsKept: 0 })).close();
  writeFileSync(`${file}.tmp-99999`, '{"half":');
  const store = await openJsonStore(file, { backupsKept: 0 });
  expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  await store.close();
});

describe('workspaceStore', () => {
  let store: JsonStore;
  let file: string;
  beforeEach(async () => {
    file = join(tempDir(), 'coach.json');
    store = await openJsonStore(file, { backupsKept: 0 });
  });
  afterEach(() => store.close());

  test('a workspace sees only its own slice', async () => {
    const a = workspaceStore(store, 'A');
    const b = workspaceStore(store, 'B');
    await a.update((ws) => {
      ws.members.U1 = { name: 'Ana' };
    });
    await b.update((ws) => {
      ws.members.U2 = { name: 'Bo' };
    });
    expect(a.workspace).toBe('A');
    expect(a.read((ws) => Object.keys(ws.members))).toEqual(['U1']);
    expect(b.read((ws) => Object.keys(ws.members))).toEqual(['U2']);
    expect(Object.keys(onDisk(file).workspaces).sort()).toEqual(['A', 'B']);
  });

  test('reading an unknown workspace sees an empty frozen slice and creates nothing', async () => {
    const c = workspaceStore(store, 'C');
    expect(c.read((ws) => ws)).toEqual({ members: {}, channels: {}, scoreLog: [] });
    expect(c.read((ws) => Object.isFrozen(ws) && Object.isFrozen(ws.members) && Object.isFrozen(ws.scoreLog))).toBe(true);
    expect(() => c.read((ws) => (ws.scoreLog as unknown[]).push(1))).toThrow();
    const proto = workspaceStore(store, 'constructor');
    expect(proto.read((ws) => ws.scoreLog.length)).toBe(0);
    await store.update(() => undefined);
    expect(store.read((d) => Object.keys(d.workspaces))).toEqual([]);
    expect(onDisk(file).workspaces).toEqual({});
  });

  test('the first update creates the slice; a refused first update leaves none', async () => {
    const d = workspaceStore(store, 'D');
    await expect(
      d.update(() => {
        throw new Error('not an admin');
      }),
    ).rejects.toThrow('not an admin');
    expect(store.read((data) => Object.hasOwn(data.workspaces, 'D'))).toBe(false);
    await d.update((ws) => ws.scoreLog.push({ at: 'now', channel: 'C1', user: 'U1', delta: 1, kind: 'award', reason: 'r', by: 'U9' }));
    // The event went to the score log; the slice exists, with its scoreLog emptied.
    expect(onDisk(file).workspaces.D).toEqual({ members: {}, channels: {}, scoreLog: [] });
    expect(await d.readLog()).toEqual([expect.objectContaining({ delta: 1 })]);
  });

  test('invalid workspace ids are refused', () => {
    expect(() => workspaceStore(store, '')).toThrow(TypeError);
    expect(() => workspaceStore(store, '__proto__')).toThrow(TypeError);
  });
});
