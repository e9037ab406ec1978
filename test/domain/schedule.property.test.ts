// Property test of the daily schedule (issue 9, item 1): random admin posts, restarts (the store is
// reopened after a downtime), clock jumps played by the scheduler and pauses, over months from a random
// start in 2026–2028 (weekends, Quebec holidays, both daylight-saving changes of America/Toronto), on
// several schedules and reveal leads. After every run the channel's history must satisfy:
//   - at most one challenge per channel per day, in posting order;
//   - none posted by the scheduler on a non-working day (weekend, holiday, paused), nor before its
//     day's slot, nor on another day than its slot's (no midnight catch-up);
//   - every working-day slot served once when the coach was up at some time between the slot and the
//     end of its day, at the slot's own time when the coach was up at that time;
//   - a reveal after its post, between the next slot after its day minus the lead and that slot, at its own time when the coach was up then,
//     and never left behind: each challenge is revealed by the time the next one is posted.
import fc from 'fast-check';
import { SlotCalendar } from '../../src/domain/schedule.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { addDays, dayInZone, startOfDay } from '../../src/domain/time.js';
import { Harness, ZONE } from '../support/schedule-harness.js';

const holidays = (() => { const r = parseHolidaySpec('quebec'); if (!r.ok) throw new Error(r.error); return r.calendar; })();
const MINUTE = 60_000;

type Step =
  | { kind: 'play'; minutes: number }
  | { kind: 'down'; minutes: number }
  | { kind: 'admin' }
  | { kind: 'pause'; offset: number; on: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('play' as const), minutes: fc.integer({ min: 1, max: 6 * 1440 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('down' as const), minutes: fc.integer({ min: 1, max: 4 * 1440 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'admin' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), offset: fc.integer({ min: 0, max: 10 }), on: fc.boolean() }) },
);

const runArb = fc.record({
  startMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }),
  cron: fc.constantFrom('0 9 * * 1-5', '30 8 * * 1-5', '0 9,15 * * 1-5', '0 0 * * 1-5', '0 9 * * 1,3,5'),
  leadMinutes: fc.constantFrom(0, 60, 90, 1440),
  steps: fc.array(stepArb, { minLength: 5, maxLength: 45 }),
});

/** When the coach was up (ticking), with the paused dates in force then. */
interface Up { from: number; to: number; paused: ReadonlySet<string> }

test('the schedule keeps its invariants under random admin posts, restarts, jumps and pauses over months', async () => {
  await fc.assert(fc.asyncProperty(runArb, async ({ startMs, cron, leadMinutes, steps }) => {
    const start = new Date(Math.floor(startMs / MINUTE) * MINUTE);
    const h = await Harness.open(start, { cron, leadMinutes });
    const schedule = { cron, timezone: ZONE };
    const up: Up[] = [];
    const pausedAtPost = new Map<string, ReadonlySet<string>>();
    const byAdmin = new Set<string>();
    let paused = new Set<string>();
    const noteNew = () => {
      for (const c of h.challenges()) if (!pausedAtPost.has(c.id)) pausedAtPost.set(c.id, new Set(paused));
    };
    const upAt = (from: number, to = from) => up.push({ from, to, paused: new Set(paused) });
    try {
      await h.tick();
      upAt(h.now().getTime());
      noteNew();
      for (const step of steps) {
        const now = h.now().getTime();
        if (step.kind === 'play') {
          const to = now + step.minutes * MINUTE;
          await h.play(new Date(to));
          upAt(now, to);
        } else if (step.kind === 'down') {
          const to = now + step.minutes * MINUTE;
          await h.restartAt(new Date(to));
          upAt(to);
        } else if (step.kind === 'admin') {
          const posted = await h.adminPost();
          if (posted.created) byAdmin.add(posted.challenge.id);
          noteNew();
          await h.tick();
          upAt(now);
        } else {
          const day = addDays(dayInZone(h.now(), ZONE), step.offset);
          await h.setPaused(day, step.on);
          if (step.on) paused.add(day);
          else paused.delete(day);
          paused = new Set(paused);
          await h.tick();
          upAt(now);
        }
        noteNew();
      }
      checkInvariants(h, start, schedule, leadMinutes, up, pausedAtPost, byAdmin);
    } finally {
      await h.close();
    }
  }), { numRuns: Number(process.env.SCHEDULE_PROPERTY_RUNS ?? 40) });
}, 120_000);

