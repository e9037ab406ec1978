// The score log: events pushed to ws.scoreLog go to <data file>.scores.jsonl (one line each, tagged with the
// workspace), appended and fsynced before the data file that counts them; the document keeps scoreLog: [].
// At open, lines beyond the count (a crash between the two writes) are cut; a log shorter than the count
// is refused with the backup to restore.
import { appendFileSync, existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restore } from '../../src/cli/restore.js';
import { backupPath, newestGoodBackup } from '../../src/store/backups.js';
import { StoreOpenError, StoreWriteError } from '../../src/store/errors.js';
import { nodeFs, type AdapterFs } from '../../src/store/fsync-adapter.js';
import { openJsonStore, workspaceStore } from '../../src/store/json-store.js';
import type { CoachData, ScoreEvent } from '../../src/store/schema.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { tempDir, warnings } from './tmp.js';

const onDisk = (file: string): CoachData => JSON.parse(readFileSync(file, 'utf8'));
const logLines = (file: string): string[] => {
  const path = scoreLogFile(file);
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop();
  return lines;
};
const event = (n: number, user = `U${n % 7}`): ScoreEvent => ({ at: `2026-11-30T14:00:${String(n % 60).padStart(2, '0')}.000Z`, channel: 'C1', user, delta: n, kind: 'answer', reason: `r${n}`, by: user, challengeId: '2026-11-30-s1' });

function fresh() {
  const dir = tempDir();
  return { dir, file: join(dir, 'coach.json') };
}

test('the log file sits beside the data file', () => {
  expect(scoreLogFile('/data/coach.json')).toBe('/data/coach.scores.jsonl');
  expect(scoreLogFile('/data/backups/coach-2026-11-30.json')).toBe('/data/backups/coach-2026-11-30.scores.jsonl');
  expect(scoreLogFile('/data/team.db')).toBe('/data/team.db.scores.jsonl');
});

