// The store's own defaults for a channel and a member's totals: what a new entry holds. They live in the
// store (the store depends on its schema only); the domain re-exports them (domain/channel-defaults.ts).
import type { ChannelData, MemberTotals } from './schema.js';

/** A channel's entry when first seen: no schedule, no pauses, empty rotation, no challenges, no totals. */
export function emptyChannel(): ChannelData {
  return { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {} };
}

/** A member's totals in a channel before any points, counting in ISO week `week`. */
export function emptyTotals(week: string): MemberTotals {
  return { points: 0, week, weekPoints: 0, streak: 0, bestStreak: 0, lastDay: null, answers: 0 };
}
