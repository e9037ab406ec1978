// What the Teams bot needs: the core, the store, and how to tell an admin.
import type { Logger } from '../../app/logger.js';
import type { ChannelListener } from '../../core/channel-listener.js';
import type { ChallengeCommands } from '../../core/commands/challenge-commands.js';
import type { CoachEngine } from '../../core/engine.js';
import type { Library } from '../../content/model.js';
import type { Clock } from '../../domain/time.js';
import type { WorkspaceStore } from '../../store/store.js';

export interface TeamsDeps {
  engine: CoachEngine;
  commands: ChallengeCommands;
  listener: ChannelListener;
  library: Library;
  stores: (workspace: string) => WorkspaceStore;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** COACH_ADMINS: whose /coach messages also (re)save the channel's conversation reference. */
  isAdmin: (workspace: string, user: string) => boolean;
}
