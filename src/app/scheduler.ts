// Runs what is due across all workspaces: debriefs to reveal, challenges to post. Each workspace is
// handled through its own slice; the result is a list of public messages for the adapters to deliver.
import type { Lang } from '../content/model.js';
import type { ChallengeCommands } from '../core/commands/challenge-commands.js';
import { challengePost } from '../core/challenge-messages.js';
import type { Message } from '../core/message.js';
import type { Challenges } from '../domain/challenges.js';
import type { CoachStore, WorkspaceStore } from '../store/store.js';

export interface Outgoing {
  workspace: string;
  channel: string;
  message: Message;
  /** Set for a new challenge: the id adapters keep with their post (to update it or thread the debrief). */
  challengeId?: string;
  /** The surface of the channel (slack, teams, terminal), as recorded when it was scheduled. */
  platform?: string;
}

export class Scheduler {
  constructor(
    private readonly store: CoachStore,
    private readonly stores: (workspace: string) => WorkspaceStore,
    private readonly challenges: Challenges,
    private readonly commands: ChallengeCommands,
    private readonly defaultLang: Lang,
  ) {}

  /** `platforms`: only channels of these surfaces (a server never posts into the terminal's channel). */
  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    const workspaces = this.store.read((data) => Object.keys(data.workspaces));
    for (const workspace of workspaces) {
      const ws = this.stores(workspace);
      for (const { channel, action } of ws.read((data) => this.challenges.due(data, now))) {
        if (!platforms.has(ws.read((data) => data.channels[channel]?.platform) ?? '')) continue;
        const lang = ws.read((data) => data.channels[channel]?.lang) ?? this.defaultLang;
        const platform = ws.read((data) => data.channels[channel]?.platform);
        const push = (message: Message, challengeId: string) => out.push({ workspace, channel, message, challengeId, ...(platform ? { platform } : {}) });
        if (action === 'reveal') {
          const revealed = await this.challenges.reveal(ws, channel, now);
          if (revealed) push(this.commands.debrief(revealed.scenarioId, revealed, lang), revealed.id);
        } else {
          const posted = await this.challenges.post(ws, channel, now);
          if (posted.revealed) push(this.commands.debrief(posted.revealed.scenarioId, posted.revealed, lang), posted.revealed.id);
          if (posted.created) {
            const pair = this.challenges.scenario(posted.challenge.scenarioId)!;
            const timeZone = this.challenges.schedule(ws.read((data) => data.channels[channel])).timezone;
            push(challengePost(posted.challenge, pair, lang, timeZone, 'public'), posted.challenge.id);
          }
        }
      }
    }
    return out;
  }
}
