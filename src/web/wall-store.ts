// Where a wall's token leads: making, revoking and finding walls in the data (ChannelData.wall).
import type { Lang } from '../content/model.js';
import type { CoachData } from '../store/schema.js';
import type { WorkspacePort } from '../store/port.js';
import { digestMatches, hashToken, newWallToken, tokenDigest, WALL_TOKEN } from './tokens.js';

/** A wall found from its token: the channel it shows, and the stored hash it was opened with. */
export interface WallLocation {
  workspace: string;
  channel: string;
  tokenHash: string;
}

/**
 * Gives the channel a new wall token (replacing any earlier one, which then stops working) and returns it:
 * the only time the token exists outside a browser's address bar. Records the channel's name, and its
 * language when it has none yet, so the wall speaks as the channel's posts do.
 */
export async function makeWall(store: WorkspacePort, channelId: string, by: string, at: Date, facts: { name?: string; lang?: Lang }): Promise<string> {
  const token = newWallToken();
  await store.setWall(channelId, { tokenHash: hashToken(token), createdAt: at.toISOString(), createdBy: by });
  if (facts.name || facts.lang) {
    await store.updateChannel(channelId, (channel) => {
      if (facts.name) channel.name = facts.name;
      if (facts.lang && !channel.lang) channel.lang = facts.lang;
    });
  }
  return token;
}

/** Forgets the channel's wall token; false when it had none. */
export async function revokeWall(store: WorkspacePort, channelId: string): Promise<boolean> {
  return store.setWall(channelId, null);
}

/**
 * The wall a token opens, or null. Every stored hash is compared in constant time, and all of them are
 * compared whatever matched, so neither the answer's timing nor a near miss tells anything. A malformed
 * token is refused at once (it cannot be one the coach made).
 */
export function findWall(data: Readonly<CoachData>, token: string): WallLocation | null {
  if (!WALL_TOKEN.test(token)) return null;
  const digest = tokenDigest(token);
  let found: WallLocation | null = null;
  for (const workspace in data.workspaces) {
    const channels = data.workspaces[workspace]!.channels;
    for (const channel in channels) {
      const wall = channels[channel]!.wall;
      if (wall && typeof wall.tokenHash === 'string' && digestMatches(digest, wall.tokenHash) && !found) {
        found = { workspace, channel, tokenHash: wall.tokenHash };
      }
    }
  }
  return found;
}

/** Whether a wall opened earlier is still the channel's wall (not revoked nor replaced since). */
export function stillOpen(data: Readonly<CoachData>, wall: WallLocation): boolean {
  const ws = Object.hasOwn(data.workspaces, wall.workspace) ? data.workspaces[wall.workspace] : undefined;
  const channel = ws && Object.hasOwn(ws.channels, wall.channel) ? ws.channels[wall.channel] : undefined;
  return channel?.wall?.tokenHash === wall.tokenHash;
}
