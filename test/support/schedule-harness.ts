// A coach on a real JSON store in a temporary folder, on a manual clock, for the schedule tests: one
// scheduled channel, the scheduler played like the server's interval (`play`), restarts that reopen
// the store after a downtime (`restartAt`), and admin commands at the current time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../src/app/build-coach.js';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock, zonedTime } from '../../src/domain/time.js';
import type { ChallengeData, ChannelData } from '../../src/store/schema.js';
import { ask, plain, root } from '../helpers.js';

export const WS = 'T1';
export const CH = 'C1';
export const ZONE = 'America/Toronto';
const PLATFORMS = new Set(['terminal']);
const core = loadCore(join(root, 'content'));

/** A wall-clock time in Toronto: `at('2026-12-08', 8, 30)`. */
export const at = (day: string, hour = 9, minute = 0) => zonedTime(day, hour, minute, ZONE);

export interface HarnessOptions {
  cron?: string;
  holidays?: string;
  leadMinutes?: number;
}

export class Harness {
  coach!: OpenCoach;
  readonly clock: ManualClock;
  private constructor(private readonly dir: string, private readonly env: Record<string, string>, start: Date) {
    this.clock = new ManualClock(start);
  }

  /** A coach scheduled in channel C1 from `start` (the admin's `/coach schedule on`). */
  static async open(start: Date, options: HarnessOptions = {}): Promise<Harness> {
    // Writes are fsynced: a RAM-backed folder, when there is one, keeps long simulations quick.
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const dir = mkdtempSync(join(base, 'coach-schedule-'));
    const env = {
      COACH_DATA_FILE: join(dir, 'coach.json'),
      COACH_CONTENT_DIR: join(root, 'content'),
      COACH_ADMINS: 'ADMIN',
      COACH_SCHEDULE: options.cron ?? '0 9 * * 1-5',
      COACH_HOLIDAYS: options.holidays ?? 'quebec',
      COACH_TIMEZONE: ZONE,
      COACH_REVEAL_BEFORE_MINUTES: String(options.leadMinutes ?? 60),
    };
    const harness = new Harness(dir, env, start);
    await harness.reopen();
    await harness.coach.stores(WS).update((ws) => {
      ws.channels[CH] = { name: 'support', platform: 'terminal', pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {}, scheduledSince: start.toISOString() };
    });
    return harness;
  }

  private async reopen(): Promise<void> {
    const config = loadConfig(this.env);
    if (!config.ok) throw new Error(config.errors.join('\n'));
    this.coach = await openCoach(config.config, { clock: this.clock, core, storeOptions: { backupsKept: 0, commitWindowMs: 0 } });
  }

  now(): Date {
    return this.clock.now();
  }

  /** The coach runs from now to `to`: every reveal and slot at its own time (Scheduler.advance). */
  async play(to: Date) {
    const result = await this.coach.scheduler.advance(this.clock.now(), to, PLATFORMS);
    this.clock.set(to);
    return result;
  }

  /** One tick at the current time, as the server's interval does. */
  tick() {
    return this.coach.scheduler.tick(this.clock.now(), PLATFORMS);
  }

  /** The coach is down from now to `to`, then restarts (the store is reopened) and ticks once. */
  async restartAt(to: Date) {
    await this.coach.store.close();
    this.clock.set(to);
    await this.reopen();
    return this.tick();
  }

  /** An admin's `/coach post` at the current time, through the domain. */
  adminPost() {
    return this.coach.challenges.post(this.coach.port.workspace(WS), CH, this.clock.now());
  }

  /** An admin command through the engine (French), as typed in channel C1. */
  async say(text: string, user = 'ADMIN'): Promise<string> {
    const replies = await this.coach.engine.handle(ask(text, { workspace: WS, channel: CH, user, platform: 'terminal' }));
    return replies.map((m) => plain(m).trim()).join('\n---\n');
  }

  async setPaused(day: string, paused: boolean): Promise<void> {
    await this.coach.stores(WS).update((ws) => {
      const set = new Set(ws.channels[CH]!.pausedDates);
      if (paused) set.add(day);
      else set.delete(day);
      ws.channels[CH]!.pausedDates = [...set].sort();
    });
  }

  channel(): Readonly<ChannelData> {
    return this.coach.stores(WS).read((ws) => structuredClone(ws.channels[CH]!));
  }

  challenges(): ChallengeData[] {
    return this.channel().challenges;
  }

  /** The challenges as [day, postedAt, revealAt, revealedAt] in ISO, for exact comparisons. */
  timeline(): [string, string, string | null, string | null][] {
    return this.challenges().map((c) => [c.day, c.postedAt, c.revealAt, c.revealedAt]);
  }

  async close(): Promise<void> {
    await this.coach.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
