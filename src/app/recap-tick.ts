// The weekly recap's tick (issue 14), played by the scheduler beside the daily slots and the incident
// tick: each channel's recap at its time (src/domain/recap/recap-slot.ts). The week of the last recap
// posted is kept in the store, so a restart never posts a week's recap twice.
import type { RecapCommands } from '../core/recap/recap-commands.js';
import type { CoachStore } from '../store/store.js';
import type { Outgoing, TimedSource } from './scheduler.js';

export class RecapTick implements TimedSource {
  /**
   * The next recap time per set of surfaces: `next` is synchronous (TimedSource) while the recap's data
   * access is async, so the value is computed again at the end of every tick. Scheduler.advance ticks at
   * its start before asking `next`, so a setting changed between two advances (`/coach recap CRON`,
   * `/coach schedule`, `/coach pause`) is always seen; until the first tick, `next` knows nothing (null).
   */
  private readonly nextAt = new Map<string, Date | null>();

  constructor(private readonly store: CoachStore, private readonly recaps: RecapCommands) {}

  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    for (const workspace of this.workspaces()) {
      for (const due of await this.recaps.due(workspace, now, platforms)) {
        out.push({ workspace, channel: due.channel, platform: due.platform, message: due.message });
      }
    }
    await this.refresh(now, platforms);
    return out;
  }

  next(after: Date, platforms: ReadonlySet<string>): Date | null {
    const key = [...platforms].sort().join(',');
    if (!this.nextAt.has(key)) return null;
    const at = this.nextAt.get(key) ?? null;
    return at && at.getTime() > after.getTime() ? at : null;
  }

  /** Computes the next recap time after `after` again (the value `next` answers with). */
  async refresh(after: Date, platforms: ReadonlySet<string>): Promise<void> {
    let earliest: Date | null = null;
    for (const workspace of this.workspaces()) {
      const at = await this.recaps.next(workspace, after, platforms);
      if (at && (!earliest || at < earliest)) earliest = at;
    }
    this.nextAt.set([...platforms].sort().join(','), earliest);
  }

  private workspaces(): string[] {
    return this.store.read((data) => Object.keys(data.workspaces));
  }
}
