// Issue 14's pure rules: who is reminded and when (domain/reminders.ts), the review queue's enqueue and
// settle (domain/review-queue.ts), spaced repetition and the profile (domain/practice.ts), and the
// grader's doubts (grading/doubt.ts). The flows are tested end to end in test/cli, test/slack, test/teams.
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { emptyChannel, emptyTotals } from '../../src/domain/channel-defaults.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { BOX_DAYS, emptyPractice, nextBox, pickPractice, profileOf, recordAttempt } from '../../src/domain/practice.js';
import { dueReminders, reminderTime } from '../../src/domain/reminders.js';
import { dropRevealedWords, enqueue, holdWords, settle, waiting } from '../../src/domain/review-queue.js';
import { SlotCalendar } from '../../src/domain/schedule.js';
import { isoWeek } from '../../src/domain/time.js';
import { gradeFreeText } from '../../src/grading/grade.js';
import { gradeDoubts } from '../../src/grading/doubt.js';
import { newPseudonym, scrubMember } from '../../src/store/forget-member.js';
import { emptyWorkspace, type AnswerData, type ChallengeData, type WorkspaceData } from '../../src/store/schema.js';
import { root } from '../helpers.js';

const holidays = (() => { const r = parseHolidaySpec('none'); if (!r.ok) throw new Error(); return r.calendar; })();
const schedule = { cron: '0 9 * * 1-5', timezone: 'America/Toronto' };
const calendar = (paused: string[] = []) => new SlotCalendar(schedule, holidays, new Set(paused));
const at = (local: string) => new Date(`${local}-05:00`);

function challenge(day: string, extra: Partial<ChallengeData> = {}): ChallengeData {
  return { id: `${day}-lost-mouse`, scenarioId: 'lost-mouse', day, postedAt: at(`${day}T09:00:00`).toISOString(), revealAt: null, revealedAt: null, answers: {}, ...extra };
}
const answer = (score: number, choice: number | null = null): AnswerData => ({ at: '2100-03-01T14:00:00.000Z', choice, covered: [], missed: [], flags: [], score, streakBonus: 0 });

/** A channel with a Tuesday challenge revealed Wednesday 08:00, and members by their last answered day. */
function team(lastDays: Record<string, string | null>, extra: Partial<ChallengeData> = {}): { ws: WorkspaceData; ch: ChallengeData } {
  const ws = emptyWorkspace();
  const ch = challenge('2100-03-02', { revealAt: at('2100-03-03T08:00:00').toISOString(), ...extra });
  const channel = (ws.channels.C1 = { ...emptyChannel(), platform: 'terminal', challenges: [ch] });
  for (const [user, lastDay] of Object.entries(lastDays)) channel.totals[user] = { ...emptyTotals(isoWeek('2100-03-02')), lastDay };
  return { ws, ch };
}

