// The weekly recap's rules (issue 14): when it falls due (the week's last working day, holidays and pauses
// as the challenge calendar knows them, the same day only, never twice a week) and its figures (compacted
// challenges counted through their summaries, free-text points missed, opted-out members counted not named).
import { loadLibrary } from '../../src/app/build-coach.js';
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import { HolidayCalendar } from '../../src/domain/holidays.js';
import { recapFigures } from '../../src/domain/recap/recap-figures.js';
import { DEFAULT_RECAP_CRON, dueRecap, nextRecapTime, recapTime } from '../../src/domain/recap/recap-slot.js';
import { SlotCalendar } from '../../src/domain/schedule.js';
import type { AnswerData, ChallengeData, ChannelData, ScoreEvent, WorkspaceData } from '../../src/store/schema.js';
import { recapMessage, recapText } from '../../src/core/recap/recap-message.js';
import { loadConfig } from '../../src/config.js';
import { CHART_PNG_HEIGHT, CHART_PNG_WIDTH } from '../../src/render/recap-chart.js';
import { root } from '../helpers.js';
import { join } from 'node:path';

const ZONE = 'America/Toronto';
const quebec = new HolidayCalendar(true, []);
const calendar = (paused: string[] = [], cron = '0 9 * * 1-5') => new SlotCalendar({ cron, timezone: ZONE }, quebec, new Set(paused));
const local = (iso: string) => new Date(new Date(`${iso}:00Z`).getTime() + 5 * 3_600_000); // EST (UTC−5), before 14 March 2100

describe('when the recap falls due', () => {
  test('16:00 on the week’s last working day: Friday, else the day before a holiday or a pause', () => {
    expect(recapTime(calendar(), DEFAULT_RECAP_CRON, '2100-03-01')).toEqual(local('2100-03-05T16:00'));
    expect(recapTime(calendar(['2100-03-05']), DEFAULT_RECAP_CRON, '2100-03-01')).toEqual(local('2100-03-04T16:00'));
    // Good Friday 2100 (26 March, daylight time: UTC−4) is a Quebec holiday.
    expect(recapTime(calendar(), DEFAULT_RECAP_CRON, '2100-03-22')).toEqual(new Date('2100-03-25T20:00:00Z'));
    // A week with no working day has no recap; a recap cron that never runs on the working days neither.
    expect(recapTime(calendar(['2100-03-01', '2100-03-02', '2100-03-03', '2100-03-04', '2100-03-05']), DEFAULT_RECAP_CRON, '2100-03-01')).toBeNull();
    expect(recapTime(calendar(), '0 16 * * 6', '2100-03-01')).toBeNull();
    // The admin's cron: its time on the last working day it runs on.
    expect(recapTime(calendar(), '30 11 * * 1-4', '2100-03-01')).toEqual(local('2100-03-04T11:30'));
  });

  test('due from its time until the end of that day, on scheduled channels, recaps on, once a week', () => {
    const channel: ChannelData = { ...emptyChannel(), scheduledSince: '2100-02-01T00:00:00.000Z' };
    const cal = calendar();
    expect(dueRecap(channel, cal, DEFAULT_RECAP_CRON, local('2100-03-05T15:59'))).toBeNull();
    expect(dueRecap(channel, cal, DEFAULT_RECAP_CRON, local('2100-03-05T16:00'))).toEqual({ week: '2100-W09', at: local('2100-03-05T16:00') });
    expect(dueRecap(channel, cal, DEFAULT_RECAP_CRON, local('2100-03-05T23:30'))).not.toBeNull(); // the coach was down at 16:00
    expect(dueRecap(channel, cal, DEFAULT_RECAP_CRON, local('2100-03-06T10:00'))).toBeNull(); // never on a later day
    expect(dueRecap({ ...channel, recap: { lastWeek: '2100-W09' } }, cal, DEFAULT_RECAP_CRON, local('2100-03-05T16:30'))).toBeNull();
    expect(dueRecap({ ...channel, recap: { off: true } }, cal, DEFAULT_RECAP_CRON, local('2100-03-05T16:30'))).toBeNull();
    expect(dueRecap({ ...channel, scheduledSince: null }, cal, DEFAULT_RECAP_CRON, local('2100-03-05T16:30'))).toBeNull();
    // Scheduled after this week's recap time: the first recap is next week's.
    const late = { ...channel, scheduledSince: local('2100-03-05T17:00').toISOString() };
    expect(dueRecap(late, cal, DEFAULT_RECAP_CRON, local('2100-03-05T18:00'))).toBeNull();
    expect(nextRecapTime(late, cal, DEFAULT_RECAP_CRON, local('2100-03-05T17:00'))).toEqual(local('2100-03-12T16:00'));
    // The next one skips a week already posted, and follows the admin's cron.
    expect(nextRecapTime({ ...channel, recap: { lastWeek: '2100-W09' } }, cal, DEFAULT_RECAP_CRON, local('2100-03-01T08:00'))).toEqual(local('2100-03-12T16:00'));
    expect(nextRecapTime({ ...channel, recap: { cron: '0 8 * * 1' } }, cal, DEFAULT_RECAP_CRON, local('2100-03-01T09:00'))).toEqual(local('2100-03-08T08:00'));
  });
});

