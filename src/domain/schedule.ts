// When challenges go out in a channel: the cron schedule in the channel's time zone (croner handles
// daylight-saving changes), skipping statutory holidays and the dates an admin paused.
//
// The unit is the working day. A working day is a calendar day (in the channel's time zone) on which the
// cron runs, that is neither a holiday nor paused; its slot is the cron's FIRST run that day (later runs
// the same day are ignored: one challenge a day). Every rule about posting and revealing is stated in
// slots (see Challenges.due and Challenges.post).
import { Cron } from 'croner';
import { addDays, dayInZone, startOfDay } from './time.js';
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

const crons = new Map<string, Cron>();

/**
 * First run of each (zone, cron, day) already computed: a scheduler tick asks every channel for today's
 * slot, and most channels share a schedule. Pure (a day's first run never changes), so a plain bounded map.
 */
const firstRuns = new Map<string, number | null>();
const MAX_CACHED_DAYS = 20_000;

/** One paused Cron per (expression, zone): building one parses the pattern. */
function cronOf(schedule: ChannelSchedule): Cron {
  const key = `${schedule.timezone} ${schedule.cron}`;
  let cron = crons.get(key);
  if (!cron) {
    if (crons.size > 500) crons.clear(); // a handful in practice (one per distinct channel schedule)
    cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/**
 * A channel's working days and their slots: its schedule, the holiday calendar and its paused dates
 * (YYYY-MM-DD in the schedule's time zone).
 */
export class SlotCalendar {
  constructor(
    readonly schedule: ChannelSchedule,
    private readonly holidays: HolidayCalendar,
    private readonly paused: ReadonlySet<string>,
  ) {}

  /** The calendar day (YYYY-MM-DD) of an instant in the schedule's time zone. */
  dayOf(at: Date): string {
    return dayInZone(at, this.schedule.timezone);
  }

  /** The cron's first run on `day`, ignoring holidays and pauses; null when it does not run that day. */
  private firstRun(day: string): Date | null {
    const key = `${this.schedule.timezone} ${this.schedule.cron} ${day}`;
    let ms = firstRuns.get(key);
    if (ms === undefined) {
      const run = cronOfNext(this.schedule, new Date(startOfDay(day, this.schedule.timezone).getTime() - 1));
      ms = run && this.dayOf(run) === day ? run.getTime() : null;
      if (firstRuns.size >= MAX_CACHED_DAYS) firstRuns.clear();
      firstRuns.set(key, ms);
    }
    return ms === null ? null : new Date(ms);
  }

  /** The slot of `day` (its first scheduled run), or null when `day` is not a working day. */
  slotOf(day: string): Date | null {
    if (this.holidays.isHoliday(day) || this.paused.has(day)) return null;
    return this.firstRun(day);
  }

  isWorkingDay(day: string): boolean {
    return this.slotOf(day) !== null;
  }

  /** The first slot strictly after `after`, or null when the schedule never fires again. */
  nextSlot(after: Date): Date | null {
    let from = after;
    for (let i = 0; i < MAX_RUNS_SCANNED; i++) {
      const run = cronOfNext(this.schedule, from);
      if (!run) return null;
      const day = this.dayOf(run);
      // A later run of a day whose first run is already behind us is not a slot: go to the next day.
      if (this.slotOf(day)?.getTime() === run.getTime()) return run;
      from = new Date(startOfDay(addDays(day, 1), this.schedule.timezone).getTime() - 1);
    }
    return null;
  }

  /** The first slot on a day after `day`: the slot a challenge of `day` must be revealed before. */
  firstSlotAfterDay(day: string): Date | null {
    return this.nextSlot(new Date(startOfDay(addDays(day, 1), this.schedule.timezone).getTime() - 1));
  }
}

function cronOfNext(schedule: ChannelSchedule, after: Date): Date | null {
  return cronOf(schedule).nextRun(after);
}

/** The first slot after `after` (see SlotCalendar.nextSlot). */
export function nextPostTime(schedule: ChannelSchedule, after: Date, holidays: HolidayCalendar, paused: ReadonlySet<string>): Date | null {
  return new SlotCalendar(schedule, holidays, paused).nextSlot(after);
}
