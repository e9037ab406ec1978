// The terminal's rehearsal room. The first `/clock` of a session copies the terminal team's settings
// (each channel's schedule, paused dates, language and listening; each member's name and language; no
// challenge, no score, no incident, no wall), read through the real coach's store port (so the real data
// may be the JSON file or PostgreSQL), into a scratch JSON data file in a temporary folder, and the rest of the session runs
// there on a clock that only moves with `/clock`. The real data file is never written by a rehearsal, so
// a later session on real time never finds anything dated in the future; the scratch copy is deleted
// when the session ends. With COACH_REHEARSAL_FILE the rehearsal is kept in that file instead (its clock
// in `<file>.clock`), and the next session's first `/clock` resumes it where it stopped: a lead can
// rehearse an incident over a restart.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ManualClock } from '../domain/time.js';
import type { ChannelSettings, ChannelView, MemberView } from '../store/port.js';
import { openCoach, type OpenCoach, type ServedCoach } from './open-coach.js';
import type { Played } from './scheduler.js';

/** The terminal's workspace, the one a rehearsal copies. */
export const TERMINAL_WORKSPACE = 'local';
/** The surfaces a rehearsal plays: only the terminal's channels. */
const TERMINAL_PLATFORMS: ReadonlySet<string> = new Set(['terminal']);
/** Most members a rehearsal copies (the terminal team is a few people; a whole Slack workspace is not copied). */
const MAX_MEMBERS = 1000;

export interface RehearsalRoom {
  coach: OpenCoach;
  clock: ManualClock;
  /** Plays every reveal and post from the room's clock to `to`, in order, then sets the clock to `to`. */
  advance(to: Date): Promise<{ played: Played[]; stoppedAt: Date | null }>;
  /** When a kept rehearsal (COACH_REHEARSAL_FILE) was resumed, the time its clock had stopped at; else null. */
  resumedAt: Date | null;
  /** Whether the terminal channel has daily challenges on in the room. */
  scheduled(channel: string): Promise<boolean>;
  /** Closes the scratch store and deletes it. Safe to call twice. */
  close(): Promise<void>;
}

/** A team's settings as the rehearsal copies them: channel settings by id, member entries by id. */
export interface RehearsalCopy {
  channels: Record<string, ChannelSettings>;
  members: Record<string, MemberView>;
}

/**
 * The rehearsal copy of a team, from what the port gives: settings kept, history dropped (the channel
 * views' latest challenges are left out; totals, incidents and walls are not in them). Channels with daily
 * challenges on are scheduled from `at` (the rehearsal's start), so a slot at that very minute is played.
 */
export function rehearsalCopy(channels: readonly ChannelView[], members: Readonly<Record<string, MemberView>>, at: Date): RehearsalCopy {
  const out: RehearsalCopy = { channels: {}, members: {} };
  for (const view of channels) {
    const { id, challenges: _history, ...settings } = structuredClone(view);
    out.channels[id] = { ...settings, scheduledSince: settings.scheduledSince ? at.toISOString() : (settings.scheduledSince ?? null), rotation: { order: [], next: 0 } };
  }
  // Members keep their settings; their practice record is scores, like the totals (issue 14).
  for (const [id, member] of Object.entries(members)) {
    const copy = structuredClone(member);
    delete copy.practice;
    out.members[id] = copy;
  }
  return out;
}

/** Opens the room: a scratch copy of the terminal team at `at`, with the session's content and router. */
export async function openRehearsal(config: Config, real: ServedCoach, at: Date, localAdmin: string): Promise<RehearsalRoom> {
  const kept = config.rehearsalFile;
  const clockFile = kept ? `${kept}.clock` : null;
  const stoppedAt = clockFile && existsSync(clockFile) ? new Date(readFileSync(clockFile, 'utf8').trim()) : null;
  if (stoppedAt && Number.isNaN(stoppedAt.getTime())) throw new Error(`${clockFile} does not hold a time; delete it to start the rehearsal again`);
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'coach-rehearsal-room-'));
  const clock = new ManualClock(stoppedAt ?? at);
  let coach: OpenCoach;
  try {
    coach = await openCoach(config, {
      clock,
      localAdmin,
      core: { library: real.library, router: real.router, reviewer: real.reviewer },
      dataFile: kept ?? join(dir!, 'rehearsal.json'),
      storeOptions: { backupsKept: 0, now: () => clock.now() },
    });
  } catch (err) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  if (!stoppedAt) {
    try {
      const team = real.port.workspace(TERMINAL_WORKSPACE);
      const copy = rehearsalCopy(await team.channels(), await team.listMembers(MAX_MEMBERS), at);
      const scratch = coach.port.workspace(TERMINAL_WORKSPACE);
      for (const [id, settings] of Object.entries(copy.channels)) {
        await scratch.updateChannel(id, (s) => {
          for (const key of Object.keys(s)) delete (s as Record<string, unknown>)[key];
          Object.assign(s, settings);
        });
      }
      for (const [id, member] of Object.entries(copy.members)) await scratch.updateMember(id, (m) => { Object.assign(m, member); }, { create: true });
    } catch (err) {
      await coach.port.close().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const keepClock = () => { if (clockFile) writeFileSync(clockFile, `${clock.now().toISOString()}\n`); };
  keepClock();
  let closed = false;
  return {
    coach,
    clock,
    resumedAt: stoppedAt,
    async advance(to) {
      const result = await coach.scheduler.advance(clock.now(), to, TERMINAL_PLATFORMS);
      clock.set(result.stoppedAt ?? to);
      keepClock();
      return result;
    },
    scheduled: async (channel) => Boolean((await coach.port.workspace(TERMINAL_WORKSPACE).channel(channel))?.scheduledSince),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await coach.port.close();
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
