// The store port's conformance suite (issue 13): every operation of src/store/port.ts and every rule its
// docstrings state, run against each implementation (conformance-json.test.ts; PostgreSQL's runs the same
// function). `open` gives a fresh, empty store each time; `close` releases it and removes what it made.
import { streakBonus } from '../../src/domain/scores.js';
import type { NewChallenge, StorePort, StreakRule, WorkspacePort } from '../../src/store/port.js';
import type { IncidentData } from '../../src/store/schema.js';

export interface OpenedStore {
  store: StorePort;
  close(): Promise<void>;
}

const rule: StreakRule = (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points);
const noChoices = () => 4;

function challengeOf(day: string, scenario = 'lost-mouse', postedAt = `${day}T13:00:00.000Z`): NewChallenge {
  return { id: `${day}-${scenario}`, scenarioId: scenario, day, postedAt, revealAt: null };
}

async function post(ws: WorkspacePort, channel: string, day: string, scenario = 'lost-mouse') {
  const latest = (await ws.challenge(channel, null))?.id ?? null;
  const out = await ws.createChallenge(channel, challengeOf(day, scenario), { expectLatest: latest, rotation: { order: [scenario], next: 1 }, choiceCount: noChoices });
  if (out.kind !== 'created') throw new Error(`post ${day}: ${out.kind}`);
  return out.challenge;
}

function answerOf(challengeId: string, user: string, score: number, at = '2026-12-01T14:00:00.000Z', week = '2026-W49') {
  return { challengeId, user, answer: { at, choice: 1, covered: [], missed: [], flags: [], score }, week, streak: rule };
}

function incidentOf(id: string, title: string, by = 'U1', at = '2026-12-01T14:00:00.000Z'): IncidentData {
  return {
    id, title, lang: 'fr', platform: 'slack', openedBy: by, owner: by, names: {}, startedAt: at, resolvedAt: null, cadenceMin: 30,
    updateDueAt: at, remindAt: at, escalateAt: null, draft: '', timeline: [{ at, kind: 'opened', by, text: title }],
  };
}

const award = (user: string, delta: number, week = '2026-W49', extra: Partial<{ name: string; by: string; at: string }> = {}) => ({
  user, delta, kind: 'award' as const, reason: 'merci', by: extra.by ?? 'ADMIN', at: extra.at ?? '2026-12-01T15:00:00.000Z', week, ...(extra.name ? { name: extra.name } : {}),
});

