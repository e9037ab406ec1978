// `/clock` targets: wall-clock times in the schedule's zone, days and weeks to the same local time across
// daylight-saving changes, weekday words, and the limits of a running rehearsal.
import { MAX_CLOCK_JUMP_DAYS, parseClockTarget } from '../../src/adapters/terminal/clock-command.js';
import { zonedTime } from '../../src/domain/time.js';

const Z = 'America/Toronto';
const at = (day: string, h: number, m = 0) => zonedTime(day, h, m, Z);
const target = (args: string, now: Date, first = false) => {
  const t = parseClockTarget(args, now, Z, first);
  return t.ok ? t.at.toISOString() : t.error;
};

test('days and weeks keep the local time across daylight saving; minutes and hours are elapsed time', () => {
  const friday = at('2100-03-12', 9); // DST starts Sunday 2100-03-14
  expect(target('+3d', friday)).toBe(at('2100-03-15', 9).toISOString());
  expect(target('+1w', friday)).toBe(at('2100-03-19', 9).toISOString());
  expect(target('+72h', friday)).toBe(at('2100-03-15', 10).toISOString());
  expect(target('+90m', friday)).toBe(at('2100-03-12', 10, 30).toISOString());
});

test('weekday words name the next such day, a week ahead when that time of today has passed', () => {
  const monday9 = at('2100-03-01', 9);
  expect(target('monday 09:00', monday9)).toBe(at('2100-03-08', 9).toISOString());
  expect(target('lundi 10h30', monday9)).toBe(at('2100-03-01', 10, 30).toISOString());
  expect(target('vendredi', monday9)).toBe(at('2100-03-05', 9).toISOString()); // 09:00 by default
  expect(target('2100-03-02 8:30', monday9)).toBe(at('2100-03-02', 8, 30).toISOString());
});

test('bad input, backwards and too far are refused; the first /clock may go anywhere', () => {
  const monday9 = at('2100-03-01', 9);
  for (const bad of ['2100-02-30 09:00', '2100-03-02 24:00', 'someday', '+1y', 'monday 09:00 extra', '+99999d']) expect(target(bad, monday9)).toBe('usage');
  expect(target('2100-02-28 09:00', monday9)).toBe('backwards');
  expect(target(`+${MAX_CLOCK_JUMP_DAYS + 1}d`, monday9)).toBe('too-far');
  expect(target(`+${MAX_CLOCK_JUMP_DAYS}d`, monday9)).toBe(at('2100-04-01', 9).toISOString());
  expect(target('2026-01-05 09:00', monday9, true)).toBe(at('2026-01-05', 9).toISOString());
  expect(target('+400d', monday9, true)).toBe(at('2101-04-05', 9).toISOString());
});
