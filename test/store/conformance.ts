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

      test('channel board: competition ranks, 0 and negative points, opt-outs ranked but not listed, the viewer’s own row', async () => {
        for (const [u, p] of [['A', 10], ['B', 10], ['C', 7], ['D', 0], ['E', -3], ['F', 12]] as const) await ws.award('C1', award(u, p));
        await ws.updateMember('F', (m) => { m.optOut = true; }, { create: true });
        await ws.award('C1', award('OLD', 20, '2026-W40', { at: '2026-10-01T00:00:00.000Z' }));
        const board = await ws.channelBoard('C1', { week: '2026-W49', viewer: 'F', limit: 3 });
        expect(board.allTime.map((r) => [r.user, r.rank, r.points])).toEqual([['OLD', 1, 20], ['A', 3, 10], ['B', 3, 10]]);
        expect(board.week.map((r) => [r.user, r.rank, r.points])).toEqual([['A', 2, 10], ['B', 2, 10], ['C', 4, 7]]);
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