describe('the recap’s figures', () => {
  const library = loadLibrary(join(root, 'content'));
  const scenario = library.scenarios[0]!;
  const [p1, p2] = scenario.fr.rubric;
  const answer = (score: number, missed: string[] = [], choice: number | null = null): AnswerData => ({ at: 'x', choice, covered: [], missed, flags: [], score, streakBonus: 0 });
  const challenge = (day: string, answers: Record<string, AnswerData>, summary?: ChallengeData['summary']): ChallengeData => ({
    id: `${day}-${scenario.id}`, scenarioId: scenario.id, day, postedAt: `${day}T14:00:00.000Z`, revealAt: null, revealedAt: `${day}T23:00:00.000Z`,
    answers: summary ? {} : answers, ...(summary ? { summary } : {}),
  });
  const event = (user: string, day: string, delta: number): ScoreEvent => ({ at: `${day}T15:00:00.000Z`, channel: 'C', user, delta, kind: 'answer', reason: '', by: user, challengeId: `${day}-${scenario.id}` });

  test('compacted weeks through their summaries, missed points by count, opted-out and forgotten members counted not named', () => {
    const ws: WorkspaceData = {
      members: { ann: { name: 'Ann' }, ben: { name: 'Benoît' }, oli: { name: 'Olivier', optOut: true } },
      channels: {
        C: {
          ...emptyChannel(),
          challenges: [
            challenge('2100-02-08', {}, { answers: 2, choices: [], ownWords: 2, scoreSum: 6 }), // three weeks before: compacted
            challenge('2100-03-01', { ann: answer(8, [p1!.id]), ben: answer(4, [p1!.id, p2!.id]), oli: answer(3, [], 1), 'forgotten-1a2b3c4d': answer(5, [p2!.id]) }),
            challenge('2100-03-02', { ann: answer(10, [], 2) }),
          ],
          incidents: [
            { id: '4', title: 'VPN', lang: 'fr', openedBy: 'ann', owner: 'ann', names: {}, startedAt: '2100-03-02T15:00:00.000Z', resolvedAt: null, cadenceMin: 30, updateDueAt: 'x', remindAt: null, escalateAt: null, draft: '', timeline: [] },
            { id: '5', title: 'Serveur de fichiers', lang: 'fr', openedBy: 'ben', owner: 'ben', names: {}, startedAt: '2100-03-03T15:00:00.000Z', resolvedAt: '2100-03-03T16:00:00.000Z', cadenceMin: 30, updateDueAt: 'x', remindAt: null, escalateAt: null, draft: '', timeline: [], drill: { script: 'file-server', trainee: 'ben', nextEvent: 4, scoredAt: 'x', score: { points: 8, max: 10, items: [] } } },
            { id: '3', title: 'Old', lang: 'fr', openedBy: 'ann', owner: 'ann', names: {}, startedAt: '2100-02-20T15:00:00.000Z', resolvedAt: 'x', cadenceMin: 30, updateDueAt: 'x', remindAt: null, escalateAt: null, draft: '', timeline: [] },
          ],
        },
      },
      scoreLog: [],
    };
    const log = [event('ann', '2100-02-08', 2), event('ben', '2100-02-08', 4), event('ann', '2100-03-01', 8), event('ben', '2100-03-01', 4), event('oli', '2100-03-01', 3), event('forgotten-1a2b3c4d', '2100-03-01', 5), event('ann', '2100-03-02', 10)];
    const f = recapFigures({ ws, channelId: 'C', day: '2100-03-05', log, library, timeZone: ZONE });
    expect(f.week).toBe('2100-W09');
    expect(f.days).toEqual(['2100-03-01', '2100-03-02']);
    expect(f.participants).toEqual([{ user: 'ann', name: 'Ann', answered: 2 }, { user: 'ben', name: 'Benoît', answered: 1 }]);
    expect([f.unnamed, f.participantCount, f.answers]).toEqual([2, 4, 5]);
    expect(f.average).toBe(6); // (8 + 4 + 3 + 5 + 10) / 5
    expect(f.trend.map((w) => [w.week, w.answers, w.average])).toEqual([['2100-W06', 2, 3], ['2100-W07', 0, null], ['2100-W08', 0, null], ['2100-W09', 5, 6]]);
    expect(f.daily).toEqual([
      { day: '2100-02-08', answers: 2, average: 3, scoreSum: 6 },
      { day: '2100-03-01', answers: 4, average: 5, scoreSum: 20 },
      { day: '2100-03-02', answers: 1, average: 10, scoreSum: 10 },
    ]);
    expect(f.freeTextAnswers).toBe(3);
    expect(f.missed.map((m) => [m.pointId, m.missed, m.graded])).toEqual([[p1!.id, 2, 3], [p2!.id, 2, 3]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    // ann: 2 → 9 on average; ben: 4 → 4 (no rise).
    expect(f.improved).toEqual({ user: 'ann', name: 'Ann', before: 2, after: 9 });
    expect(f.incidents).toEqual([{ id: '4', title: 'VPN', drill: false, resolved: false }, { id: '5', title: 'Serveur de fichiers', drill: true, resolved: true, score: { points: 8, max: 10 } }]);

    const fr = recapText(f, library, 'support', 'fr');
    const text = JSON.stringify(fr);
    expect(text).not.toMatch(/Olivier|forgotten-/);
    expect(text).toContain('4 personnes ont répondu à au moins un des 2 défis de la semaine (5 réponses en tout).');
    expect(text).toContain('2 autres personnes, hors classement');
    expect(text).toContain(`« ${p1!.point} » (${scenario.fr.title}) : manqué dans 2 sur 3 réponses — à revoir :`);
    expect(text).toContain('Incident n° 4 « VPN » : en cours');
    expect(text).toContain('Exercice n° 5 « Serveur de fichiers » : 8 sur 10');
    expect(text).toContain('Ann, de 2 à 9 sur 10 de moyenne.');
    const en = JSON.stringify(recapText(f, library, 'support', 'en'));
    expect(en).toContain('4 people answered at least one of the week’s 2 challenges (5 answers in all).');
    expect(en).toContain(`“${scenario.en.rubric.find((p) => p.id === p1!.id)!.point}” (${scenario.en.title}): missed in 2 of 3 answers — review:`);
  });

  test('French and English agree in number: one person, one challenge; nobody', () => {
    const ws: WorkspaceData = { members: { ann: { name: 'Ann' } }, channels: { C: { ...emptyChannel(), challenges: [challenge('2100-03-01', { ann: answer(7, [], 0) })] } }, scoreLog: [] };
    const f = recapFigures({ ws, channelId: 'C', day: '2100-03-01', log: [event('ann', '2100-03-01', 7)], library, timeZone: ZONE });
    expect(JSON.stringify(recapText(f, library, 'support', 'fr'))).toContain('1 personne a répondu au défi de la semaine.');
    expect(JSON.stringify(recapText(f, library, 'support', 'en'))).toContain('1 person answered the week’s challenge.');
    const none = recapFigures({ ws: { ...ws, channels: { C: { ...emptyChannel(), challenges: [challenge('2100-03-01', {})] } } }, channelId: 'C', day: '2100-03-01', log: [], library, timeZone: ZONE });
    expect(JSON.stringify(recapText(none, library, 'support', 'fr'))).toContain('Personne n’a répondu au défi de la semaine.');
  });
});

test('COACH_RECAP is checked at start like COACH_SCHEDULE, with the reason', () => {
  const bad = loadConfig({ COACH_RECAP: '0 25 * * 5' });
  expect(bad.ok).toBe(false);
  expect(!bad.ok && bad.errors.join('\n')).toMatch(/^COACH_RECAP: must be a cron expression such as "0 16 \* \* 1-5" \(.+\) \(got "0 25 \* \* 5"\)\.$/m);
  const ok = loadConfig({});
  expect(ok.ok && ok.config.recap).toBe(DEFAULT_RECAP_CRON);
});

test('a channel that posts in both languages gets one recap, French then English, and a bilingual chart', async () => {
  const library = loadLibrary(join(root, 'content'));
  const scenario = library.scenarios[1]!;
  const ws: WorkspaceData = {
    members: { ann: { name: 'Ann' } },
    channels: { C: { ...emptyChannel(), postLang: 'both', challenges: [{ id: `2100-03-01-${scenario.id}`, scenarioId: scenario.id, day: '2100-03-01', postedAt: 'x', revealAt: null, revealedAt: null, answers: { ann: { at: 'x', choice: 0, covered: [], missed: [], flags: [], score: 5, streakBonus: 0 } } }] } },
    scoreLog: [],
  };
  const f = recapFigures({ ws, channelId: 'C', day: '2100-03-03', log: [], library, timeZone: ZONE });
  const message = await recapMessage(f, library, (lang) => (lang === 'fr' ? 'soutien' : 'support'), ['fr', 'en']);
  const text = JSON.stringify(message.sections);
  expect(text.indexOf('Score moyen de la semaine : 5 sur 10.')).toBeGreaterThan(-1);
  expect(text.indexOf('This week’s average score: 5 out of 10.')).toBeGreaterThan(text.indexOf('— English —'));
  expect(message.lang).toBeUndefined();
  expect(message.chart!.title).toBe('Participation et score moyen par jour / Participation and average score per day');
  expect(message.chart!.alt).toMatch(/^Graphique de la participation[^\n]+01\/03 : 1 réponse, moyenne 5[^\n]*\nChart of participation[^\n]+Mar 1: 1 answer, average 5/);
  const png = Buffer.from(message.chart!.png);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_PNG_WIDTH, CHART_PNG_HEIGHT]);
});