test('events go to the log, one line each, in order; the document keeps scoreLog: [] and stays small', async () => {
  const { file } = fresh();
  const store = await openJsonStore(file, { backupsKept: 0 });
  const a = workspaceStore(store, 'A');
  await Promise.all(
    Array.from({ length: 2000 }, (_, i) =>
      a.update((ws) => {
        ws.members[`U${i % 7}`] ??= { name: `Member ${i % 7}` };
        ws.scoreLog.push(event(i));
        if (i % 2 === 0) ws.scoreLog.push({ ...event(i), kind: 'streak', delta: 1 });
      }),
    ),
  );
  expect(store.read((d) => d.workspaces.A!.scoreLog)).toEqual([]);
  const writes = store.stats().writes;
  expect(writes).toBeLessThan(50); // group commit: still a handful of writes
  expect(store.stats()).toMatchObject({ logEntries: 3000, pendingLogEntries: 0 });
  await store.close();

  const doc = onDisk(file);
  expect(doc.logEntries).toBe(3000);
  expect(doc.workspaces.A!.scoreLog).toEqual([]);
  expect(statSync(file).size).toBeLessThan(1000); // the members; no history
  const lines = logLines(file);
  expect(lines).toHaveLength(3000);
  expect(lines[0]).toBe(JSON.stringify({ workspace: 'A', ...event(0) }));
  expect(lines[1]).toBe(JSON.stringify({ workspace: 'A', ...event(0), kind: 'streak', delta: 1 }));
  expect(lines.every((l) => l.startsWith('{"workspace":"A",'))).toBe(true);

  const again = await openJsonStore(file, { backupsKept: 0 });
  const log = await workspaceStore(again, 'A').readLog();
  expect(log).toHaveLength(3000);
  expect(log[2]).toEqual(event(1)); // as pushed: no workspace field
  expect(log.filter((e) => e.kind === 'answer').map((e) => e.delta)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  expect(again.stats().writes).toBe(0); // opening a good pair writes nothing
  await again.close();
});

test('commit order: log append and fsync, then the data file (temp, fsync, rename, folder fsync), then the caller', async () => {
  const { dir, file } = fresh();
  const calls: string[] = [];
  const name = (path: string) => (path === dir ? 'dir' : path.slice(dir.length + 1).replace(/\.tmp-\d+$/, '.tmp'));
  const fs: AdapterFs = {
    ...nodeFs,
    async open(path, flags) {
      const handle = await nodeFs.open(path, flags);
      calls.push(`open ${name(path)} ${flags}`);
      return {
        writeFile: async (d) => (calls.push(`write ${name(path)}`), handle.writeFile(d)),
        sync: async () => (calls.push(`fsync ${name(path)}`), handle.sync()),
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      calls.push(`rename ${name(from)} -> ${name(to)}`);
      return nodeFs.rename(from, to);
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs });
  calls.length = 0;
  const ws = workspaceStore(store, 'A');
  await ws.update((w) => void w.scoreLog.push(event(1))).then(() => calls.push('resolved'));
  expect(calls).toEqual([
    'open coach.scores.jsonl a',
    'write coach.scores.jsonl',
    'fsync coach.scores.jsonl',
    'open coach.json.tmp w',
    'write coach.json.tmp',
    'fsync coach.json.tmp',
    'rename coach.json.tmp -> coach.json',
    'open dir r',
    'fsync dir',
    'resolved',
  ]);
  // An update without score events does not touch the log.
  calls.length = 0;
  await ws.update((w) => void (w.members.U1 = {}));
  expect(calls.filter((c) => c.includes('scores'))).toEqual([]);
  await store.close();
});

test('readLog includes events applied and not yet written, and those of a write in progress, once', async () => {
  const { file } = fresh();
  let armed = false;
  let hold: (() => void) | null = null;
  let renaming: (() => void) | null = null;
  const renameStarted = new Promise<void>((r) => (renaming = r));
  const fs: AdapterFs = {
    ...nodeFs,
    async rename(from, to) {
      if (armed && hold === null) {
        await new Promise<void>((r) => {
          hold = r;
          renaming!();
        });
      }
      return nodeFs.rename(from, to);
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs, commitWindowMs: 50 });
  armed = true;
  const a = workspaceStore(store, 'A');
  const first = a.update((w) => void w.scoreLog.push(event(1)));
  // Applied, not written: in readLog (like read()), not in the file.
  expect(store.stats().pendingLogEntries).toBe(1);
  expect((await a.readLog()).map((e) => e.reason)).toEqual(['r1']);
  expect(logLines(file)).toEqual([]);
  await renameStarted; // the log line is in the file, the data file not yet renamed
  expect(logLines(file)).toHaveLength(1);
  const second = a.update((w) => void w.scoreLog.push(event(2)));
  expect((await a.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2']);
  hold!();
  await Promise.all([first, second]);
  expect((await a.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2']);
  expect(store.stats()).toMatchObject({ logEntries: 2, pendingLogEntries: 0 });
  await store.close();
});

test('a workspace reads only its own events; the store reads all, tagged', async () => {
  const { file } = fresh();
  const store = await openJsonStore(file, { backupsKept: 0 });
  const ids = ['A', 'AB', 'A","x', 'constructor'];
  const slices = ids.map((id) => workspaceStore(store, id));
  for (let round = 0; round < 3; round++) {
    await Promise.all(slices.map((s, i) => s.update((ws) => void ws.scoreLog.push(event(round * 10 + i, `${s.workspace}-user`)))));
  }
  // One pending (not yet written) event in AB.
  const pending = slices[1]!.update((ws) => void ws.scoreLog.push(event(99, 'AB-user')));
  for (const s of slices) {
    const own = await s.readLog();
    expect(own.every((e) => e.user === `${s.workspace}-user`)).toBe(true);
    expect(own.some((e) => 'workspace' in e)).toBe(false);
    expect(own).toHaveLength(s.workspace === 'AB' ? 4 : 3);
  }
  const all = await store.readLog();
  expect(all).toHaveLength(13);
  expect(all.every((e) => e.user === `${e.workspace}-user`)).toBe(true);
  expect(await store.readLog('nobody')).toEqual([]);
  expect(await workspaceStore(store, 'nobody').readLog()).toEqual([]);
  await pending;
  // An update through the whole store (not a slice) is looked at in every workspace.
  await store.update((d) => void d.workspaces.A!.scoreLog.push(event(7, 'A-user')));
  expect(await slices[0]!.readLog()).toHaveLength(4);
  expect(store.read((d) => Object.values(d.workspaces).every((ws) => ws.scoreLog.length === 0))).toBe(true);
  await store.close();
});

test('events pushed by an update that then throws are recorded with the next write (no roll-back)', async () => {
  const { file } = fresh();
  const store = await openJsonStore(file, { backupsKept: 0 });
  const a = workspaceStore(store, 'A');
  await expect(
    a.update((ws) => {
      ws.scoreLog.push(event(1));
      throw new Error('half done');
    }),
  ).rejects.toThrow('half done');
  await a.update((ws) => void ws.scoreLog.push(event(2)));
  expect((await a.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2']);
  expect(store.read((d) => d.workspaces.A!.scoreLog)).toEqual([]);
  await store.close();
  expect(logLines(file)).toHaveLength(2);
});

test('crash between the log append and the data file write: the unconfirmed tail is cut at reopen, confirmed events all kept', async () => {
  const { file } = fresh();
  let failing = false;
  const fs: AdapterFs = {
    ...nodeFs,
    async rename(from, to) {
      // The data file's rename fails after the log was appended and fsynced: as if the process died there.
      if (failing) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return nodeFs.rename(from, to);
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs, warn: () => undefined });
  const a = workspaceStore(store, 'A');
  await Promise.all([1, 2, 3].map((n) => a.update((ws) => void ws.scoreLog.push(event(n)))));
  failing = true;
  const lost = await Promise.allSettled([4, 5].map((n) => a.update((ws) => void ws.scoreLog.push(event(n)))));
  expect(lost.every((o) => o.status === 'rejected' && o.reason instanceof StoreWriteError)).toBe(true);
  await store.close();
  expect(onDisk(file).logEntries).toBe(3);
  expect(logLines(file)).toHaveLength(5); // appended, never confirmed
  appendFileSync(scoreLogFile(file), '{"workspace":"A","at":"2026-'); // and a torn line, as a power cut would leave

  const { warn, messages } = warnings();
  const again = await openJsonStore(file, { backupsKept: 0, warn });
  expect(messages.join('\n')).toMatch(/dropped from the end of its score log .*coach\.scores\.jsonl: 2 score event\(s\) written just before a crash and never confirmed .* and a last line cut short/);
  expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(logLines(file).map((l) => l + '\n').join(''));
  expect(logLines(file)).toHaveLength(3);
  const b = workspaceStore(again, 'A');
  expect((await b.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2', 'r3']);
  // The log goes on cleanly after the cut.
  await b.update((ws) => void ws.scoreLog.push(event(6)));
  expect((await b.readLog()).map((e) => e.reason)).toEqual(['r1', 'r2', 'r3', 'r6']);
  await again.close();
  expect(logLines(file).map((l) => JSON.parse(l).reason)).toEqual(['r1', 'r2', 'r3', 'r6']);
  expect(onDisk(file).logEntries).toBe(4);
});

test('a failed log append rejects the batch, names the log, leaves the data file as it was', async () => {
  const { file } = fresh();
  let failing = false;
  const fs: AdapterFs = {
    ...nodeFs,
    async open(path, flags) {
      if (failing && path.endsWith('.scores.jsonl')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return nodeFs.open(path, flags);
    },
  };
  const store = await openJsonStore(file, { backupsKept: 0, fs, warn: () => undefined });
  const a = workspaceStore(store, 'A');
  await a.update((ws) => void ws.scoreLog.push(event(1)));
  const before = readFileSync(file);
  failing = true;
  const err = await a.update((ws) => void ws.scoreLog.push(event(2))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreWriteError);
  expect((err as StoreWriteError).message).toContain(`could not write its score log ${scoreLogFile(file)}: ENOSPC`);
  expect((err as StoreWriteError).file).toBe(scoreLogFile(file));
  failing = false;
  await expect(a.update((ws) => void (ws.members.X = {}))).rejects.toThrow(/not recording changes.*ENOSPC/);
  await store.close();
  expect(readFileSync(file)).toEqual(before);
  expect(logLines(file)).toHaveLength(1);
});

describe('a log shorter than the data file says', () => {
  async function setup() {
    const { dir, file } = fresh();
    // Day 1: three events. Day 2: its open-time backup holds those three (document + log copy), then two more.
    const day1 = await openJsonStore(file, { now: () => new Date('2026-11-20T12:00:00Z') });
    await Promise.all([1, 2, 3].map((n) => workspaceStore(day1, 'A').update((ws) => void ws.scoreLog.push(event(n)))));
    await day1.close();
    const day2 = await openJsonStore(file, { now: () => new Date('2026-11-21T12:00:00Z') });
    await Promise.all([4, 5].map((n) => workspaceStore(day2, 'A').update((ws) => void ws.scoreLog.push(event(n)))));
    await day2.close();
    return { dir, file, log: scoreLogFile(file), backup: backupPath(file, '2026-11-21') };
  }

  test('is refused with both files named, the newest good backup and the restore command; nothing changes', async () => {
    const { dir, file, log, backup } = await setup();
    expect(readFileSync(scoreLogFile(backup), 'utf8').split('\n')).toHaveLength(4); // 3 lines copied
    const lines = readFileSync(log, 'utf8').split('\n').slice(0, 4).join('\n') + '\n';
    writeFileSync(log, lines); // 4 of the 5 lines the data file counts
    const docBefore = readFileSync(file);
    const err = (await openJsonStore(file, { now: () => new Date('2026-11-22T12:00:00Z') }).catch((e: unknown) => e)) as StoreOpenError;
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err.message).toContain(`its score log ${log} holds 4 score event(s), but its data file ${file} counts 5`);
    expect(err.message).toContain('the log is shorter than the data file says');
    expect(err.message).toContain('nothing was written, moved or deleted');
    expect(err.message).toContain(`Newest good backup: ${backup}`);
    expect(err.message).toContain(`npx coach restore --from ${backup} --file ${file}`);
    expect(err.backup).toBe(backup);
    expect(readFileSync(file)).toEqual(docBefore);
    expect(readFileSync(log, 'utf8')).toBe(lines);
    expect(existsSync(backupPath(file, '2026-11-22'))).toBe(false); // no backup made of a bad pair

    // The printed command restores the backup; the cut log is intact and continues the backup's, so it
    // stays and its line after the backup is replayed: every change still on record comes back.
    const out: string[] = [];
    const code = await restore(err.command!.split(' ').slice(3), { out: (s) => void out.push(s), err: (s) => void out.push(s), env: {} });
    expect(code).toBe(0);
    expect(out.join('')).toContain(`The score log ${log} is intact (4 score events) and stays; the 1 score change made after the backup will be replayed`);
    expect(out.join('')).toContain('4 score events, 1 of them replayed from the score log');
    expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.broken-'))).toEqual([]);
    expect(readFileSync(log, 'utf8')).toBe(lines);
    const store = await openJsonStore(file, { backupsKept: 0 });
    expect((await store.readLog('A')).map((e) => e.reason)).toEqual(['r1', 'r2', 'r3', 'r4']);
    await store.close();
  });

  test('a missing log is refused too; a backup whose log copy is short is not "good"', async () => {
    const { file, log, backup } = await setup();
    const text = readFileSync(log);
    require('node:fs').unlinkSync(log);
    const err = (await openJsonStore(file).catch((e: unknown) => e)) as StoreOpenError;
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err.message).toContain(`its score log ${log} is missing, but its data file ${file} counts 5 score event(s) in it`);
    writeFileSync(log, text);

    expect(await newestGoodBackup(file)).toBe(backup);
    truncateSync(scoreLogFile(backup), 10); // the day-2 backup's log copy is damaged: day 1 (no events yet) is the newest good
    expect(await newestGoodBackup(file)).toBe(backupPath(file, '2026-11-20'));
    const t = { out: '', err: '' };
    const restoreIo = { out: (s: string) => void (t.out += s), err: (s: string) => void (t.err += s), env: {} };
    // The data file is healthy again (its log is back): refused without --force…
    expect(await restore(['--from', backup, '--file', file], restoreIo)).toBe(1);
    expect(t.err).toContain('is readable and its score log complete');
    // …and with it, the damaged backup is refused.
    const code = await restore(['--from', backup, '--file', file, '--force'], restoreIo);
    expect(code).toBe(1);
    expect(t.err).toContain(`the backup's score log ${scoreLogFile(backup)} holds 0 score event(s), but ${backup} counts 3`);
    expect(t.err).toContain('Nothing was changed');
    expect(readFileSync(log)).toEqual(text);
  });
});

test('a score log without its data file is kept aside; the coach starts empty', async () => {
  const { dir, file } = fresh();
  writeFileSync(scoreLogFile(file), JSON.stringify({ workspace: 'A', ...event(1) }) + '\n');
  const { warn, messages } = warnings();
  const store = await openJsonStore(file, { backupsKept: 0, warn });
  expect(await store.readLog()).toEqual([]);
  await store.close();
  const aside = readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.orphan-'));
  expect(aside).toHaveLength(1);
  expect(messages.join('\n')).toContain(`kept that log as ${join(dir, aside[0]!)}`);
});

test('backups copy the log then the data file, under the same name; pruning removes both', async () => {
  const { dir, file } = fresh();
  let t = Date.parse('2026-11-01T12:00:00Z');
  const store = await openJsonStore(file, { now: () => new Date(t), backupsKept: 2 });
  const a = workspaceStore(store, 'A');
  for (let day = 0; day < 4; day++) {
    t += 86_400_000;
    await a.update((ws) => void ws.scoreLog.push(event(day)));
  }
  await store.close();
  expect(readdirSync(join(dir, 'backups')).sort()).toEqual([
    'coach-2026-11-04.json',
    'coach-2026-11-04.scores.jsonl',
    'coach-2026-11-05.json',
    'coach-2026-11-05.scores.jsonl',
  ]);
  // Each backup is a consistent pair: its log copy holds the lines its document counts.
  for (const day of ['2026-11-04', '2026-11-05']) {
    const doc = onDisk(backupPath(file, day));
    const lines = readFileSync(scoreLogFile(backupPath(file, day)), 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThanOrEqual(doc.logEntries);
    expect(doc.logEntries).toBe(day === '2026-11-04' ? 3 : 4);
  }
});
