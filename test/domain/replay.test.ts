// Replaying recorded score changes into running totals (what coach restore does past a backup).
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import { replayScoreEvents } from '../../src/domain/replay.js';
import { emptyWorkspace, type ScoreEvent, type WorkspaceData } from '../../src/store/schema.js';

const TORONTO = () => 'America/Toronto';
const answer = (user: string, day: string, delta: number, scenario = 's1'): ScoreEvent => ({
  at: `${day}T14:30:00.000Z`, channel: 'C1', user, delta, kind: 'answer', reason: `challenge ${day}-${scenario}`, by: user, challengeId: `${day}-${scenario}`,
});
const streak = (user: string, day: string, delta: number, scenario = 's1'): ScoreEvent => ({ ...answer(user, day, delta, scenario), kind: 'streak', reason: 'streak' });
const award = (user: string, at: string, delta: number): ScoreEvent => ({ at, channel: 'C1', user, delta, kind: 'award', reason: 'merci', by: 'lead' });

function workspaceWithDays(...days: string[]): WorkspaceData {
  const ws = emptyWorkspace();
  const channel = (ws.channels.C1 = emptyChannel());
  for (const day of days) channel.challenges.push({ id: `${day}-s1`, scenarioId: 's1', day, postedAt: `${day}T14:00:00.000Z`, revealAt: null, revealedAt: `${day}T23:00:00.000Z`, answers: {} });
  return ws;
}

test('consecutive challenge days continue the streak; a missed one starts it again', () => {
  // Challenges Mon to Wed (2100-03-01..03), Fri and next Mon. Ana answers Mon to Wed and Fri (no challenge
  // on Thursday: her streak goes on); Bo skips Tuesday's.
  const ws = workspaceWithDays('2100-03-01', '2100-03-02', '2100-03-03', '2100-03-05', '2100-03-08');
  const summary = replayScoreEvents(ws, [
    answer('ana', '2100-03-01', 7), answer('ana', '2100-03-02', 5), streak('ana', '2100-03-02', 1), answer('ana', '2100-03-03', 10), streak('ana', '2100-03-03', 2),
    answer('ana', '2100-03-05', 4), streak('ana', '2100-03-05', 3),
    answer('bo', '2100-03-01', 3), answer('bo', '2100-03-03', 6), // bo skipped Tuesday's challenge
  ], TORONTO);
  const ana = ws.channels.C1!.totals.ana!;
  expect(ana).toMatchObject({ points: 32, answers: 4, streak: 4, bestStreak: 4, lastDay: '2100-03-05', week: '2100-W09', weekPoints: 32 });
  expect(ws.channels.C1!.totals.bo).toMatchObject({ points: 9, answers: 2, streak: 1, bestStreak: 1 });
  expect(summary).toMatchObject({ events: 9, points: 41, members: 2, answersMarked: 6, rebuiltChallenges: [] });
  expect(ws.channels.C1!.challenges[2]!.answers.ana).toMatchObject({ score: 10, streakBonus: 2, choice: null });
});

test('a new ISO week starts this week’s points again; an award counts on its day in the channel’s time zone', () => {
  const ws = workspaceWithDays('2100-03-05');
  replayScoreEvents(ws, [answer('ana', '2100-03-05', 8), award('ana', '2100-03-08T03:00:00.000Z', 5)], TORONTO); // Sunday evening in Toronto
  expect(ws.channels.C1!.totals.ana).toMatchObject({ points: 13, week: '2100-W09', weekPoints: 13 });
  replayScoreEvents(ws, [award('ana', '2100-03-08T15:00:00.000Z', 2)], TORONTO); // Monday: a new week
  expect(ws.channels.C1!.totals.ana).toMatchObject({ points: 15, week: '2100-W10', weekPoints: 2 });
});

test('an event whose time cannot be read still counts its points, in no week', () => {
  const ws = emptyWorkspace();
  replayScoreEvents(ws, [award('ana', 'x', 4)], TORONTO);
  expect(ws.channels.C1!.totals.ana).toMatchObject({ points: 4, weekPoints: 0 });
});

test('a challenge answered after the backup is rebuilt after the channel’s own, the one before closed, the rotation moved on', () => {
  const ws = workspaceWithDays('2100-03-01');
  ws.channels.C1!.challenges[0]!.revealedAt = null; // Monday's still open
  ws.channels.C1!.rotation = { order: ['s1', 's7', 's3'], next: 1 };
  const summary = replayScoreEvents(ws, [answer('ana', '2100-03-02', 6, 's7'), answer('bo', '2100-03-02', 2, 's7')], TORONTO);
  const [monday, tuesday] = ws.channels.C1!.challenges;
  expect(monday!.revealedAt).toBe('2100-03-02T14:30:00.000Z');
  expect(tuesday).toMatchObject({ id: '2100-03-02-s7', scenarioId: 's7', day: '2100-03-02', postedAt: '2100-03-02T14:30:00.000Z', revealAt: null, revealedAt: null });
  expect(Object.keys(tuesday!.answers)).toEqual(['ana', 'bo']);
  expect(ws.channels.C1!.rotation.next).toBe(2);
  expect(summary.rebuiltChallenges).toEqual(['2100-03-02-s7']);
});

test('answers on a challenge that already holds them are not marked twice; compacted challenges are left alone', () => {
  const ws = workspaceWithDays('2100-03-01', '2100-03-02');
  ws.channels.C1!.challenges[0]!.summary = { answers: 3, choices: [1, 2], ownWords: 0, scoreSum: 12 };
  ws.channels.C1!.challenges[1]!.answers.ana = { at: 'x', choice: 1, covered: [], missed: [], flags: [], score: 9, streakBonus: 0 };
  const summary = replayScoreEvents(ws, [answer('ana', '2100-03-01', 4), answer('ana', '2100-03-02', 9)], TORONTO);
  expect(summary.answersMarked).toBe(0);
  expect(ws.channels.C1!.challenges[1]!.answers.ana!.choice).toBe(1);
  expect(ws.channels.C1!.challenges[0]!.answers).toEqual({});
});
