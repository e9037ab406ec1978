// A member's right to be forgotten, in-process (issue 16, item 5): JsonStore.forgetMember scrubs the data
// file and rewrites the score log with a pseudonym, so nothing of the member is left in either file while
// every team total still matches the history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openJsonStore, workspaceStore, type JsonStore } from '../../src/store/json-store.js';
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import { applyAward, applyScore, teamsBoard } from '../../src/domain/scores.js';
import { forEachLogEntry, scoreLogFile } from '../../src/store/score-log.js';
import type { WorkspaceData } from '../../src/store/schema.js';
import { tempDir } from './tmp.js';

const AT = new Date('2026-12-01T14:00:00Z');
const DAY = '2026-12-01';

async function seeded(): Promise<{ store: JsonStore; file: string }> {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0, warn: () => undefined });
  const ws = workspaceStore(store, 'T1');
  await ws.update((d) => {
    d.members.U_ZOE = { name: 'Zoé Tremblay', lang: 'fr', personalTarget: { chat: 'secret-zoe' } };
    d.members.U_BOB = { name: 'Bob', lang: 'en' };
    const ch = (d.channels.C1 = emptyChannel());
    ch.challenges.push({ id: `${DAY}-outage`, scenarioId: 'outage', day: DAY, postedAt: AT.toISOString(), revealAt: null, revealedAt: null,
      answers: { U_ZOE: { at: AT.toISOString(), choice: 1, covered: [], missed: [], flags: [], score: 8, streakBonus: 0, lang: 'fr' },
        U_BOB: { at: AT.toISOString(), choice: 2, covered: [], missed: [], flags: [], score: 5, streakBonus: 0 } } });
    applyScore(d, 'C1', 'U_ZOE', { score: 8, bonus: 0, streak: 1, day: DAY, at: AT, challengeId: `${DAY}-outage` });
    applyScore(d, 'C1', 'U_BOB', { score: 5, bonus: 0, streak: 1, day: DAY, at: AT, challengeId: `${DAY}-outage` });
    applyAward(d, 'C1', 'U_ZOE', 3, 'Zoé Tremblay a bien géré la panne', 'U_BOB', AT, DAY);
    applyAward(d, 'C1', 'U_BOB', 2, 'merci pour le coup de main', 'U_ZOE', AT, DAY);
    ch.incidents = [{ id: '1', title: 'Panne courriel', lang: 'fr', openedBy: 'U_ZOE', owner: 'U_ZOE', names: { U_ZOE: 'Zoé Tremblay', U_BOB: 'Bob' },
      startedAt: AT.toISOString(), resolvedAt: null, cadenceMin: 30, updateDueAt: AT.toISOString(), remindAt: null, escalateAt: null, draft: 'x',
      timeline: [{ at: AT.toISOString(), kind: 'opened', by: 'U_ZOE', text: 'Panne courriel' }, { at: AT.toISOString(), kind: 'note', by: 'U_BOB', text: 'Zoé Tremblay appelle le fournisseur' }] }];
  });
  // Another workspace with a member of the same id: untouched.
  await workspaceStore(store, 'T2').update((d) => {
    d.members.U_ZOE = { name: 'Other Zoe' };
    d.channels.C9 = emptyChannel();
    applyAward(d, 'C9', 'U_ZOE', 4, 'other team', 'U_ADMIN', AT, DAY);
  });
  return { store, file };
}

function teamTotal(ws: Readonly<WorkspaceData>): number {
  return teamsBoard(ws, DAY).reduce((sum, t) => sum + t.points, 0);
}

