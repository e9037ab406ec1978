// `/clock` in the terminal's rehearsal: move time forward to rehearse a week in a minute.
//   /clock                 show the time
//   /clock +30m | +2h | +1d | +1w
//   /clock 2026-12-07 09:00
//   /clock monday 09:00    (or lundi 09:00): the next such day (a week ahead when that time of today is past)
import { addDays, dayInZone, timeInZone, zonedTime } from '../../domain/time.js';

const DAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
};
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000 };
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7 };
const DAY_MS = 86_400_000;

/**
 * The longest move of a running rehearsal, in days: every post and debrief on the way is played and
 * printed, so a jump is bounded (about 23 working days, 46 messages). Move again to go further.
 */
export const MAX_CLOCK_JUMP_DAYS = 31;

export type ClockTarget = { ok: true; at: Date } | { ok: false; error: 'usage' | 'backwards' | 'too-far' };

/**
 * Where `/clock ARGS` moves the clock from `now` (times are wall-clock times in `timeZone`).
 * `first`: the rehearsal starts at the target, so any date is accepted; otherwise the target must not
 * be earlier than `now` ('backwards') nor more than MAX_CLOCK_JUMP_DAYS after it ('too-far').
 */
export function parseClockTarget(args: string, now: Date, timeZone: string, first = false): ClockTarget {
  const words = args.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const step = words.length === 1 ? words[0]!.match(/^\+(\d{1,4})([mhdw])$/) : null;
  const at = step ? stepFrom(now, Number(step[1]), step[2]!, timeZone) : wallTime(words, now, timeZone);
  if (!at) return { ok: false, error: 'usage' };
  if (first) return { ok: true, at };
  if (at.getTime() < now.getTime()) return { ok: false, error: 'backwards' };
  if (at.getTime() - now.getTime() > MAX_CLOCK_JUMP_DAYS * DAY_MS + 3_600_000) return { ok: false, error: 'too-far' }; // + a DST hour
  return { ok: true, at };
}

/** `+N` minutes or hours of elapsed time; `+N` days or weeks to the same wall-clock time (across DST too). */
function stepFrom(now: Date, n: number, unit: string, timeZone: string): Date {
  if (unit in UNIT_MS) return new Date(now.getTime() + n * UNIT_MS[unit]!);
  const { hour, minute } = timeInZone(now, timeZone);
  return zonedTime(addDays(dayInZone(now, timeZone), n * UNIT_DAYS[unit]!), hour, minute, timeZone);
}

function wallTime(words: string[], now: Date, timeZone: string): Date | null {
  const [dayWord = '', timeWord = '09:00'] = words;
  const time = timeWord.match(/^(\d{1,2})[:h](\d{2})$/);
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59 || words.length > 2) return null;
  const [hour, minute] = [Number(time[1]), Number(time[2])];
  let day: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(dayWord)) {
    day = dayWord;
    const check = new Date(`${day}T12:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return null; // 2026-02-30
  } else if (dayWord in DAYS) {
    const today = dayInZone(now, timeZone);
    const base = new Date(`${today}T12:00:00Z`);
    let ahead = (DAYS[dayWord]! - base.getUTCDay() + 7) % 7;
    if (ahead === 0 && zonedTime(today, hour, minute, timeZone) <= now) ahead = 7;
    base.setUTCDate(base.getUTCDate() + ahead);
    day = base.toISOString().slice(0, 10);
  } else return null;
  const at = zonedTime(day, hour, minute, timeZone);
  return Number.isNaN(at.getTime()) ? null : at;
}
