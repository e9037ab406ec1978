// What every chat-platform adapter receives from the composition root: the core, nothing platform-specific.
import type { Logger } from '../app/logger.js';
import type { Library } from '../content/model.js';
import type { ChannelListener } from '../core/channel-listener.js';
import type { ChallengeCommands } from '../core/commands/challenge-commands.js';
import type { IncidentCommands } from '../core/commands/incident-commands.js';
import type { CoachEngine } from '../core/engine.js';
import type { Clock } from '../domain/time.js';
import type { StorePort } from '../store/port.js';

export interface SurfaceDeps {
  engine: CoachEngine;
  commands: ChallengeCommands;
  listener: ChannelListener;
  library: Library;
  /** The store port (issue 13): shared state between replicas, and the data the adapters read. */
  port: StorePort;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** Incidents (issue 11): where their first posts are kept, and the drafts an "Edit" box starts from. */
  incidents?: IncidentCommands;
  /**
   * Serves a chart (the weekly recap's) from the coach's HTTP server: its address, or null when the coach
   * has no public address (COACH_BASE_URL). Absent: charts are shown by their alt text.
   */
  charts?: { put(png: Uint8Array): Promise<string | null> };
}
