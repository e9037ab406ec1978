// The incident tick (issue 11), run beside the scheduler's tick: reminders, escalations and drill events
// that fell due, across all workspaces. Due times live in the store, so a restart loses none: the first
// tick after it delivers what fell due in between. Open incidents are found through the store port.
import type { IncidentCommands } from '../core/commands/incident-commands.js';
import type { StorePort } from '../store/port.js';
import type { Outgoing, TimedSource } from './scheduler.js';

/** A scheduled delivery; with `user`, a private message to that member (an escalation) instead of a channel post. */
export type IncidentOutgoing = Outgoing;

export class IncidentTick implements TimedSource {
  constructor(
    private readonly port: StorePort,
    private readonly incidents: IncidentCommands,
    /** The members told when an incident's updates are overdue (the coach's admins). */
    private readonly admins: (workspace: string) => readonly string[],
  ) {}

  /** `platforms`: only incidents opened on these surfaces (a server never posts into the terminal's channel). */
  async tick(now: Date, platforms: ReadonlySet<string>): Promise<IncidentOutgoing[]> {
    const out: IncidentOutgoing[] = [];
    const workspaces = new Set((await this.port.openIncidents()).map((x) => x.workspace));
    for (const workspace of workspaces) {
      for (const d of await this.incidents.due(workspace, now, this.admins(workspace), platforms)) {
        out.push({ workspace, channel: d.channel, platform: d.platform, message: d.message, ...(d.to ? { user: d.to, message: { ...d.message, to: d.to } } : {}) });
      }
    }
    return out;
  }

  /** The earliest reminder, escalation or drill event after `after` in incidents on `platforms`, or null. */
  async next(after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    return this.incidents.nextDue((await this.port.openIncidents()).map((x) => x.incident), after, platforms);
  }
}
