// When the next challenge goes out in a channel: the cron schedule in the channel's time zone (croner
// handles daylight-saving changes), skipping statutory holidays and the dates an admin paused.
import { Cron } from 'croner';
import { dayInZone } from './time.js';
import type { HolidayCalendar } from './holidays.js';

export interface ChannelSchedule {
  cron: string;
  timezone: string;
}

/** Looking further than this many runs ahead means the schedule never fires (e.g. only on holidays). */
const MAX_RUNS_SCANNED = 1000;

export function validateCron(expression: string, timezone: string): string | null {
  try {
    const next = new Cron(expression, { timezone, paused: true }).nextRun(new Date());
    return next ? null : 'it never runs';
  } catch (err) {
    return (err as Error).message;
  }
}

export function nextPostTime(schedule: ChannelSchedule, after: Date, holidays: HolidayCalendar, paused: ReadonlySet<string>): Date | null {
  const cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  let from = after;
  for (let i = 0; i < MAX_RUNS_SCANNED; i++) {
    const run = cron.nextRun(from);
    if (!run) return null;
    const day = dayInZone(run, schedule.timezone);
    if (!holidays.isHoliday(day) && !paused.has(day)) return run;
    from = run;
  }
  return null;
}