describe('reminders', () => {
  test('an hour before the reveal; none for a challenge without a reveal time, revealed, already reminded, or when the hour is before the post', () => {
    expect(reminderTime(challenge('2100-03-02', { revealAt: at('2100-03-03T08:00:00').toISOString() }))).toEqual(at('2100-03-03T07:00:00'));
    expect(reminderTime(challenge('2100-03-02'))).toBeNull();
    expect(reminderTime(challenge('2100-03-02', { revealAt: at('2100-03-03T08:00:00').toISOString(), revealedAt: '2100-03-03T13:00:00.000Z' }))).toBeNull();
    expect(reminderTime(challenge('2100-03-02', { revealAt: at('2100-03-03T08:00:00').toISOString(), remindedAt: '2100-03-03T12:00:00.000Z' }))).toBeNull();
    expect(reminderTime(challenge('2100-03-02', { revealAt: at('2100-03-02T09:30:00').toISOString() }))).toBeNull();
  });

  test('only members who answered here in the last 14 days, did not answer this one and did not opt out', () => {
    const { ws, ch } = team({ recent: '2100-03-01', edge: '2100-02-17', old: '2100-02-16', answered: '2100-03-02', never: null, off: '2100-03-01' });
    ch.answers.answered = answer(5);
    ws.members.off = { reminders: false };
    ws.members.recent = { reminders: true };
    expect(dueReminders(ws, ws.channels.C1!, calendar(), at('2100-03-03T06:59:00'))).toBeNull();
    expect(dueReminders(ws, ws.channels.C1!, calendar(), at('2100-03-03T07:00:00'))!.users).toEqual(['edge', 'recent']);
    // A coach that was down catches up until the reveal, not after.
    expect(dueReminders(ws, ws.channels.C1!, calendar(), at('2100-03-03T07:59:00'))!.users).toEqual(['edge', 'recent']);
    expect(dueReminders(ws, ws.channels.C1!, calendar(), at('2100-03-03T08:00:00'))).toBeNull();
  });

  test('none when the reminder day or the challenge day is paused (the challenge is still marked as handled)', () => {
    const { ws } = team({ recent: '2100-03-01' });
    ws.channels.C1!.pausedDates = ['2100-03-03'];
    expect(dueReminders(ws, ws.channels.C1!, calendar(['2100-03-03']), at('2100-03-03T07:00:00'))).toMatchObject({ users: [] });
    ws.channels.C1!.pausedDates = ['2100-03-02'];
    expect(dueReminders(ws, ws.channels.C1!, calendar(['2100-03-02']), at('2100-03-03T07:00:00'))).toMatchObject({ users: [] });
  });
});