test('forgetMember: the member is gone from both files, their points stay under a pseudonym, totals match the log', async () => {
  const { store, file } = await seeded();
  const before = store.read((d) => teamTotal(d.workspaces.T1!));
  const linesBefore = readFileSync(scoreLogFile(file), 'utf8').split('\n').length;
  const report = await store.forgetMember('T1', 'U_ZOE');
  expect(report).toMatchObject({ workspace: 'T1', member: 'U_ZOE', name: 'Zoé Tremblay', memberEntry: true, answers: 1, totals: 1, points: 11, incidents: 1, logEntries: 3 });
  expect(report.pseudonym).toMatch(/^forgotten-[0-9a-f]{8}$/);
  await store.close();

  const data = readFileSync(file, 'utf8');
  const log = readFileSync(scoreLogFile(file), 'utf8');
  const t1Log = log.split('\n').filter((l) => l.includes('"workspace":"T1"')).join('\n');
  for (const trace of ['U_ZOE', 'Zoé', 'Tremblay', 'secret-zoe']) {
    expect(JSON.stringify(JSON.parse(data).workspaces.T1)).not.toContain(trace);
    expect(t1Log).not.toContain(trace);
  }
  expect(log.split('\n')).toHaveLength(linesBefore); // same lines, same order
  expect(t1Log).toContain(report.pseudonym);
  // The other workspace's member of the same id is untouched.
  expect(log).toContain('"workspace":"T2","at":"2026-12-01T14:00:00.000Z","channel":"C9","user":"U_ZOE"');
  expect(JSON.parse(data).workspaces.T2.members.U_ZOE.name).toBe('Other Zoe');

  // Reopened: the store accepts the rewritten log; team totals equal before and equal the log's sum.
  const again = await openJsonStore(file, { backupsKept: 0, warn: () => undefined });
  try {
    const ws = again.read((d) => d.workspaces.T1!);
    expect(teamTotal(ws)).toBe(before);
    let logged = 0;
    await forEachLogEntry(again.logFile, { workspace: 'T1' }, (e) => void (logged += e.delta));
    expect(logged).toBe(before);
    expect(ws.channels.C1!.totals[report.pseudonym]).toMatchObject({ points: 11, streak: 0, lastDay: null });
    expect(ws.members[report.pseudonym]).toEqual({ optOut: true });
    expect(ws.channels.C1!.challenges[0]!.answers).toEqual({ U_BOB: expect.any(Object) });
    const incident = ws.channels.C1!.incidents![0]!;
    expect(incident.names).toEqual({ U_BOB: 'Bob' });
    expect(incident.owner).toBe(report.pseudonym);
    expect(incident.timeline[1]!.text).toBe(`${report.pseudonym} appelle le fournisseur`);
    // New changes still append after the rewritten log.
    await workspaceStore(again, 'T1').update((d) => void applyAward(d, 'C1', 'U_BOB', 1, 'ok', 'U_ADMIN', AT, DAY));
    expect((await again.readLog('T1')).at(-1)).toMatchObject({ user: 'U_BOB', delta: 1 });
    // Forgetting again finds nothing.
    expect(await again.forgetMember('T1', 'U_ZOE')).toMatchObject({ memberEntry: false, answers: 0, totals: 0, logEntries: 0 });
  } finally {
    await again.close();
  }
});

test('forgetMember waits for pending changes and holds new ones back until the log is rewritten', async () => {
  const { store, file } = await seeded();
  const ws = workspaceStore(store, 'T1');
  const pending = ws.update((d) => void applyAward(d, 'C1', 'U_ZOE', 7, 'pending', 'U_BOB', AT, DAY));
  const forgetting = store.forgetMember('T1', 'U_ZOE');
  const during = ws.update((d) => void applyAward(d, 'C1', 'U_BOB', 1, 'during', 'U_ADMIN', AT, DAY));
  const report = await forgetting;
  await Promise.all([pending, during]);
  expect(report.logEntries).toBe(4); // the pending award was written, then pseudonymised
  const log = await store.readLog('T1');
  expect(log.filter((e) => e.user === 'U_ZOE')).toHaveLength(0);
  expect(log.at(-1)).toMatchObject({ reason: 'during', user: 'U_BOB' });
  await store.close();
  expect(readFileSync(scoreLogFile(file), 'utf8')).not.toContain('"user":"U_ZOE","delta":7');
});

test('forgetMember: today\'s backup loses them too, even when the rewritten log keeps its length and its last bytes', async () => {
  // An id as long as the pseudonym (18 characters), named only in the log's first line: the rewrite keeps
  // every byte offset and the log's tail, which an incremental backup refresh would take as "unchanged".
  const member = 'U_SAMELENGTH_00001';
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { now: () => AT, backupEvery: { changes: 1, ms: 0, minMs: 0 }, warn: () => undefined });
  const ws = workspaceStore(store, 'T1');
  await ws.update((d) => {
    d.channels.C1 = emptyChannel();
    applyAward(d, 'C1', member, 3, 'good call', 'U_BOB', AT, DAY);
  });
  for (let i = 0; i < 40; i++) await ws.update((d) => void applyAward(d, 'C1', 'U_BOB', 1, `merci ${i} pour le coup de main`, 'U_ADMIN', AT, DAY));
  const backupLog = scoreLogFile(join(file, '..', 'backups', `coach-${DAY}.json`));
  expect(readFileSync(backupLog, 'utf8')).toContain(member);
  const report = await store.forgetMember('T1', member);
  expect(report.pseudonym).toHaveLength(member.length);
  await store.close();
  expect(readFileSync(scoreLogFile(file), 'utf8')).not.toContain(member);
  expect(readFileSync(backupLog, 'utf8')).not.toContain(member);
});
