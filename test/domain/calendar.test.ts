import { parseHolidaySpec, quebecHolidays } from '../../src/domain/holidays.js';
import { shuffle, takeNext } from '../../src/domain/rotation.js';
import { nextPostTime } from '../../src/domain/schedule.js';
import { dayInZone, isoWeek, zonedTime } from '../../src/domain/time.js';

const quebec = () => {
  const r = parseHolidaySpec('quebec');
  if (!r.ok) throw new Error(r.error);
  return r.calendar;
};

test('Quebec statutory holidays, June 24 included, Sunday rules applied', () => {
  expect(quebecHolidays(2026)).toEqual([
    '2026-01-01', '2026-04-03', '2026-05-18', '2026-06-24', '2026-07-01', '2026-09-07', '2026-10-12', '2026-12-25',
  ]);
  // 2029: June 24 and July 1 fall on a Sunday, so the holidays move to Monday.
  expect(quebecHolidays(2029)).toEqual(expect.arrayContaining(['2029-06-25', '2029-07-02']));
  expect(quebecHolidays(2025)).toContain('2025-04-18'); // Good Friday
  expect(quebecHolidays(2025)).toContain('2025-05-19'); // Journée nationale des patriotes
});

test('the holiday list is configurable', () => {
  const r = parseHolidaySpec('quebec, 12-26, 2026-12-31');
  expect(r.ok && r.calendar.isHoliday('2027-12-26') && r.calendar.isHoliday('2026-12-31') && r.calendar.isHoliday('2026-06-24')).toBe(true);
  const none = parseHolidaySpec('none');
  expect(none.ok && none.calendar.isHoliday('2026-06-24')).toBe(false);
  expect(parseHolidaySpec('quebec,13-45')).toEqual({ ok: false, error: expect.stringContaining('"13-45"') });
});

const weekdays9 = { cron: '0 9 * * 1-5', timezone: 'America/Toronto' };

test('posts at 09:00 local time on both sides of the spring and autumn daylight-saving changes', () => {
  const runs = (from: string, n: number) => {
    const out: string[] = [];
    let at = new Date(from);
    for (let i = 0; i < n; i++) {
      at = nextPostTime(weekdays9, at, quebec(), new Set())!;
      out.push(at.toISOString());
    }
    return out;
  };
  // DST starts Sunday 2026-03-08: 09:00 EST = 14:00Z before, 09:00 EDT = 13:00Z after.
  expect(runs('2026-03-05T20:00:00Z', 3)).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z']);
  // DST ends Sunday 2026-11-01.
  expect(runs('2026-10-29T20:00:00Z', 2)).toEqual(['2026-10-30T13:00:00.000Z', '2026-11-02T14:00:00.000Z']);
});

test('skips weekends, statutory holidays and paused dates', () => {
  // Tuesday June 23 2026 after 9:00 → June 24 is a holiday → Thursday June 25; paused June 25 → Friday 26.
  const after = new Date('2026-06-23T15:00:00Z');
  expect(dayInZone(nextPostTime(weekdays9, after, quebec(), new Set())!, 'America/Toronto')).toBe('2026-06-25');
  expect(dayInZone(nextPostTime(weekdays9, after, quebec(), new Set(['2026-06-25']))!, 'America/Toronto')).toBe('2026-06-26');
  // Friday 2026-07-03 after 9:00 → Monday July 6 (weekend skipped).
  expect(dayInZone(nextPostTime(weekdays9, new Date('2026-07-03T15:00:00Z'), quebec(), new Set())!, 'America/Toronto')).toBe('2026-07-06');
});

test('a schedule that can never fire gives null instead of looping', () => {
  const onlyChristmas = { cron: '0 9 25 12 *', timezone: 'America/Toronto' };
  expect(nextPostTime(onlyChristmas, new Date('2026-01-01T00:00:00Z'), quebec(), new Set())).toBeNull();
});

test('rotation: all nine before any repeat, a new shuffle after, never the same one twice in a row', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const rotation = { order: [] as string[], next: 0 };
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const taken = Array.from({ length: 27 }, () => takeNext(rotation, ids, random));
  for (let cycle = 0; cycle < 3; cycle++) expect([...taken.slice(cycle * 9, cycle * 9 + 9)].sort()).toEqual(ids);
  for (let i = 1; i < taken.length; i++) expect(taken[i]).not.toBe(taken[i - 1]);
  expect(shuffle(ids, random)).not.toEqual(ids);
});

test('ISO weeks and wall-clock conversion', () => {
  expect(isoWeek('2026-11-30')).toBe('2026-W49');
  expect(isoWeek('2027-01-01')).toBe('2026-W53');
  expect(isoWeek('2026-01-01')).toBe('2026-W01');
  expect(zonedTime('2026-07-01', 9, 0, 'America/Toronto').toISOString()).toBe('2026-07-01T13:00:00.000Z');
  expect(zonedTime('2026-12-01', 9, 0, 'America/Toronto').toISOString()).toBe('2026-12-01T14:00:00.000Z');
});