export function describeStoreConformance(name: string, open: () => Promise<OpenedStore>): void {
  describe(`store port conformance: ${name}`, () => {
    let opened: OpenedStore;
    let store: StorePort;
    let ws: WorkspacePort;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      ws = store.workspace('T1');
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('ids', () => {
      test('an empty or __proto__ id is refused', async () => {
        expect(() => store.workspace('')).toThrow(TypeError);
        expect(() => store.workspace('__proto__')).toThrow(TypeError);
        await expect(ws.member('')).rejects.toThrow(TypeError);
        await expect(ws.channel('__proto__')).rejects.toThrow(TypeError);
      });
    });

    describe('members', () => {
      test('unknown members are null and are not created by an update without create', async () => {
        expect(await ws.member('U1')).toBeNull();
        expect(await ws.updateMember('U1', (m) => { m.lang = 'en'; })).toBeNull();
        expect(await ws.member('U1')).toBeNull();
        expect(await store.workspaces()).not.toContain('T1');
      });

      test('created, changed, read back, listed; a returned copy changes nothing', async () => {
        expect(await ws.updateMember('U1', (m) => { m.lang = 'en'; m.name = 'Alice'; }, { create: true })).toEqual({ lang: 'en', name: 'Alice' });
        await ws.updateMember('U1', (m) => { m.optOut = true; delete m.lang; });
        const got = (await ws.member('U1'))!;
        expect(got).toEqual({ name: 'Alice', optOut: true });
        got.name = 'changed';
        expect((await ws.member('U1'))!.name).toBe('Alice');
        await ws.updateMember('U2', (m) => { m.personalTarget = { chat: 'a:1' }; }, { create: true });
        expect(await ws.members(['U1', 'U2', 'U3'])).toEqual({ U1: { name: 'Alice', optOut: true }, U2: { personalTarget: { chat: 'a:1' } } });
        expect(await store.workspaces()).toContain('T1');
      });
    });

    describe('channels', () => {
      test('updateChannel creates with defaults, changes settings, returns fn’s result', async () => {
        const out = await ws.updateChannel('C1', (s) => { s.listen = false; s.platform = 'slack'; s.pausedDates.push('2026-12-25'); return 7; });
        expect(out).toMatchObject({ found: true, result: 7 });
        const view = (await ws.channel('C1'))!;
        expect(view).toMatchObject({ id: 'C1', listen: false, platform: 'slack', pausedDates: ['2026-12-25'], rotation: { order: [], next: 0 }, challenges: [] });
        expect(view).not.toHaveProperty('totals');
        await ws.updateChannel('C1', (s) => { delete s.listen; s.schedule = { cron: '0 8 * * 1-5', timezone: 'UTC' }; });
        const again = (await ws.channel('C1'))!;
        expect(again.listen).toBeUndefined();
        expect(again.schedule).toEqual({ cron: '0 8 * * 1-5', timezone: 'UTC' });
        expect((await ws.channels()).map((c) => c.id)).toEqual(['C1']);
      });

      test('create: false leaves an unknown channel unknown; a throwing fn changes nothing', async () => {
        expect(await ws.updateChannel('C9', (s) => { s.listen = true; }, { create: false })).toEqual({ found: false });
        expect(await ws.channel('C9')).toBeNull();
        await ws.updateChannel('C1', (s) => { s.lang = 'fr'; });
        await expect(ws.updateChannel('C1', (s) => { s.lang = 'en'; throw new Error('refused'); })).rejects.toThrow('refused');
        expect((await ws.channel('C1'))!.lang).toBe('fr');
      });

      test('updateChannel never touches challenges, totals, incidents or the wall', async () => {
        await post(ws, 'C1', '2026-12-01');
        await ws.award('C1', award('U1', 3));
        await ws.setWall('C1', { tokenHash: 'a'.repeat(64), createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'ADMIN' });
        await ws.updateChannel('C1', (s) => { (s as Record<string, unknown>).name = 'support'; });
        expect((await ws.channel('C1'))!.challenges).toHaveLength(1);
        expect(await ws.totals('C1', 'U1')).toMatchObject({ points: 3 });
        expect(await ws.wall('C1')).not.toBeNull();
      });
    });

    describe('challenges', () => {
      test('created once per day, revealing the previous one, keeping the rotation', async () => {
        const first = await post(ws, 'C1', '2026-12-01');
        expect(first).toMatchObject({ id: '2026-12-01-lost-mouse', revealedAt: null, answers: {} });
        const again = await ws.createChallenge('C1', challengeOf('2026-12-01', 'other'), { expectLatest: first.id, rotation: { order: [], next: 0 }, choiceCount: noChoices });
        expect(again).toMatchObject({ kind: 'exists', challenge: { id: first.id } });
        const second = await ws.createChallenge('C1', challengeOf('2026-12-02', 'angry'), { expectLatest: first.id, rotation: { order: ['a', 'b'], next: 2 }, choiceCount: noChoices });
        expect(second).toMatchObject({ kind: 'created', revealed: { id: first.id, revealedAt: '2026-12-02T13:00:00.000Z' } });
        const view = (await ws.channel('C1'))!;
        expect(view.rotation).toEqual({ order: ['a', 'b'], next: 2 });
        expect(view.challenges.map((c) => c.id)).toEqual(['2026-12-01-lost-mouse', '2026-12-02-angry']);
        expect((await ws.challenge('C1', null))!.id).toBe('2026-12-02-angry');
        expect((await ws.challenge('C1', first.id))!.revealedAt).toBe('2026-12-02T13:00:00.000Z');
        expect(await ws.challenge('C1', 'nope')).toBeNull();
      });

      test('a plan made from a stale read is a conflict and changes nothing', async () => {
        await post(ws, 'C1', '2026-12-01');
        const stale = await ws.createChallenge('C1', challengeOf('2026-12-02'), { expectLatest: null, rotation: { order: [], next: 0 }, choiceCount: noChoices });
        expect(stale).toEqual({ kind: 'conflict' });
        expect((await ws.channel('C1'))!.challenges).toHaveLength(1);
      });

      test('concurrent posts of one day: one created, the others see it', async () => {
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) =>
          ws.createChallenge('C1', challengeOf('2026-12-01', `s${i}`), { expectLatest: null, rotation: { order: [], next: i }, choiceCount: noChoices })));
        expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
        expect((await ws.channel('C1'))!.challenges).toHaveLength(1);
      });

      test('the channel view carries the latest challenges, oldest first', async () => {
        for (let d = 1; d <= 6; d++) await post(ws, 'C1', `2026-12-0${d}`);
        const ids = (await ws.channel('C1'))!.challenges.map((c) => c.day);
        expect(ids.length).toBeGreaterThanOrEqual(3);
        expect(ids.slice(-3)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
      });

      test('memberAnswer: the challenge without answers, and the member’s own answer', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', answerOf(c.id, 'U1', 4));
        await ws.recordAnswer('C1', answerOf(c.id, 'U2', 6));
        const mine = (await ws.memberAnswer('C1', null, 'U1'))!;
        expect(mine.challenge).toMatchObject({ id: c.id, answerCount: 2 });
        expect(mine.challenge).not.toHaveProperty('answers');
        expect(mine.answer).toMatchObject({ score: 4 });
        expect((await ws.memberAnswer('C1', c.id, 'U3'))!.answer).toBeNull();
        expect(await ws.memberAnswer('C1', 'nope', 'U1')).toBeNull();
        expect((await ws.channel('C1'))!.challenges[0]).toMatchObject({ id: c.id, answerCount: 2 });
        expect((await ws.channel('C1'))!.challenges[0]).not.toHaveProperty('answers');
      });

      test('markRevealed reveals once, also when asked concurrently', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        const results = await Promise.all(Array.from({ length: 10 }, () => ws.markRevealed('C1', null, '2026-12-02T12:00:00.000Z')));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(results.find(Boolean)).toMatchObject({ id: c.id, revealedAt: '2026-12-02T12:00:00.000Z' });
        expect(await ws.markRevealed('C1', c.id, '2026-12-03T12:00:00.000Z')).toBeNull();
        expect(await ws.markRevealed('C2', null, '2026-12-03T12:00:00.000Z')).toBeNull();
      });

      test('setPostRef keeps the platform ids', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        expect(await ws.setPostRef('C1', c.id, { ts: '1.2' })).toBe(true);
        expect((await ws.challenge('C1', c.id))!.postRef).toEqual({ ts: '1.2' });
        expect(await ws.setPostRef('C1', 'nope', { ts: '1' })).toBe(false);
      });
    });

    describe('answers', () => {
      test('recorded with its score events and totals; the first answer stands', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        const out = await ws.recordAnswer('C1', { ...answerOf(c.id, 'U1', 7), name: 'Alice' });
        expect(out).toMatchObject({ kind: 'recorded', streak: 1, challenge: { id: c.id, answerCount: 1 }, answer: { score: 7, streakBonus: 0, choice: 1 }, totals: { points: 7, weekPoints: 7, answers: 1, streak: 1, bestStreak: 1, lastDay: '2026-12-01', week: '2026-W49' } });
        expect((await ws.member('U1'))!.name).toBe('Alice');
        const again = await ws.recordAnswer('C1', answerOf(c.id, 'U1', 2));
        expect(again).toMatchObject({ kind: 'already', answer: { score: 7 } });
        expect(await ws.readLog()).toEqual([{ at: '2026-12-01T14:00:00.000Z', channel: 'C1', user: 'U1', delta: 7, kind: 'answer', reason: `challenge ${c.id}`, by: 'U1', challengeId: c.id }]);
        expect((await ws.challenge('C1', c.id))!.answers.U1).toMatchObject({ score: 7 });
      });

      test('the streak rule runs on the totals as they stand: a streak bonus and its event', async () => {
        const d1 = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', answerOf(d1.id, 'U1', 10));
        const d2 = await post(ws, 'C1', '2026-12-02');
        const out = await ws.recordAnswer('C1', answerOf(d2.id, 'U1', 10, '2026-12-02T14:00:00.000Z'));
        expect(out).toMatchObject({ kind: 'recorded', streak: 2, answer: { streakBonus: 1 }, totals: { points: 21, streak: 2, answers: 2 } });
        const log = await ws.readLog();
        expect(log.at(-1)).toMatchObject({ kind: 'streak', delta: 1, reason: '2-day streak', challengeId: d2.id });
      });

      test('closed after the reveal; none for an unknown challenge', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.markRevealed('C1', null, '2026-12-02T00:00:00.000Z');
        expect(await ws.recordAnswer('C1', answerOf(c.id, 'U1', 5))).toMatchObject({ kind: 'closed' });
        expect(await ws.recordAnswer('C1', answerOf('2026-01-01-x', 'U1', 5))).toEqual({ kind: 'none' });
        expect(await ws.readLog()).toEqual([]);
      });

      test('1,000 answers in parallel: each recorded once, totals equal to the score log', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        const users = Array.from({ length: 1000 }, (_, i) => `U${i}`);
        // Each member answers twice at once: exactly one of their two answers is recorded.
        const outcomes = await Promise.all(users.flatMap((u, i) => [ws.recordAnswer('C1', answerOf(c.id, u, i % 11)), ws.recordAnswer('C1', answerOf(c.id, u, 10 - (i % 11)))]));
        expect(outcomes.filter((o) => o.kind === 'recorded')).toHaveLength(1000);
        expect(outcomes.filter((o) => o.kind === 'already')).toHaveLength(1000);
        const log = await ws.readLog();
        expect(log).toHaveLength(1000);
        const fromLog = new Map<string, number>();
        for (const e of log) fromLog.set(e.user, (fromLog.get(e.user) ?? 0) + e.delta);
        for (const u of users.slice(0, 50).concat(users.slice(-50))) expect((await ws.totals('C1', u))!.points).toBe(fromLog.get(u));
        const board = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'U0', limit: 2000 });
        expect(board.allTime).toHaveLength(1000);
        for (const row of board.allTime) expect(row.points).toBe(fromLog.get(row.user));
        expect(Object.keys((await ws.challenge('C1', c.id))!.answers)).toHaveLength(1000);
      });
    });

    describe('scores and boards', () => {
      test('award moves totals (new week resets the week column) and logs one event', async () => {
        expect(await ws.award('C1', award('U1', 5, '2026-W49', { name: 'Bob' }))).toMatchObject({ points: 5, weekPoints: 5, answers: 0, streak: 0, week: '2026-W49' });
        expect(await ws.award('C1', award('U1', -2, '2026-W50', { at: '2026-12-08T15:00:00.000Z' }))).toMatchObject({ points: 3, weekPoints: -2, week: '2026-W50' });
        expect((await ws.member('U1'))!.name).toBe('Bob');
        expect(await ws.totals('C1', 'U1')).toMatchObject({ points: 3 });
        expect(await ws.totals('C1', 'U9')).toBeNull();
        expect(await ws.readLog()).toEqual([
          { at: '2026-12-01T15:00:00.000Z', channel: 'C1', user: 'U1', delta: 5, kind: 'award', reason: 'merci', by: 'ADMIN' },
          { at: '2026-12-08T15:00:00.000Z', channel: 'C1', user: 'U1', delta: -2, kind: 'award', reason: 'merci', by: 'ADMIN' },
        ]);
      });

      test('channel board: competition ranks, 0 and negative points, opt-outs neither listed nor ranked (no gap hints at them), the viewer’s own row', async () => {
        for (const [u, p] of [['A', 10], ['B', 10], ['C', 7], ['D', 0], ['E', -3], ['F', 12]] as const) await ws.award('C1', award(u, p));
        await ws.updateMember('F', (m) => { m.optOut = true; }, { create: true });
        await ws.award('C1', award('OLD', 20, '2026-W40', { at: '2026-10-01T00:00:00.000Z' }));
        const board = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'F', limit: 3 });
        expect(board.allTime.map((r) => [r.user, r.rank, r.points])).toEqual([['OLD', 1, 20], ['A', 2, 10], ['B', 2, 10]]);
        expect(board.week.map((r) => [r.user, r.rank, r.points])).toEqual([['A', 1, 10], ['B', 1, 10], ['C', 3, 7]]);
        // The opted-out viewer still learns where they would stand among those shown.
        expect(board.viewer).toMatchObject({ weekRank: 1, allTimeRank: 2, totals: { points: 12 } });
        const all = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'nobody', limit: 10 });
        expect(all.week.map((r) => r.user)).toEqual(['A', 'B', 'C', 'D', 'E']);
        expect(all.viewer).toBeNull();
        const old = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'OLD', limit: 10 });
        expect(old.viewer).toMatchObject({ weekRank: null, allTimeRank: 1 });
        expect(old.week.find((r) => r.user === 'OLD')).toBeUndefined();
      });

      test('board rows carry names and totals; ties are listed in the order members took part', async () => {
        await ws.award('C1', award('Z', 4, '2026-W49', { name: 'Zoé' }));
        await ws.award('C1', award('Y', 4));
        const board = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'Z', limit: 10 });
        expect(board.allTime.map((r) => [r.user, r.name, r.rank])).toEqual([['Z', 'Zoé', 1], ['Y', undefined, 1]]);
        expect(board.allTime[0]!.totals).toMatchObject({ points: 4, weekPoints: 4 });
      });

      test('teams board and a member’s channels', async () => {
        await ws.updateChannel('C1', (s) => { s.name = 'support'; });
        await ws.award('C1', award('A', 5));
        await ws.award('C1', award('B', 5));
        await ws.award('C2', award('A', 20, '2026-W40', { at: '2026-10-01T00:00:00.000Z' }));
        await ws.updateChannel('C3', (s) => { s.name = 'empty'; });
        expect(await ws.teamsBoard({ week: '2026-W49', limit: 10 })).toEqual([
          { rank: 1, channel: 'C2', name: undefined, points: 20, weekPoints: 0, members: 1 },
          { rank: 2, channel: 'C1', name: 'support', points: 10, weekPoints: 10, members: 2 },
        ]);
        expect(await ws.teamsBoard({ week: '2026-W49', limit: 1 })).toHaveLength(1);
        expect(await ws.memberChannels('A')).toEqual([{ channel: 'C2', name: undefined, points: 20 }, { channel: 'C1', name: 'support', points: 5 }]);
        expect(await ws.memberChannels('nobody')).toEqual([]);
      });
    });

    describe('incidents', () => {
      test('ids in order across channels, refusals store nothing, updates with drill points in one step', async () => {
        const one = await ws.createIncident('C1', (id) => ({ incident: incidentOf(id, 'VPN') }));
        const two = await ws.createIncident('C2', (id) => ({ incident: incidentOf(id, 'Mail') }));
        expect([('incident' in one) && one.incident.id, ('incident' in two) && two.incident.id]).toEqual(['1', '2']);
        const refused = await ws.createIncident('C1', (_id, existing) => (existing.some((i) => i.resolvedAt === null) ? { refused: 'open' } : { incident: incidentOf('3', 'x') }));
        expect(refused).toEqual({ refused: 'open' });
        expect((await ws.incidents()).map((x) => [x.channel, x.incident.id])).toEqual([['C1', '1'], ['C2', '2']]);
        const changed = await ws.updateIncident('1', (incident, step) => {
          incident.resolvedAt = '2026-12-01T16:00:00.000Z';
          step.addScore({ ...award('U1', 6), kind: 'drill', reason: 'drill vpn', by: 'U1', incidentId: '1' });
          return 'ok';
        });
        expect(changed).toMatchObject({ result: 'ok', channel: 'C1', incident: { id: '1', resolvedAt: '2026-12-01T16:00:00.000Z' } });
        expect(await ws.totals('C1', 'U1')).toMatchObject({ points: 6 });
        expect((await ws.readLog()).at(-1)).toMatchObject({ kind: 'drill', incidentId: '1', delta: 6 });
        expect((await ws.incidents({ open: true })).map((x) => x.incident.id)).toEqual(['2']);
        expect((await ws.incidents({ channel: 'C1' })).map((x) => x.incident.id)).toEqual(['1']);
        expect(await ws.incident('2')).toMatchObject({ channel: 'C2', incident: { title: 'Mail' } });
        expect(await ws.incident('9')).toBeNull();
        expect(await ws.updateIncident('9', () => 1)).toBeNull();
        expect((await store.openIncidents()).map((x) => [x.workspace, x.channel, x.incident.id])).toEqual([['T1', 'C2', '2']]);
      });

      test('a throwing update changes nothing; concurrent openings get distinct ids', async () => {
        await ws.createIncident('C1', (id) => ({ incident: incidentOf(id, 'VPN') }));
        await expect(ws.updateIncident('1', (i, step) => { i.title = 'changed'; step.addScore(award('U1', 3)); throw new Error('no'); })).rejects.toThrow('no');
        expect((await ws.incident('1'))!.incident.title).toBe('VPN');
        expect(await ws.totals('C1', 'U1')).toBeNull();
        const many = await Promise.all(Array.from({ length: 20 }, (_, i) => ws.createIncident(`C${i}`, (id) => ({ incident: incidentOf(id, `n${i}`) }))));
        const ids = many.map((m) => ('incident' in m ? m.incident.id : ''));
        expect(new Set(ids).size).toBe(20);
      });
    });

    describe('walls, link key', () => {
      test('set, found by its hash, replaced, removed', async () => {
        const wall = { tokenHash: 'b'.repeat(64), createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'ADMIN' };
        expect(await ws.setWall('C1', wall)).toBe(false);
        expect(await ws.wall('C1')).toEqual(wall);
        expect(await store.wallByTokenHash('b'.repeat(64))).toEqual({ workspace: 'T1', channel: 'C1', wall });
        expect(await ws.setWall('C1', { ...wall, tokenHash: 'c'.repeat(64) })).toBe(true);
        expect(await store.wallByTokenHash('b'.repeat(64))).toBeNull();
        expect(await ws.setWall('C1', null)).toBe(true);
        expect(await ws.setWall('C1', null)).toBe(false);
        expect(await ws.wall('C1')).toBeNull();
        expect(await store.wallByTokenHash('c'.repeat(64))).toBeNull();
      });

      test('the link key is made once, also by concurrent first calls', async () => {
        let made = 0;
        const keys = await Promise.all(Array.from({ length: 10 }, () => store.linkKey(() => `key-${++made}`)));
        expect(new Set(keys).size).toBe(1);
        expect(await store.linkKey(() => 'other')).toBe(keys[0]);
      });
    });

    describe('privacy', () => {
      test('footprint, a preview that changes nothing, then forgetting under a pseudonym', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', { ...answerOf(c.id, 'U1', 6), name: 'Alice' });
        await ws.award('C1', award('U2', 2, '2026-W49', { by: 'U1' }));
        const print = await ws.footprint('U1');
        expect(print).toMatchObject({ member: { name: 'Alice' }, answers: 1, channels: 1, points: 6, logEntries: 1, mentions: 2, known: true });
        expect(await ws.footprint('nobody')).toMatchObject({ member: null, answers: 0, known: false });
        const preview = await ws.forgetPreview('U1');
        expect(preview).toMatchObject({ memberEntry: true, answers: 1, totals: 1, points: 6, logEntries: 2 });
        expect((await ws.member('U1'))!.name).toBe('Alice');
        const report = await ws.forgetMember('U1');
        expect(report).toMatchObject({ memberEntry: true, answers: 1, totals: 1, points: 6 });
        expect(await ws.member('U1')).toBeNull();
        expect((await ws.readLog()).some((e) => e.user === 'U1' || e.by === 'U1')).toBe(false);
        expect(await ws.totals('C1', report.pseudonym)).toMatchObject({ points: 6 });
      });
    });

    describe('scheduler reads', () => {
      test('active channels: a platform and a schedule or an open challenge with a reveal time', async () => {
        await ws.updateChannel('SCHED', (s) => { s.platform = 'slack'; s.scheduledSince = '2026-11-01T00:00:00.000Z'; });
        await ws.updateChannel('NOPLATFORM', (s) => { s.scheduledSince = '2026-11-01T00:00:00.000Z'; });
        await ws.updateChannel('OPEN', (s) => { s.platform = 'teams'; });
        await ws.createChallenge('OPEN', { ...challengeOf('2026-12-01'), revealAt: '2026-12-02T12:00:00.000Z' }, { expectLatest: null, rotation: { order: [], next: 0 }, choiceCount: noChoices });
        await ws.updateChannel('IDLE', (s) => { s.platform = 'slack'; });
        await store.workspace('T2').updateChannel('OTHER', (s) => { s.platform = 'slack'; s.scheduledSince = '2026-11-01T00:00:00.000Z'; });
        const active = (await store.activeChannels()).map((a) => `${a.workspace}/${a.channel.id}`).sort();
        expect(active).toEqual(['T1/OPEN', 'T1/SCHED', 'T2/OTHER']);
        const open = (await store.activeChannels()).find((a) => a.channel.id === 'OPEN')!;
        expect(open.channel.challenges.at(-1)!.revealAt).toBe('2026-12-02T12:00:00.000Z');
        expect((await store.workspaces()).sort()).toEqual(['T1', 'T2']);
      });
    });

    describe('replica state', () => {
      const t0 = new Date('2026-12-01T13:00:00.000Z');
      const later = (ms: number) => new Date(t0.getTime() + ms);

      test('a claim is held by one owner until its lease runs out, then claimable again; done is final', async () => {
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r1', 60_000, t0)).toEqual({ kind: 'claimed', until: later(60_000).toISOString() });
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r2', 60_000, later(1000))).toMatchObject({ kind: 'held', owner: 'r1' });
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r1', 60_000, later(2000))).toMatchObject({ kind: 'claimed', until: later(62_000).toISOString() });
        // r1 dies: after its lease another replica takes the slot, and is told whose work it takes over.
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r2', 60_000, later(62_001))).toEqual({ kind: 'claimed', until: later(122_001).toISOString(), previous: 'r1' });
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r2', 60_000, later(62_002))).not.toHaveProperty('previous');
        await store.release('slot:T1:C1:2026-12-01', 'r1', true); // not r1's any more: no effect
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r3', 60_000, later(62_002))).toMatchObject({ kind: 'held', owner: 'r2' });
        await store.release('slot:T1:C1:2026-12-01', 'r2', true);
        expect(await store.claim('slot:T1:C1:2026-12-01', 'r3', 60_000, later(10 * 60_000))).toEqual({ kind: 'done' });
      });

      test('a released (failed) claim is free at once; concurrent claims: exactly one wins', async () => {
        await store.claim('offer:T1:C1:outage', 'r1', 30 * 60_000, t0);
        await store.release('offer:T1:C1:outage', 'r1', false);
        expect(await store.claim('offer:T1:C1:outage', 'r2', 30 * 60_000, later(1))).toMatchObject({ kind: 'claimed' });
        const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => store.claim('slot:T1:C2:2026-12-01', `r${i}`, 60_000, t0)));
        expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      });

      test('a delivery id is first once while remembered', async () => {
        expect(await store.firstDelivery('Ev1', 3_600_000, t0)).toBe(true);
        expect(await store.firstDelivery('Ev1', 3_600_000, later(1000))).toBe(false);
        expect(await store.firstDelivery('Ev2', 3_600_000, later(1000))).toBe(true);
        expect(await store.firstDelivery('Ev1', 3_600_000, later(3_600_001))).toBe(true);
        const many = await Promise.all(Array.from({ length: 20 }, () => store.firstDelivery('Ev3', 60_000, t0)));
        expect(many.filter(Boolean)).toHaveLength(1);
      });

      test('health', async () => {
        expect(await store.health()).toEqual({ ok: true });
      });
    });

    // ── Issue 14's data (the team lead's week; helper i13-week) ──
    describe("issue 14's data: review queue, reminders, practice, recap", () => {
      const isoWeekOf = (day: string) => (day < '2026-12-07' ? '2026-W49' : '2026-W50');
      const words = (challengeId: string, user: string, score: number, lang: 'fr' | 'en' = 'fr') =>
        ({ challengeId, user, answer: { at: '2026-12-01T14:00:00.000Z', choice: null, covered: ['empathy'], missed: ['steps'], flags: [], score, lang }, week: '2026-W49', streak: rule });

      test('an unsure grade goes to the queue once per answer; a contest turns it contested; its words are kept until reviewed', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', words(c.id, 'U1', 4));
        const first = await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'unsure', doubts: ['model-torn'], words: 'je redémarre' }, at: '2026-12-01T14:00:01.000Z' });
        expect(first).toMatchObject({ kind: 'queued', item: { id: '1', channel: 'C1', challengeId: c.id, scenarioId: 'lost-mouse', user: 'U1', source: 'unsure', doubts: ['model-torn'], words: 'je redémarre', choice: null, score: 4, covered: ['empathy'], missed: ['steps'], lang: 'fr' } });
        expect(await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'unsure', doubts: ['capped'] }, at: '2026-12-01T14:00:02.000Z' })).toMatchObject({ kind: 'already', item: { id: '1' } });
        // Without a challenge id: the member's latest answer in the channel.
        const contested = await ws.enqueueReview('C1', { challengeId: null, user: 'U1', source: { kind: 'contested', reason: 'j’ai tout couvert' }, at: '2026-12-01T15:00:00.000Z' });
        expect(contested).toMatchObject({ kind: 'queued', item: { id: '1', source: 'contested', reason: 'j’ai tout couvert', words: 'je redémarre' } });
        expect(await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'contested', reason: 'encore' }, at: '2026-12-01T15:00:00.000Z' })).toMatchObject({ kind: 'already' });
        expect(await ws.enqueueReview('C1', { challengeId: c.id, user: 'U2', source: { kind: 'contested', reason: 'moi aussi' }, at: '2026-12-01T15:00:00.000Z' })).toEqual({ kind: 'no-answer' });
        expect(await ws.enqueueReview('C1', { challengeId: '2026-11-01-nothing', user: 'U1', source: { kind: 'contested', reason: 'vieux' }, at: '2026-12-01T15:00:00.000Z' })).toEqual({ kind: 'no-answer' });
        expect((await ws.reviewItems()).map((i) => i.id)).toEqual(['1']);
        expect(await ws.reviewItems({ user: 'U2' })).toEqual([]);
        expect(await ws.reviewItem('1')).toMatchObject({ source: 'contested', words: 'je redémarre' });
        expect(await ws.reviewItem('2')).toBeNull();
        expect(await ws.reviewItem('x')).toBeNull();
      });

      test('concurrent contests of one answer make one item; items are numbered in order across answers', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        for (const user of ['U1', 'U2', 'U3']) await ws.recordAnswer('C1', answerOf(c.id, user, 3));
        const results = await Promise.all(Array.from({ length: 8 }, () => ws.enqueueReview('C1', { challengeId: c.id, user: 'U2', source: { kind: 'contested', reason: 'trop bas' }, at: '2026-12-01T15:00:00.000Z' })));
        expect(results.filter((r) => r.kind === 'queued')).toHaveLength(1);
        expect(results.filter((r) => r.kind === 'already')).toHaveLength(7);
        await ws.enqueueReview('C1', { challengeId: c.id, user: 'U3', source: { kind: 'contested', reason: 'trop bas' }, at: '2026-12-01T15:00:01.000Z' });
        const items = await ws.reviewItems();
        expect(items.map((i) => [i.id, i.user])).toEqual([['1', 'U2'], ['2', 'U3']]);
        // A choice answer keeps no words.
        expect(items[0]!.words).toBeUndefined();
        expect(items[0]!.choice).toBe(1);
      });

      test('a contest finds the answer in another channel; held words move into the item', async () => {
        await post(ws, 'C1', '2026-12-01');
        const c2 = await post(ws, 'C2', '2026-12-01', 'printer');
        await ws.recordAnswer('C2', words(c2.id, 'U1', 5));
        expect(await ws.holdWords('C2', c2.id, 'U1', 'mes mots')).toBe(true);
        expect(await ws.holdWords('C2', c2.id, 'U1', 'autres mots')).toBe(false);
        const got = await ws.enqueueReview('C1', { challengeId: c2.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T15:00:00.000Z' });
        expect(got).toMatchObject({ kind: 'queued', item: { channel: 'C2', challengeId: c2.id, scenarioId: 'printer', words: 'mes mots' } });
        // The held words moved: nothing is left to drop at the debrief.
        await ws.markRevealed('C2', c2.id, '2026-12-01T20:00:00.000Z');
        expect(await ws.dropRevealedWords()).toBe(0);
      });

      test('held words are dropped after the debrief, not before', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        const d = await post(ws, 'C2', '2026-12-01');
        await ws.recordAnswer('C1', words(c.id, 'U1', 6));
        await ws.recordAnswer('C2', words(d.id, 'U1', 6));
        await ws.holdWords('C1', c.id, 'U1', 'un');
        await ws.holdWords('C2', d.id, 'U1', 'deux');
        expect(await ws.dropRevealedWords()).toBe(0);
        await ws.markRevealed('C1', c.id, '2026-12-01T20:00:00.000Z');
        expect(await ws.dropRevealedWords()).toBe(1);
        expect(await ws.dropRevealedWords()).toBe(0);
        // A contest after the debrief: the item has no words left; the other channel's are still held.
        expect(await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T21:00:00.000Z' })).toMatchObject({ kind: 'queued', item: { channel: 'C1' } });
        expect((await ws.reviewItem('1'))!.words).toBeUndefined();
        expect(await ws.enqueueReview('C2', { challengeId: d.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T21:00:00.000Z' })).toMatchObject({ kind: 'queued', item: { words: 'deux' } });
      });

      test('an adjustment settles once: one adjust event with reviewId, totals move once and equal the log', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', words(c.id, 'U1', 4));
        await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'unsure', doubts: ['capped'], words: 'mes mots' }, at: '2026-12-01T14:00:01.000Z' });
        const decision = { by: 'ADMIN', action: 'adjust' as const, score: 7, note: 'bonne réponse', weekOf: isoWeekOf, at: '2026-12-02T09:00:00.000Z' };
        const results = await Promise.all(Array.from({ length: 6 }, () => ws.settleReview('1', decision)));
        expect(results.filter((r) => r.kind === 'settled')).toEqual([{ kind: 'settled', delta: 3, item: expect.objectContaining({ id: '1', score: 4, reviewed: { by: 'ADMIN', at: decision.at, action: 'adjust', score: 7, note: 'bonne réponse' } }) }]);
        expect(results.filter((r) => r.kind === 'already')).toHaveLength(5);
        // A second adjustment later is a no-op too.
        expect(await ws.settleReview('1', { ...decision, score: 10 })).toMatchObject({ kind: 'already', item: { reviewed: { score: 7 } } });
        expect(await ws.settleReview('9', decision)).toEqual({ kind: 'unknown' });
        const item = (await ws.reviewItem('1'))!;
        expect(item.words).toBeUndefined();
        expect(await ws.reviewItems({ waiting: true })).toEqual([]);
        const log = await ws.readLog();
        expect(log.filter((e) => e.kind === 'adjust')).toEqual([{ at: decision.at, channel: 'C1', user: 'U1', delta: 3, kind: 'adjust', reason: 'bonne réponse', by: 'ADMIN', challengeId: c.id, reviewId: '1' }]);
        const totals = (await ws.totals('C1', 'U1'))!;
        expect(totals.points).toBe(7);
        expect(totals.weekPoints).toBe(7);
        expect(totals.answers).toBe(1);
        expect(log.filter((e) => e.user === 'U1' && e.channel === 'C1').reduce((s, e) => s + e.delta, 0)).toBe(totals.points);
        // The answer's grade is corrected where the challenge keeps it.
        expect((await ws.memberAnswer('C1', c.id, 'U1'))!.answer!.score).toBe(7);
      });

      test('a confirmation logs nothing; an adjustment of last week leaves this week’s column alone', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', answerOf(c.id, 'U1', 4));
        await ws.recordAnswer('C1', answerOf(c.id, 'U2', 4));
        await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T15:00:00.000Z' });
        await ws.enqueueReview('C1', { challengeId: c.id, user: 'U2', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T15:00:00.000Z' });
        expect(await ws.settleReview('1', { by: 'ADMIN', action: 'confirm', weekOf: isoWeekOf, at: '2026-12-02T09:00:00.000Z' })).toMatchObject({ kind: 'settled', delta: 0, item: { reviewed: { action: 'confirm', score: 4 } } });
        // U2 has moved on to week 50 (an award), then their week-49 answer is adjusted down.
        await ws.award('C1', award('U2', 2, '2026-W50'));
        await ws.settleReview('2', { by: 'ADMIN', action: 'adjust', score: 1, note: 'hors sujet', weekOf: isoWeekOf, at: '2026-12-08T09:00:00.000Z' });
        expect(await ws.totals('C1', 'U2')).toMatchObject({ points: 3, week: '2026-W50', weekPoints: 2 });
        expect((await ws.readLog()).filter((e) => e.kind === 'adjust').map((e) => [e.user, e.delta, e.reviewId])).toEqual([['U2', -3, '2']]);
      });

      test('reviewed items are pruned after 30 days; the queue of a forgotten member goes', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        for (const user of ['U1', 'U2', 'U3']) {
          await ws.recordAnswer('C1', answerOf(c.id, user, 4));
          await ws.enqueueReview('C1', { challengeId: c.id, user, source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T15:00:00.000Z' });
        }
        await ws.settleReview('1', { by: 'U3', action: 'confirm', weekOf: isoWeekOf, at: '2026-12-02T09:00:00.000Z' });
        await ws.settleReview('2', { by: 'ADMIN', action: 'confirm', weekOf: isoWeekOf, at: '2027-01-05T09:00:00.000Z' });
        expect((await ws.reviewItems()).map((i) => i.id)).toEqual(['2', '3']);
        await ws.forgetMember('U3');
        expect((await ws.reviewItems()).map((i) => i.id)).toEqual(['2']);
        // Numbers are never given twice, even after pruning.
        const d = await post(ws, 'C1', '2026-12-02');
        await ws.recordAnswer('C1', answerOf(d.id, 'U1', 4, '2026-12-02T14:00:00.000Z'));
        expect(await ws.enqueueReview('C1', { challengeId: d.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2027-01-05T10:00:00.000Z' })).toMatchObject({ item: { id: '4' } });
      });

      test('a member’s practice record and reminders flag are kept (and read back) through updateMember', async () => {
        const practice = { cards: { 'lost-mouse': { score: 3, at: '2026-12-01T14:00:00.000Z', box: 0, due: '2026-12-02T14:00:00.000Z', seen: 1 } }, principles: { empathy: { covered: 1, missed: 0 } }, recent: [{ at: '2026-12-01T14:00:00.000Z', score: 3, kind: 'challenge' as const }], points: 0 };
        await ws.updateMember('U1', (m) => { m.practice = practice; m.reminders = false; m.name = 'Alice'; }, { create: true });
        expect(await ws.member('U1')).toEqual({ name: 'Alice', practice, reminders: false });
        await ws.updateMember('U1', (m) => { m.practice!.points += 7; m.practice!.open = { scenarioId: 'printer', at: '2026-12-02T10:00:00.000Z' }; delete m.reminders; });
        expect(await ws.member('U1')).toEqual({ name: 'Alice', practice: { ...practice, points: 7, open: { scenarioId: 'printer', at: '2026-12-02T10:00:00.000Z' } } });
        // Concurrent practice answers each count.
        await Promise.all(Array.from({ length: 10 }, () => ws.updateMember('U1', (m) => { m.practice!.points += 1; })));
        expect((await ws.member('U1'))!.practice!.points).toBe(17);
      });

      test('reminders: candidates active since a day, with their flag and languages; remindedAt is set once', async () => {
        const old = await post(ws, 'C1', '2026-11-10');
        await ws.recordAnswer('C1', { ...answerOf(old.id, 'U9', 5, '2026-11-10T14:00:00.000Z', '2026-W46'), answer: { ...answerOf(old.id, 'U9', 5).answer, at: '2026-11-10T14:00:00.000Z' } });
        const a = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', words(a.id, 'U1', 5, 'en'));
        await ws.recordAnswer('C1', answerOf(a.id, 'U2', 5));
        await ws.updateMember('U2', (m) => { m.reminders = false; m.lang = 'fr'; });
        const b = await post(ws, 'C1', '2026-12-02');
        await ws.recordAnswer('C1', answerOf(b.id, 'U3', 5, '2026-12-02T14:00:00.000Z'));
        const got = await ws.reminderCandidates('C1', { challengeId: b.id, sinceDay: '2026-11-18' });
        expect(got).toEqual([
          { user: 'U1', lastDay: '2026-12-01', answered: false, reminders: true, lastLang: 'en' },
          { user: 'U2', lastDay: '2026-12-01', answered: false, reminders: false, lang: 'fr' },
          { user: 'U3', lastDay: '2026-12-02', answered: true, reminders: true },
        ]);
        expect(await ws.reminderCandidates('C2', { challengeId: b.id, sinceDay: '2026-11-18' })).toEqual([]);
        const marks = await Promise.all(Array.from({ length: 6 }, () => ws.markReminded('C1', b.id, '2026-12-02T19:00:00.000Z')));
        expect(marks.filter(Boolean)).toHaveLength(1);
        expect(await ws.markReminded('C1', b.id, '2026-12-02T19:30:00.000Z')).toBe(false);
        expect(await ws.markReminded('C1', 'nope', '2026-12-02T19:30:00.000Z')).toBe(false);
        expect((await ws.channel('C1'))!.challenges.at(-1)!.remindedAt).toBe('2026-12-02T19:00:00.000Z');
        expect((await ws.challenge('C1', b.id))!.remindedAt).toBe('2026-12-02T19:00:00.000Z');
        expect((await ws.challenge('C1', a.id))!.remindedAt).toBeUndefined();
      });

      test('recap reads: challenges since a day with answers, the channel’s totals, its answer events since a day', async () => {
        const a = await post(ws, 'C1', '2026-11-20');
        await ws.recordAnswer('C1', answerOf(a.id, 'U1', 4, '2026-11-20T14:00:00.000Z', '2026-W47'));
        const b = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', answerOf(b.id, 'U1', 6));
        await ws.recordAnswer('C1', answerOf(b.id, 'U2', 8));
        const other = await post(ws, 'C2', '2026-12-01');
        await ws.recordAnswer('C2', answerOf(other.id, 'U1', 9));
        await ws.award('C1', award('U2', 5));
        const since = await ws.challengesSince('C1', '2026-11-23');
        expect(since.map((c) => c.id)).toEqual([b.id]);
        expect(Object.keys(since[0]!.answers).sort()).toEqual(['U1', 'U2']);
        expect((await ws.challengesSince('C1', '2026-11-01')).map((c) => c.id)).toEqual([a.id, b.id]);
        const totals = await ws.channelTotals('C1');
        expect(Object.keys(totals).sort()).toEqual(['U1', 'U2']);
        expect(totals.U2!.points).toBe(13);
        expect(await ws.channelTotals('C9')).toEqual({});
        const events = await ws.channelEvents('C1', { sinceDay: '2026-11-23', kinds: ['answer'] });
        expect(events.map((e) => [e.user, e.delta, e.challengeId])).toEqual([['U1', 6, b.id], ['U2', 8, b.id]]);
        expect((await ws.channelEvents('C1', { sinceDay: '2026-11-01', kinds: ['answer', 'streak'] })).filter((e) => e.kind === 'answer')).toHaveLength(3);
      });

      test('recap lastWeek is recorded once (updateChannel is atomic), recap settings ride in the channel settings', async () => {
        await ws.updateChannel('C1', (s) => { s.recap = { cron: '0 15 * * 5' }; });
        const mark = () => ws.updateChannel('C1', (s) => {
          if (s.recap?.lastWeek === '2026-W49') return false;
          s.recap = { ...(s.recap ?? {}), lastWeek: '2026-W49' };
          return true;
        }, { create: false });
        const results = await Promise.all(Array.from({ length: 8 }, mark));
        expect(results.filter((r) => r.found && r.result)).toHaveLength(1);
        expect((await ws.channel('C1'))!.recap).toEqual({ cron: '0 15 * * 5', lastWeek: '2026-W49' });
      });

      test('claims for the recap and reminder ticks: one replica of many gets each batch', async () => {
        const keys = ['recap:T1:C1:2026-W49', 'remind:T1:C1:2026-12-02-lost-mouse'];
        for (const key of keys) {
          const now = new Date('2026-12-04T16:00:00.000Z');
          const outcomes = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((owner) => store.claim(key, owner, 600_000, now)));
          const winners = outcomes.filter((o) => o.kind === 'claimed');
          expect(winners).toHaveLength(1);
          const owner = ['r1', 'r2', 'r3', 'r4'][outcomes.indexOf(winners[0]!)]!;
          await store.release(key, owner, true);
          expect(await store.claim(key, 'r5', 600_000, new Date('2026-12-04T17:00:00.000Z'))).toEqual({ kind: 'done' });
        }
      });

      test('another workspace sees none of it', async () => {
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', words(c.id, 'U1', 4));
        await ws.holdWords('C1', c.id, 'U1', 'mots');
        await ws.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'contested', reason: 'revoir' }, at: '2026-12-01T15:00:00.000Z' });
        const other = store.workspace('T2');
        expect(await other.reviewItems()).toEqual([]);
        expect(await other.reviewItem('1')).toBeNull();
        expect(await other.settleReview('1', { by: 'X', action: 'adjust', score: 10, weekOf: isoWeekOf, at: '2026-12-02T00:00:00.000Z' })).toEqual({ kind: 'unknown' });
        expect(await other.enqueueReview('C1', { challengeId: c.id, user: 'U1', source: { kind: 'contested', reason: 'x' }, at: '2026-12-02T00:00:00.000Z' })).toEqual({ kind: 'no-answer' });
        expect(await other.markReminded('C1', c.id, '2026-12-02T00:00:00.000Z')).toBe(false);
        expect(await other.reminderCandidates('C1', { challengeId: c.id, sinceDay: '2026-01-01' })).toEqual([]);
        expect(await other.challengesSince('C1', '2026-01-01')).toEqual([]);
        expect(await other.channelEvents('C1', { sinceDay: '2026-01-01', kinds: ['answer'] })).toEqual([]);
        expect(await other.channelTotals('C1')).toEqual({});
        await ws.markRevealed('C1', c.id, '2026-12-01T20:00:00.000Z');
        expect(await other.dropRevealedWords()).toBe(0);
        expect((await ws.reviewItem('1'))!.words).toBe('mots');
      });
    });

    describe('workspace isolation', () => {
      test('nothing written in one workspace is seen from another', async () => {
        const other = store.workspace('T2');
        const c = await post(ws, 'C1', '2026-12-01');
        await ws.recordAnswer('C1', { ...answerOf(c.id, 'U1', 5), name: 'Alice' });
        await ws.award('C1', award('U2', 3));
        await ws.updateMember('U3', (m) => { m.lang = 'en'; }, { create: true });
        await ws.createIncident('C1', (id) => ({ incident: incidentOf(id, 'VPN', 'U1') }));
        await ws.setWall('C1', { tokenHash: 'd'.repeat(64), createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'U1' });

        expect(await other.member('U1')).toBeNull();
        expect(await other.members(['U1', 'U2', 'U3'])).toEqual({});
        expect(await other.channel('C1')).toBeNull();
        expect(await other.channels()).toEqual([]);
        expect(await other.challenge('C1', null)).toBeNull();
        expect(await other.challenge('C1', c.id)).toBeNull();
        expect(await other.memberAnswer('C1', null, 'U1')).toBeNull();
        expect(await other.totals('C1', 'U1')).toBeNull();
        const board = await other.channelBoard('C1', { week: '2026-W49', viewer: 'U1', limit: 10 });
        expect(board).toEqual({ week: [], allTime: [], viewer: null });
        expect(await other.teamsBoard({ week: '2026-W49', limit: 10 })).toEqual([]);
        expect(await other.memberChannels('U1')).toEqual([]);
        expect(await other.readLog()).toEqual([]);
        expect(await other.incidents()).toEqual([]);
        expect(await other.incident('1')).toBeNull();
        expect(await other.wall('C1')).toBeNull();
        expect(await other.footprint('U1')).toMatchObject({ member: null, answers: 0, channels: 0, logEntries: 0, known: false });
        expect(await other.recordAnswer('C1', answerOf(c.id, 'U9', 5))).toEqual({ kind: 'none' });
        expect(await other.markRevealed('C1', null, '2026-12-02T00:00:00.000Z')).toBeNull();
        expect(await other.setPostRef('C1', c.id, { ts: '1' })).toBe(false);
        expect(await other.updateIncident('1', () => 1)).toBeNull();
        // The other workspace's incident ids start at 1 of their own.
        const own = await other.createIncident('C1', (id) => ({ incident: incidentOf(id, 'Mail') }));
        expect('incident' in own && own.incident.id).toBe('1');
        // Forgetting in the other workspace leaves this one's member as they were.
        await other.forgetMember('U1');
        expect((await ws.member('U1'))!.name).toBe('Alice');
        expect((await store.readLog('T1')).length).toBe(2);
        expect((await store.readLog('T2')).length).toBe(0);
        expect((await ws.challenge('C1', c.id))!.revealedAt).toBeNull();
      });
    });
  });
}