function checkInvariants(
  h: Harness, start: Date, schedule: { cron: string; timezone: string }, leadMinutes: number, up: Up[],
  pausedAtPost: ReadonlyMap<string, ReadonlySet<string>>, byAdmin: ReadonlySet<string>,
): void {
  const all = h.challenges();
  const calendarFor = (paused: ReadonlySet<string>) => new SlotCalendar(schedule, holidays, paused);
  const since = start.getTime();
  const endOfDay = (day: string) => startOfDay(addDays(day, 1), ZONE).getTime() - 1;
  const coveredByUp = (t: number, day: string) => up.some((u) => u.from <= t && t <= u.to && !u.paused.has(day));

  // One challenge per day, in posting order; each revealed by the time the next is posted.
  expect(new Set(all.map((c) => c.day)).size).toBe(all.length);
  for (let i = 1; i < all.length; i++) {
    expect(Date.parse(all[i]!.postedAt)).toBeGreaterThan(Date.parse(all[i - 1]!.postedAt));
    expect(all[i - 1]!.revealedAt).not.toBeNull();
    expect(Date.parse(all[i - 1]!.revealedAt!)).toBeLessThanOrEqual(Date.parse(all[i]!.postedAt));
  }

  for (const [i, c] of all.entries()) {
    const posted = Date.parse(c.postedAt);
    const calendar = calendarFor(pausedAtPost.get(c.id)!);
    expect(dayInZone(new Date(posted), ZONE)).toBe(c.day);
    if (!byAdmin.has(c.id)) {
      // The scheduler posts only on a working day, at or after that day's slot, never before scheduling.
      const slot = calendar.slotOf(c.day);
      expect(slot).not.toBeNull();
      expect(posted).toBeGreaterThanOrEqual(slot!.getTime());
      expect(slot!.getTime()).toBeGreaterThanOrEqual(since);
      // …and at the slot itself when the coach was running then.
      if (coveredByUp(slot!.getTime(), c.day)) expect(posted).toBe(slot!.getTime());
    }
    // The reveal: after the post, no later than the next slot after the challenge's day.
    if (c.revealAt !== null) {
      const revealAt = Date.parse(c.revealAt);
      expect(revealAt).toBeGreaterThan(posted);
      // Open until the reveal before the next real slot (an early post too): between the next slot
      // after its day minus the lead, and that slot.
      const nextSlot = calendar.firstSlotAfterDay(c.day)!.getTime();
      expect(revealAt).toBeLessThanOrEqual(nextSlot);
      expect(revealAt).toBeGreaterThanOrEqual(nextSlot - leadMinutes * MINUTE);
      if (c.revealedAt) {
        const revealedAt = Date.parse(c.revealedAt);
        const byNextPost = all[i + 1] !== undefined && revealedAt === Date.parse(all[i + 1]!.postedAt);
        expect(revealedAt >= revealAt || byNextPost).toBe(true);
        // At its own time when the coach was running then.
        if (up.some((u) => u.from <= revealAt && revealAt <= u.to)) expect(revealedAt).toBeLessThanOrEqual(revealAt);
      }
    }
  }

  // Every working-day slot is served once when the coach was up between the slot and the day's end.
  const served = new Set(all.map((c) => c.day));
  for (const u of up) {
    const calendar = calendarFor(u.paused);
    for (let day = dayInZone(new Date(u.from), ZONE); day <= dayInZone(new Date(u.to), ZONE); day = addDays(day, 1)) {
      const slot = calendar.slotOf(day)?.getTime();
      if (slot === undefined || slot < since) continue;
      if (Math.max(slot, u.from) <= Math.min(endOfDay(day), u.to)) expect(served.has(day)).toBe(true);
    }
  }
}