describe('review queue', () => {
  function answered(score: number, choice: number | null = null) {
    const { ws, ch } = team({ bob: '2100-03-02' });
    ch.answers.bob = answer(score, choice);
    ws.channels.C1!.totals.bob = { ...ws.channels.C1!.totals.bob!, points: score, weekPoints: score, answers: 1 };
    return { ws, ch };
  }
  const now = at('2100-03-02T10:00:00');

  test('a contest takes the held words; one item per answer; a contest after an unsure grade makes it contested', () => {
    const { ws, ch } = answered(3);
    holdWords(ws, 'C1', ch.id, 'bob', 'mes mots');
    const first = enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'contested', reason: 'relisez' }, now);
    expect(first).toMatchObject({ kind: 'queued', item: { id: '1', words: 'mes mots', source: 'contested', reason: 'relisez', score: 3 } });
    expect(ws.reviewQueue!.held).toEqual([]);
    expect(enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'contested', reason: 'encore' }, now).kind).toBe('already');
    const other = answered(4);
    other.ch.answers.bob = answer(4);
    expect(enqueue(other.ws, 'C1', other.ch, 'bob', other.ch.answers.bob!, { kind: 'unsure', doubts: ['model-torn'], words: 'w' }, now).kind).toBe('queued');
    const contested = enqueue(other.ws, 'C1', other.ch, 'bob', other.ch.answers.bob!, { kind: 'contested', reason: 'injuste' }, now);
    expect(contested).toMatchObject({ kind: 'queued', item: { id: '1', source: 'contested', reason: 'injuste', words: 'w' } });
  });

  test('an adjustment moves totals and this week once, logs one adjust event, corrects the answer, drops the words; a second settle changes nothing', () => {
    const { ws, ch } = answered(3);
    enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'unsure', doubts: ['capped'], words: 'mes mots' }, now);
    const result = settle(ws, '1', { by: 'lead', action: 'adjust', score: 8, note: 'bonne réponse' }, now);
    expect(result).toMatchObject({ kind: 'settled', delta: 5 });
    expect(ws.channels.C1!.totals.bob).toMatchObject({ points: 8, weekPoints: 8 });
    expect(ch.answers.bob!.score).toBe(8);
    expect(ws.scoreLog).toEqual([{ at: now.toISOString(), channel: 'C1', user: 'bob', delta: 5, kind: 'adjust', reason: 'bonne réponse', by: 'lead', challengeId: ch.id, reviewId: '1' }]);
    expect(ws.reviewQueue!.items[0]!.words).toBeUndefined();
    expect(waiting(ws)).toEqual([]);
    expect(settle(ws, '1', { by: 'lead', action: 'adjust', score: 2, note: 'x' }, now).kind).toBe('already');
    expect(settle(ws, '1', { by: 'lead', action: 'confirm' }, now).kind).toBe('already');
    expect(ws.scoreLog).toHaveLength(1);
    expect(ws.channels.C1!.totals.bob!.points).toBe(8);
    expect(settle(ws, '9', { by: 'lead', action: 'confirm' }, now).kind).toBe('unknown');
    // A reviewed answer cannot be contested again.
    expect(enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'contested', reason: 'encore' }, now).kind).toBe('reviewed');
  });

  test('an adjustment of last week’s challenge moves all-time points only; a confirm logs nothing', () => {
    const { ws, ch } = answered(6);
    ws.channels.C1!.totals.bob!.week = isoWeek('2100-03-09');
    enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'contested', reason: 'relisez' }, now);
    settle(ws, '1', { by: 'lead', action: 'adjust', score: 4, note: 'trop généreux' }, now);
    expect(ws.channels.C1!.totals.bob).toMatchObject({ points: 4, weekPoints: 6 });
    const other = answered(6);
    enqueue(other.ws, 'C1', other.ch, 'bob', other.ch.answers.bob!, { kind: 'contested', reason: 'relisez' }, now);
    expect(settle(other.ws, '1', { by: 'lead', action: 'confirm' }, now)).toMatchObject({ kind: 'settled', delta: 0 });
    expect(other.ws.scoreLog).toEqual([]);
  });

  test('held words go at the debrief; forgetting a member removes their items and held words', () => {
    const { ws, ch } = answered(3);
    holdWords(ws, 'C1', ch.id, 'bob', 'mes mots');
    expect(dropRevealedWords(ws)).toBe(0);
    ch.revealedAt = now.toISOString();
    expect(dropRevealedWords(ws)).toBe(1);
    holdWords(ws, 'C1', ch.id, 'bob', 'encore');
    enqueue(ws, 'C1', ch, 'bob', ch.answers.bob!, { kind: 'contested', reason: 'relisez' }, now);
    scrubMember(ws, 'T1', 'bob', newPseudonym());
    expect(JSON.stringify(ws.reviewQueue)).not.toContain('bob');
    expect(JSON.stringify(ws.reviewQueue)).not.toContain('mes mots');
  });
});

describe('practice', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const day = (n: number) => new Date(Date.UTC(2100, 2, 1 + n, 14));

  test('Leitner boxes: a poor score goes back to box 0, a middling one stays, a good one moves up', () => {
    expect([nextBox(3, 4), nextBox(0, 6), nextBox(3, 7), nextBox(0, 8), nextBox(5, 10)]).toEqual([0, 1, 3, 1, 5]);
    expect(BOX_DAYS).toEqual([1, 2, 4, 8, 16, 32]);
  });

  test('the worst-scored due scenario first, then unseen ones in order, then the one due soonest', () => {
    const p = emptyPractice();
    expect(pickPractice(p, ids, day(0))).toBe('a');
    recordAttempt(p, { scenarioId: 'a', score: 6, covered: [], missed: [], at: day(0), kind: 'challenge' });
    recordAttempt(p, { scenarioId: 'b', score: 2, covered: [], missed: [], at: day(0), kind: 'challenge' });
    recordAttempt(p, { scenarioId: 'c', score: 9, covered: [], missed: [], at: day(0), kind: 'challenge' });
    // Day 1: only b (box 0, 1 day) is due; day 2: a, b, c all due, b worst.
    expect(pickPractice(p, ids, day(1))).toBe('b');
    expect(pickPractice(p, ids, day(2))).toBe('b');
    recordAttempt(p, { scenarioId: 'b', score: 9, covered: [], missed: [], at: day(2), kind: 'practice' });
    expect(pickPractice(p, ids, day(2))).toBe('a');          // a (6) before c (9)
    expect(pickPractice(p, ids, day(1.5))).toBe('d');        // nothing due: the unseen one
    recordAttempt(p, { scenarioId: 'd', score: 10, covered: [], missed: [], at: day(1), kind: 'practice' });
    expect(pickPractice(p, ids, day(1.2))).toBe('a');        // all seen, none due: the one due soonest (a, c at day 2; a first in order)
  });

  test('the profile: principles covered and missed most, trend over the last five against the five before', () => {
    const p = emptyPractice();
    const scores = [2, 3, 2, 3, 2, 6, 7, 6, 7, 8];
    scores.forEach((score, i) => recordAttempt(p, { scenarioId: 'a', score, covered: i % 2 ? ['listen'] : ['listen', 'verify'], missed: i < 6 ? ['follow-up'] : [], at: day(i), kind: 'challenge' }));
    const profile = profileOf(p);
    expect(profile.strongest.map((x) => x.id)).toEqual(['listen', 'verify']);
    expect(profile.weakest).toEqual([{ id: 'follow-up', covered: 0, missed: 6 }]);
    expect(profile).toMatchObject({ lastAverage: 6.8, previousAverage: 2.4, trend: 'up', answers: 10 });
    expect(profileOf(undefined)).toMatchObject({ answers: 0, trend: 'unknown', lastAverage: null });
  });
});

