// recordAnswer's two-round-trip path on PostgreSQL (pg-port.ts recordOnce and coach_record_answer, from
// migrations/1764800000000_record-answer.sql): whatever happens between its unlocked read and its write
// (an award, a reveal, the member's other answer), the outcome is the locked transaction's, and the
// function itself writes everything or nothing.
import { streakBonus } from '../../src/domain/scores.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import type { AnswerInputRecord } from '../../src/store/port.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const rule: AnswerInputRecord['streak'] = (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points);

function answer(challengeId: string, user: string, score: number): AnswerInputRecord {
  return { challengeId, user, answer: { at: '2026-01-05T14:00:00.000Z', choice: 1, covered: [], missed: [], flags: [], score }, week: '2026-W02', streak: rule };
}

describePg('recordAnswer in two round trips (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PgPort;
  let day = 0;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db.url);
    store = pgPort(db.url, { poolSize: 6 });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  /** A new challenge in channel `channel` of workspace W (the day after the previous one). */
  async function challenge(channel = 'C1'): Promise<string> {
    const ws = store.workspace('W');
    const latest = (await ws.challenge(channel, null))?.id ?? null;
    const d = new Date(Date.UTC(2026, 0, 5) + day++ * 86_400_000).toISOString().slice(0, 10);
    const out = await ws.createChallenge(channel, { id: `${d}-s`, scenarioId: 's', day: d, postedAt: `${d}T13:00:00.000Z`, revealAt: null }, { expectLatest: latest, rotation: { order: [], next: 0 }, choiceCount: () => 4 });
    if (out.kind === 'conflict') throw new Error('conflict');
    return out.challenge.id;
  }

  /** Runs `before` once, just before the next call of coach_record_answer goes to the database. */
  function beforeWrite(before: () => Promise<unknown>): void {
    const pool = store.pool as unknown as { query: (...args: unknown[]) => Promise<unknown> };
    const query = pool.query.bind(pool);
    let done = false;
    pool.query = async (...args: unknown[]) => {
      const config = args[0] as { name?: string } | string;
      if (!done && typeof config === 'object' && config.name === 'answer-record') {
        done = true;
        await before();
      }
      return query(...args);
    };
  }

  afterEach(() => {
    delete (store.pool as unknown as { query?: unknown }).query; // the prototype's again
  });

  async function counts(member: string) {
    const { rows } = await store.pool.query(`SELECT (SELECT count(*)::int FROM answers WHERE workspace_id = 'W' AND member_id = $1) AS answers,
      (SELECT coalesce(sum(delta), 0)::int FROM score_log WHERE workspace_id = 'W' AND member_id = $1) AS logged,
      (SELECT coalesce(sum(points), 0)::int FROM totals WHERE workspace_id = 'W' AND member_id = $1) AS points`, [member]);
    return rows[0] as { answers: number; logged: number; points: number };
  }

  it('records, and the totals equal the log', async () => {
    const id = await challenge();
    const out = await store.workspace('W').recordAnswer('C1', answer(id, 'U1', 7));
    expect(out.kind).toBe('recorded');
    if (out.kind !== 'recorded') return;
    expect(out.totals).toMatchObject({ points: 7, answers: 1, streak: 1, lastDay: out.challenge.day });
    expect(out.challenge.answerCount).toBe(1);
    expect(await counts('U1')).toEqual({ answers: 1, logged: 7, points: 7 });
    expect((await store.workspace('W').recordAnswer('C1', answer(id, 'U1', 9))).kind).toBe('already');
  });

  it('an award between the read and the write: the answer is recorded on the new totals, nothing lost', async () => {
    const first = await challenge('C2');
    await store.workspace('W').recordAnswer('C2', answer(first, 'U2', 5));
    const id = await challenge('C2');
    beforeWrite(() => store.workspace('W').award('C2', { user: 'U2', delta: 3, kind: 'award', reason: 'good', by: 'ADMIN', at: '2026-01-06T15:00:00.000Z', week: '2026-W02' }));
    const out = await store.workspace('W').recordAnswer('C2', answer(id, 'U2', 10));
    expect(out.kind).toBe('recorded');
    if (out.kind !== 'recorded') return;
    // 5, the award's 3, then 10 with a 2-day streak's 10 % (+1).
    expect(out.totals).toMatchObject({ points: 19, answers: 2, streak: 2 });
    expect(out.answer.streakBonus).toBe(1);
    expect(await counts('U2')).toEqual({ answers: 2, logged: 19, points: 19 });
  });

  it('a reveal between the read and the write: closed, nothing written', async () => {
    const id = await challenge('C3');
    beforeWrite(() => store.workspace('W').markRevealed('C3', id, '2026-01-06T12:00:00.000Z'));
    const out = await store.workspace('W').recordAnswer('C3', answer(id, 'U3', 10));
    expect(out.kind).toBe('closed');
    expect(await counts('U3')).toEqual({ answers: 0, logged: 0, points: 0 });
  });

  it('the same answer arriving twice between the read and the write: one recorded, the other already', async () => {
    const id = await challenge('C4');
    let other: unknown;
    beforeWrite(async () => { other = await store.workspace('W').recordAnswer('C4', answer(id, 'U4', 4)); });
    const out = await store.workspace('W').recordAnswer('C4', answer(id, 'U4', 6));
    expect((other as { kind: string }).kind).toBe('recorded');
    expect(out.kind).toBe('already');
    expect(await counts('U4')).toEqual({ answers: 1, logged: 4, points: 4 });
  });

  it("the member's first totals created by an award in between: the answer is recorded on them", async () => {
    const id = await challenge('C5');
    beforeWrite(() => store.workspace('W').award('C5', { user: 'U5', delta: 3, kind: 'award', reason: 'good', by: 'ADMIN', at: '2026-01-06T15:00:00.000Z', week: '2026-W02' }));
    const out = await store.workspace('W').recordAnswer('C5', answer(id, 'U5', 10));
    expect(out.kind).toBe('recorded');
    if (out.kind !== 'recorded') return;
    expect(out.totals).toMatchObject({ points: 13, answers: 1, streak: 1 });
    expect(await counts('U5')).toEqual({ answers: 1, logged: 13, points: 13 });
  });

  it('the function writes nothing on totals other than those read (another version, or a row where none was)', async () => {
    const id = await challenge('C6');
    await store.workspace('W').recordAnswer('C6', answer(id, 'U6', 2));
    const next = await challenge('C6');
    const call = (version: string | null) => store.pool.query(
      `SELECT outcome, after FROM coach_record_answer('W', 'C6', $1, 'U6', now(), 1, '{}', '{}', '{}', 5, 0, NULL, '{}', NULL, '2026-W02', 5, 1, '2026-01-20',
        '[{"delta":5,"kind":"answer","reason":"x"}]', 42, $2)`, [next, version]);
    expect((await call('1')).rows[0]).toEqual({ outcome: 'stale', after: null });
    expect((await call(null)).rows[0]).toEqual({ outcome: 'stale', after: null });
    expect(await counts('U6')).toEqual({ answers: 1, logged: 2, points: 2 });
  });

  it('many answers at once with awards to the same members: totals equal the log', async () => {
    const id = await challenge('C7');
    const members = Array.from({ length: 40 }, (_, i) => `M${i}`);
    const ws = store.workspace('W');
    const outs = await Promise.all(members.flatMap((m, i) => [
      ws.recordAnswer('C7', answer(id, m, i % 11)),
      ws.award('C7', { user: m, delta: 1 + (i % 3), kind: 'award', reason: 'help', by: 'ADMIN', at: '2026-01-06T15:00:00.000Z', week: '2026-W02' }),
    ]));
    expect(outs.filter((o) => 'kind' in o && o.kind === 'recorded')).toHaveLength(40);
    const { rows } = await store.pool.query(`SELECT t.member_id, t.points, t.answers, (SELECT sum(delta)::int FROM score_log l WHERE l.workspace_id = t.workspace_id AND l.channel_id = t.channel_id AND l.member_id = t.member_id) AS logged
      FROM totals t WHERE t.workspace_id = 'W' AND t.channel_id = 'C7'`);
    expect(rows).toHaveLength(40);
    for (const r of rows) {
      expect(r.answers).toBe(1);
      expect(r.points).toBe(r.logged);
    }
  });
});
