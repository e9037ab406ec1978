import type { ChannelData, MemberTotals } from '../store/schema.js';

export function emptyChannel(): ChannelData {
  return { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {} };
}

export function emptyTotals(week: string): MemberTotals {
  return { points: 0, week, weekPoints: 0, streak: 0, bestStreak: 0, lastDay: null, answers: 0 };
}
