// `coach export`: the score history as CSV, read from the data file then the first logEntries lines of the
// score log, without opening the store (so it runs beside a running coach).
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportScores } from '../../src/cli/export.js';
import { openJsonStore, workspaceStore, type JsonStore } from '../../src/store/json-store.js';
import type { ScoreEvent } from '../../src/store/schema.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { tempDir } from './tmp.js';

const HEADER = 'workspace,channel,user,name,at,delta,kind,reason,by,challenge';

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await exportScores(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env });
  return { code, out, err, rows: out.split('\r\n').filter((l) => l !== '') };
}

const award = (user: string, delta: number, reason: string): ScoreEvent => ({ at: '2026-11-30T15:00:00.000Z', channel: 'C1', user, delta, kind: 'award', reason, by: 'lead' });

async function populated(): Promise<{ file: string; store: JsonStore }> {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const a = workspaceStore(store, 'A');
  const b = workspaceStore(store, 'B');
  await a.update((ws) => {
    ws.members.U1 = { name: 'Ana' };
    ws.scoreLog.push({ at: '2026-11-30T14:00:00.000Z', channel: 'C1', user: 'U1', delta: 10, kind: 'answer', reason: 'challenge 2026-11-30-s1', by: 'U1', challengeId: '2026-11-30-s1' });
  });
  await b.update((ws) => void ws.scoreLog.push(award('U2', 5, 'helped, "a lot"')));
  await a.update((ws) => void ws.scoreLog.push(award('U1', -3, '=cmd()')));
  return { file, store };
}

test('exports every recorded event from the log, oldest first, with names; --workspace filters', async () => {
  const { file, store } = await populated();
  await store.close();
  const all = await run(['--file', file]);
  expect(all.code).toBe(0);
  expect(all.rows).toEqual([
    HEADER,
    '"A","C1","U1","Ana","2026-11-30T14:00:00.000Z",10,"answer","challenge 2026-11-30-s1","U1","2026-11-30-s1"',
    '"B","C1","U2","","2026-11-30T15:00:00.000Z",5,"award","helped, ""a lot""","lead",""',
    `"A","C1","U1","Ana","2026-11-30T15:00:00.000Z",-3,"award","'=cmd()","lead",""`,
  ]);
  const onlyB = await run(['--file', file, '--workspace', 'B']);
  expect(onlyB.rows).toEqual([HEADER, all.rows[2]]);
  // An unknown workspace is a mistake to report, not an empty export that looks like "no scores".
  const nobody = await run(['--file', file, '--workspace', 'nobody']);
  expect(nobody).toMatchObject({ code: 1, rows: [] });
  expect(nobody.err).toContain('coach export: no workspace "nobody" in');
  expect(nobody.err).toContain('its workspaces: A, B');
});

test('while the coach runs: confirmed events only, never an unconfirmed tail of the log', async () => {
  const { file, store } = await populated();
  // A change applied in memory, not yet written (long commit window): not in the files, so not exported.
  const pending = workspaceStore(store, 'A').update((ws) => void ws.scoreLog.push(award('U1', 1, 'pending')));
  // And a line beyond logEntries, as a crash between the log append and the data file write leaves it.
  appendFileSync(scoreLogFile(file), JSON.stringify({ workspace: 'A', ...award('U1', 99, 'unconfirmed') }) + '\n{"workspace":"A","at');
  const now = await run(['--file', file]);
  expect(now.code).toBe(0);
  expect(now.rows).toHaveLength(4);
  expect(now.out).not.toContain('unconfirmed');
  expect(now.out).not.toContain('pending');
  await pending.catch(() => undefined);
  await store.close();
});

test('--out writes the file whole and reports the count', async () => {
  const { file, store } = await populated();
  await store.close();
  const out = join(file, '..', 'scores.csv');
  const r = await run(['--file', file, '--out', out]);
  expect(r.code).toBe(0);
  expect(r.err).toBe(`3 score changes written to ${out}\n`);
  expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(HEADER);
  expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(5);
});

test('a data file from before the score log (version 1): its events are still in scoreLog, and exported', async () => {
  const file = join(tempDir(), 'coach.json');
  writeFileSync(
    file,
    JSON.stringify({ schemaVersion: 1, workspaces: { T1: { members: { U1: { name: 'Ana' } }, channels: {}, scoreLog: [award('U1', 4, 'old')] } } }),
  );
  const r = await run(['--file', file]);
  expect(r.code).toBe(0);
  expect(r.rows).toEqual([HEADER, '"T1","C1","U1","Ana","2026-11-30T15:00:00.000Z",4,"award","old","lead",""']);
});

test('a log shorter than the data file says: exit 1 with the reason; --out leaves no partial file', async () => {
  const { file, store } = await populated();
  await store.close();
  const log = readFileSync(scoreLogFile(file), 'utf8').split('\n');
  writeFileSync(scoreLogFile(file), log.slice(0, 2).join('\n') + '\n');
  const out = join(file, '..', 'scores.csv');
  const r = await run(['--file', file, '--out', out]);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`the score log ${scoreLogFile(file)} holds 2 score event(s), but ${file} counts 3`);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(join(file, '..')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  writeFileSync(scoreLogFile(file), '{"workspace":"A",not json}\n');
  const bad = await run(['--file', file]);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain(`${scoreLogFile(file)} line 1 is not valid JSON`);
});

test('a data file written by a newer Support Coach is refused, as the coach refuses it; nothing is exported', async () => {
  const file = join(tempDir(), 'coach.json');
  writeFileSync(file, JSON.stringify({ schemaVersion: 99, logEntries: 0, workspaces: { T1: { members: {}, channels: {}, scoreLog: [award('U1', 4, 'x')] } } }));
  const r = await run(['--file', file]);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`the data file ${file} was written by a newer Support Coach, version 99`);
  expect(r.out).toBe('');
});

test('the data file comes from COACH_DATA_FILE, even when an unrelated variable is invalid', async () => {
  const { file, store } = await populated();
  await store.close();
  const r = await run([], { COACH_DATA_FILE: file, PORT: 'not a port', COACH_LANG: 'xx' });
  expect(r.code).toBe(0);
  expect(r.rows).toHaveLength(4);
  expect(r.rows[1]).toContain('Ana');
  const missing = await run([], { COACH_DATA_FILE: join(file, '..', 'none.json'), PORT: 'not a port' });
  expect(missing.code).toBe(1);
  expect(missing.err).toContain(`the data file ${join(file, '..', 'none.json')} does not exist`);
});

test('usage errors exit 2 and the usage lists --file', async () => {
  const r = await run(['--bogus']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('usage: coach export');
  expect(r.err).toContain('--file DATA_FILE');
});
