// When a channel's weekly recap falls due (issue 14). The recap goes out at the recap cron's first run
// on the week's last working day: the latest day of the ISO week (Monday to Sunday, in the channel's
// time zone) that is a working day of the channel's challenge calendar (its schedule, the holidays, its
// paused dates) and on which the recap cron runs. With the default cron (`0 16 * * 1-5`) that is 16:00
// on Friday, or on Thursday when Friday is a holiday or paused. A week without such a day has no recap.
import type { ChannelData } from '../../store/schema.js';
import { HolidayCalendar } from '../holidays.js';
import { SlotCalendar } from '../schedule.js';
import { addDays, isoWeek } from '../time.js';

/** What the recap's timing reads of a channel (a stored ChannelData, or the store port's ChannelView). */
export type RecapChannel = Readonly<Pick<ChannelData, 'scheduledSince' | 'recap'>>;

/** COACH_RECAP's default: 16:00 on working days (the last one of the week is the one used). */
export const DEFAULT_RECAP_CRON = '0 16 * * 1-5';

/** How many weeks ahead `nextRecapTime` looks before saying the recap never comes (a schedule that never fires). */
const MAX_WEEKS_SCANNED = 60;

const NO_HOLIDAYS = new HolidayCalendar(false, []);

/** The Monday (YYYY-MM-DD) of the ISO week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
  return addDays(day, 1 - weekday);
}

/** The channel's recap settings as they apply: on or off, and its cron (the admin's, else `fallback`). */
export function recapSettings(channel: RecapChannel | undefined, fallback: string): { on: boolean; cron: string } {
  return { on: channel?.recap?.off !== true, cron: channel?.recap?.cron ?? fallback };
}

/**
 * The recap time of the ISO week starting on `monday`: the recap cron's first run (in the calendar's time
 * zone) on the last day of that week that is a working day of `calendar` and a day the cron runs; null
 * when there is none. Pure.
 */
export function recapTime(calendar: SlotCalendar, recapCron: string, monday: string): Date | null {
  const runs = new SlotCalendar({ cron: recapCron, timezone: calendar.schedule.timezone }, NO_HOLIDAYS, new Set());
  for (let i = 6; i >= 0; i--) {
    const day = addDays(monday, i);
    if (!calendar.isWorkingDay(day)) continue;
    const at = runs.slotOf(day);
    if (at) return at;
  }
  return null;
}

/**
 * The recap due now in a channel, or null: its week's recap time has come today (the channel's day; a
 * recap missed while the coach was down is posted later the same day, never on a later day), the
 * channel has daily challenges on since before that time, recaps are on, and none went out this week.
 */
export function dueRecap(channel: RecapChannel | undefined, calendar: SlotCalendar, fallbackCron: string, now: Date): { week: string; at: Date } | null {
  if (!channel?.scheduledSince) return null;
  const settings = recapSettings(channel, fallbackCron);
  if (!settings.on) return null;
  const today = calendar.dayOf(now);
  const week = isoWeek(today);
  if (channel.recap?.lastWeek === week) return null;
  const at = recapTime(calendar, settings.cron, mondayOf(today));
  if (!at || at.getTime() > now.getTime() || calendar.dayOf(at) !== today) return null;
  if (at.getTime() < Date.parse(channel.scheduledSince)) return null;
  return { week, at };
}

/** The first recap time strictly after `after` for a week with no recap yet, or null (off, unscheduled, never). */
export function nextRecapTime(channel: RecapChannel | undefined, calendar: SlotCalendar, fallbackCron: string, after: Date): Date | null {
  if (!channel?.scheduledSince) return null;
  const settings = recapSettings(channel, fallbackCron);
  if (!settings.on) return null;
  const since = Date.parse(channel.scheduledSince);
  let monday = mondayOf(calendar.dayOf(after));
  for (let i = 0; i < MAX_WEEKS_SCANNED; i++, monday = addDays(monday, 7)) {
    if (channel.recap?.lastWeek === isoWeek(monday)) continue;
    const at = recapTime(calendar, settings.cron, monday);
    if (at && at.getTime() > after.getTime() && at.getTime() >= since) return at;
  }
  return null;
}
