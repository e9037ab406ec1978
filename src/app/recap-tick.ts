// The weekly recap's tick (issue 14), played by the scheduler beside the daily slots and the incident
// tick: each channel's recap at its time (src/domain/recap/recap-slot.ts). Channels are found through the
// store port (StorePort.activeChannels), and each recap is claimed and recorded before it is returned
// (core/recap/recap-commands.ts RecapCommands.due), so any number of replicas post it once; the week of the
// last recap posted is kept in the store, so a restart never posts a week's recap twice.
import type { RecapCommands } from '../core/recap/recap-commands.js';
import type { Outgoing, TimedSource } from './scheduler.js';

export class RecapTick implements TimedSource {
  constructor(private readonly recaps: RecapCommands) {}

  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    return (await this.recaps.due(now, platforms)).map((due) => ({ workspace: due.workspace, channel: due.channel, platform: due.platform, message: due.message }));
  }

  /** The next recap time after `after`, read again at each call (a setting changed by a command, or by another replica, is seen). */
  next(after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    return this.recaps.next(after, platforms);
  }
}
