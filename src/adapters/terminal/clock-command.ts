// `/clock` in the terminal's rehearsal room: move time forward to rehearse a week in a minute.
//   /clock                 show the time
//   /clock +30m | +2h | +1d | +1w
//   /clock 2026-12-07 09:00
//   /clock monday 09:00    (or lundi 09:00): the next such day
import { dayInZone, zonedTime } from '../../domain/time.js';

const DAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
};
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export type ClockTarget = { ok: true; at: Date } | { ok: false; error: string };

export function parseClockTarget(args: string, now: Date, timeZone: string): ClockTarget {
  const words = args.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const usage = 'usage: /clock +30m | +2h | +1d | +1w | YYYY-MM-DD [HH:MM] | monday [HH:MM]';
  const step = words.length === 1 ? words[0]!.match(/^\+(\d{1,4})([mhdw])$/) : null;
  if (step) return { ok: true, at: new Date(now.getTime() + Number(step[1]) * UNIT_MS[step[2]!]!) };
  const [dayWord = '', timeWord = '09:00'] = words;
  const time = timeWord.match(/^(\d{1,2})[:h](\d{2})$/);
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59 || words.length > 2) return { ok: false, error: usage };
  let day: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(dayWord)) day = dayWord;
  else if (dayWord in DAYS) {
    const today = dayInZone(now, timeZone);
    const base = new Date(`${today}T12:00:00Z`);
    let ahead = (DAYS[dayWord]! - base.getUTCDay() + 7) % 7;
    if (ahead === 0 && zonedTime(today, Number(time[1]), Number(time[2]), timeZone) <= now) ahead = 7;
    base.setUTCDate(base.getUTCDate() + ahead);
    day = base.toISOString().slice(0, 10);
  } else return { ok: false, error: usage };
  const at = zonedTime(day, Number(time[1]), Number(time[2]), timeZone);
  if (Number.isNaN(at.getTime())) return { ok: false, error: usage };
  if (at.getTime() < now.getTime()) return { ok: false, error: 'the clock only moves forward' };
  return { ok: true, at };
}