describe('the grader’s doubts', () => {
  const library = loadLibrary(join(root, 'content'));
  const scenario = library.scenarios.find((s) => s.id === 'lost-mouse')!;

  test('a clear answer, good or off-topic, is sure; a harmful decision amid the right principles is capped and unsure', () => {
    const good = 'je vais la voir calmement, je lui demande ce qu’elle voit à l’écran, je vérifie avec elle le deuxième écran et les piles, je lui montre le truc pour la prochaine fois et je garde ça pour moi';
    expect(gradeDoubts(scenario, gradeFreeText(scenario, good, 'fr'), 'fr')).not.toContain('capped');
    expect(gradeDoubts(scenario, gradeFreeText(scenario, 'je ne sais pas', 'fr'), 'fr')).toEqual([]);
    const capped = `${good}, puis je formate son PC ce soir`;
    const result = gradeFreeText(scenario, capped, 'fr');
    expect(result.flags).toContain('wipes-computer');
    expect(gradeDoubts(scenario, result, 'fr')).toContain('capped');
  });
});

describe('restore replays adjustments', () => {
  test('an adjustment of an older week’s challenge moves all-time points and the answer, not this week’s points', async () => {
    const { replayScoreEvents } = await import('../../src/domain/replay.js');
    const ws = emptyWorkspace();
    const events = [
      { at: '2100-03-01T14:00:00.000Z', channel: 'C1', user: 'bob', delta: 3, kind: 'answer' as const, reason: 'challenge 2100-03-01-lost-mouse', by: 'bob', challengeId: '2100-03-01-lost-mouse' },
      { at: '2100-03-08T14:00:00.000Z', channel: 'C1', user: 'bob', delta: 5, kind: 'answer' as const, reason: 'challenge 2100-03-08-touchscreen', by: 'bob', challengeId: '2100-03-08-touchscreen' },
      { at: '2100-03-08T15:00:00.000Z', channel: 'C1', user: 'bob', delta: 4, kind: 'adjust' as const, reason: 'relu', by: 'lead', challengeId: '2100-03-01-lost-mouse', reviewId: '1' },
    ];
    replayScoreEvents(ws, events, () => 'America/Toronto');
    expect(ws.channels.C1!.totals.bob).toMatchObject({ points: 12, week: isoWeek('2100-03-08'), weekPoints: 5, answers: 2 });
    expect(ws.channels.C1!.challenges.find((c) => c.id === '2100-03-01-lost-mouse')!.answers.bob!.score).toBe(7);
  });
});
