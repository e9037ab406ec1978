// `npx coach migrate --from data/coach.json`: a JSON store (made by the JSON coach's own store, with its
// score log) imported into PostgreSQL as people run it (a real process), compared operation by operation
// with the JSON store, then imported again: nothing more.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { streakBonus } from '../../src/domain/scores.js';
import { jsonPort } from '../../src/store/json-port.js';
import { openJsonStore } from '../../src/store/json-store.js';
import type { StorePort, StreakRule, WorkspacePort } from '../../src/store/port.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { root } from '../helpers.js';
import { tempDir, warnings } from '../store/tmp.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const rule: StreakRule = (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points);

function coach(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function fill(store: StorePort): Promise<void> {
  for (const [workspace, channels] of [['T1', ['C1', 'C2']], ['T2', ['C1']]] as const) {
    const ws: WorkspacePort = store.workspace(workspace);
    for (const channel of channels) {
      await ws.updateChannel(channel, (s) => { s.name = `support-${channel}`; s.platform = 'slack'; s.scheduledSince = '2026-11-01T00:00:00.000Z'; s.postLang = 'both'; });
      let latest: string | null = null;
      for (let d = 1; d <= 13; d++) {
        const day = `2026-11-${String(d).padStart(2, '0')}`;
        const out = await ws.createChallenge(channel, { id: `${day}-s${d % 4}`, scenarioId: `s${d % 4}`, day, postedAt: `${day}T14:00:00.000Z`, revealAt: `${day}T21:00:00.000Z` },
          { expectLatest: latest, rotation: { order: ['s0', 's1', 's2', 's3'], next: d % 4 }, choiceCount: () => 4 });
        if (out.kind !== 'created') throw new Error(out.kind);
        latest = out.challenge.id;
        for (let u = 0; u < 6; u++) {
          if ((u + d) % 5 === 0) continue;
          await ws.recordAnswer(channel, { challengeId: latest, user: `U${u}`, name: `Membre ${u}`, answer: { at: `${day}T15:0${u}:00.000Z`, choice: u % 3 === 0 ? null : u % 4, covered: ['a'], missed: ['b'], flags: [], score: (u * 3 + d) % 11, lang: u % 2 ? 'en' : 'fr' }, week: '2026-W46', streak: rule });
        }
      }
      await ws.award(channel, { user: 'U1', delta: 5, kind: 'award', reason: 'merci', by: 'ADMIN', at: '2026-11-14T10:00:00.000Z', week: '2026-W46' });
      // Two identical awards: both are kept, and both imported once.
      await ws.award(channel, { user: 'U2', delta: -2, kind: 'award', reason: 'oops', by: 'ADMIN', at: '2026-11-14T10:00:00.000Z', week: '2026-W46' });
      await ws.award(channel, { user: 'U2', delta: -2, kind: 'award', reason: 'oops', by: 'ADMIN', at: '2026-11-14T10:00:00.000Z', week: '2026-W46' });
    }
    await ws.updateMember('U3', (m) => { m.optOut = true; m.lang = 'en'; m.personalTarget = { conversation: 'a:1' }; });
    await ws.createIncident('C1', (id) => ({ incident: { id, title: 'VPN', lang: 'fr', platform: 'slack', openedBy: 'U1', owner: 'U1', names: { U1: 'Membre 1' }, startedAt: '2026-11-14T12:00:00.000Z', resolvedAt: null, cadenceMin: 30, updateDueAt: '2026-11-14T12:30:00.000Z', remindAt: '2026-11-14T12:30:00.000Z', escalateAt: null, draft: 'x', timeline: [{ at: '2026-11-14T12:00:00.000Z', kind: 'opened', by: 'U1', text: 'VPN' }] } }));
    await ws.setWall('C1', { tokenHash: (workspace === 'T1' ? 'e' : 'f').repeat(64), createdAt: '2026-11-14T00:00:00.000Z', createdBy: 'ADMIN' });
  }
  // Issue 14's review queue: a waiting item, an adjusted one (its adjust event is in the log), held words.
  const t1 = store.workspace('T1');
  await t1.enqueueReview('C1', { challengeId: '2026-11-13-s1', user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-11-14T10:30:00.000Z' });
  await t1.enqueueReview('C1', { challengeId: '2026-11-13-s1', user: 'U3', source: { kind: 'unsure', doubts: ['model-torn'], words: 'mes mots' }, at: '2026-11-14T10:31:00.000Z' });
  await t1.settleReview('1', { by: 'ADMIN', action: 'adjust', score: 10, note: 'bien', weekOf: () => '2026-W46', at: '2026-11-14T11:00:00.000Z' });
  await t1.holdWords('C2', '2026-11-13-s1', 'U0', 'gardés');
  await store.workspace('T1').forgetMember('U4');
}

async function snapshot(store: StorePort) {
  const out: Record<string, unknown> = { workspaces: (await store.workspaces()).sort(), log: await store.readLog(), open: await store.openIncidents() };
  for (const w of ['T1', 'T2']) {
    const ws = store.workspace(w);
    const channels = (await ws.channels()).sort((a, b) => a.id.localeCompare(b.id));
    out[w] = {
      channels,
      members: await ws.members(['U0', 'U1', 'U2', 'U3', 'U4', 'U5']),
      boards: await Promise.all(channels.map((c) => ws.channelBoard(c.id, { week: '2026-W46', viewer: 'U3', limit: 10 }))),
      teams: await ws.teamsBoard({ week: '2026-W46', limit: 10 }),
      challenges: await Promise.all(channels.flatMap((c) => ['2026-11-01-s1', '2026-11-12-s0', '2026-11-13-s1'].map((id) => ws.challenge(c.id, id)))),
      incidents: await ws.incidents(),
      wall: await ws.wall('C1'),
      queue: await ws.reviewItems(),
    };
  }
  return out;
}

describePg('coach migrate --from (JSON → PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
  afterAll(async () => { await db?.close(); });

  it('imports everything with its score log, once; the database then answers as the JSON store did', async () => {
    const file = join(tempDir(), 'coach.json');
    const json = jsonPort(await openJsonStore(file, { backupsKept: 0, warn: warnings().warn }));
    await fill(json);
    const expected = await snapshot(json);
    await json.close();

    const first = coach(['migrate', '--from', file], { DATABASE_URL: db.url });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Applied \d+ migrations? to .*1764500000000_initial-schema/);
    expect(first.out).toMatch(/Imported from .*coach\.json into postgres:\/\/.* \(2 workspaces\): \d+ members, 3 channels, 39 challenges, \d+ answers, \d+ running totals, 2 incidents, 2 walls, \d+ score events, 2 review items, 1 held answer text\.\n$/);

    const pg = pgPort(db.url);
    try {
      const got = await snapshot(pg);
      expect(got).toEqual(expected);
      const scoreEvents = Number(first.out.match(/(\d+) score events/)![1]);
      expect(scoreEvents).toBe((expected.log as unknown[]).length);
    } finally {
      await pg.close();
    }

    const second = coach(['migrate', '--from', file], { DATABASE_URL: db.url });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/is up to date/);
    expect(second.out).toMatch(/Nothing new to import from .*coach\.json into postgres:\/\/.*: everything in it is already there\.\nAlready in the database, kept as they were: \d+ members, 3 channels, 39 challenges/);
    const again = pgPort(db.url);
    try {
      expect(await snapshot(again)).toEqual(expected);
    } finally {
      await again.close();
    }

    // coach export gives the same CSV from either backend (names, order, every column).
    const fromJson = coach(['export', '--file', file], { DATABASE_URL: '' });
    const fromPg = coach(['export'], { DATABASE_URL: db.url });
    expect(fromJson.code).toBe(0);
    expect(fromPg.code).toBe(0);
    expect(fromPg.out).toBe(fromJson.out);
    expect(fromPg.out.split('\r\n').length).toBeGreaterThan(100);
    const one = coach(['export', '--workspace', 'T2'], { DATABASE_URL: db.url });
    expect(one.out).toBe(coach(['export', '--file', file, '--workspace', 'T2'], { DATABASE_URL: '' }).out);
    const unknown = coach(['export', '--workspace', 'T9'], { DATABASE_URL: db.url });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no workspace "T9" in postgres:\/\/.*; its workspaces: T1, T2/);
  }, 120_000);

  it('coach restore on PostgreSQL: from a JSON backup, says so, refuses to replace data without --force', async () => {
    const file = join(tempDir(), 'coach.json');
    const json = jsonPort(await openJsonStore(file, { backupsKept: 0, warn: warnings().warn }));
    await fill(json);
    const expected = await snapshot(json);
    await json.close();
    const url = await db.create();
    const first = coach(['restore', '--from', file], { DATABASE_URL: url });
    expect(first.err).toMatch(/^coach restore: the data is in PostgreSQL \(postgres:\/\/.*\)\. This restores from a JSON data file or backup; a database backup made with pg_dump is restored with pg_restore/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/holds 2 workspaces \(T1, T2\) and \d+ score events\.\nImported from /);
    // Someone scores after the backup; restoring it again must not silently drop that.
    const live = pgPort(url);
    await live.workspace('T1').award('C1', { user: 'U1', delta: 50, kind: 'award', reason: 'après', by: 'ADMIN', at: '2026-11-20T10:00:00.000Z', week: '2026-W47' });
    await live.close();
    const refused = coach(['restore', '--from', file], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the database already has data for T1, T2; nothing was changed. Add --force');
    const dry = coach(['restore', '--from', file, '--force', '--dry-run'], { DATABASE_URL: url });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Would replace the data of T1, T2 and load the backup. Nothing was changed (--dry-run).');
    const check = pgPort(url);
    expect((await check.workspace('T1').totals('C1', 'U1'))!.points).toBe((expected.T1 as { boards: { allTime: { user: string; points: number }[] }[] }).boards[0]!.allTime.find((r) => r.user === 'U1')!.points + 50);
    await check.close();
    const forced = coach(['restore', '--from', file, '--force'], { DATABASE_URL: url });
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('Replaced the data of T1, T2.');
    const restored = pgPort(url);
    try {
      expect(await snapshot(restored)).toEqual(expected);
    } finally {
      await restored.close();
    }
    const empty = coach(['restore', '--empty'], { DATABASE_URL: url });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('not on PostgreSQL');
  }, 120_000);

  it('imported again after a coach forget on the database, the file never brings the erased member back', async () => {
    const file = join(tempDir(), 'coach.json');
    const json = await openJsonStore(file, { backupsKept: 0, warn: warnings().warn });
    await fill(jsonPort(json));
    await json.close();
    const url = await db.create();
    expect(coach(['migrate', '--from', file], { DATABASE_URL: url }).code).toBe(0);
    const pgStore = pgPort(url);
    try {
      expect((await pgStore.workspace('T1').forgetMember('U1')).totals).toBeGreaterThan(0);
    } finally {
      await pgStore.close();
    }
    const again = coach(['migrate', '--from', file], { DATABASE_URL: url });
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing new to import');
    expect(again.out).toContain('Left out: 1 member erased from the database since an earlier import (coach forget), with their answers and totals.');
    const check = pgPort(url);
    try {
      const t1 = check.workspace('T1');
      expect(await t1.member('U1')).toBeNull();
      expect(await t1.totals('C1', 'U1')).toBeNull();
      const footprint = await t1.footprint('U1');
      expect([footprint.member, footprint.answers, footprint.channels, footprint.logEntries]).toEqual([null, 0, 0, 0]);
      // The neighbours are untouched: U2 is still there, and T2's U1 (another person) too.
      expect(await t1.totals('C1', 'U2')).not.toBeNull();
      expect(await check.workspace('T2').totals('C1', 'U1')).not.toBeNull();
    } finally {
      await check.close();
    }
  }, 120_000);

  it('refuses while a coach still has the data file open (its lock), importing nothing', async () => {
    const file = join(tempDir(), 'coach.json');
    const json = await openJsonStore(file, { backupsKept: 0, warn: warnings().warn });
    const url = await db.create();
    try {
      await jsonPort(json).workspace('T1').updateChannel('C1', (s) => { s.name = 'support'; });
      const refused = coach(['migrate', '--from', file], { DATABASE_URL: url });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`coach migrate --from: the data file ${file} is in use by another Support Coach process (pid ${process.pid}). Stop it first`);
      expect(refused.err).toContain('Nothing was imported.');
    } finally {
      await json.close();
    }
    const check = pgPort(url);
    try {
      expect(await check.workspaces()).toEqual([]);
    } finally {
      await check.close();
    }
    expect(coach(['migrate', '--from', file], { DATABASE_URL: url }).out).toContain('Imported from');
  }, 60_000);

  it('refuses a data file it cannot read, importing nothing', () => {
    const missing = coach(['migrate', '--from', join(tempDir(), 'none.json')], { DATABASE_URL: db.url });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^coach migrate --from: /);
  });
});
