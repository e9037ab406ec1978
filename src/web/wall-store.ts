// Making and revoking a channel's wall (ChannelData.wall) through the port; the web pages find a wall from
// its token with StorePort.wallByTokenHash.
import type { Lang } from '../content/model.js';
import type { WorkspacePort } from '../store/port.js';
import { hashToken, newWallToken } from './tokens.js';

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
