// What an incident's public message means for the channel's posts, the same on every surface (issue 11):
// the first post is posted and its platform ids kept; updates, reminders and drill events go in its
// thread; its `state` version replaces it in place. Surfaces only say how to post and update.
import type { PostingSurface } from '../channel-posts.js';
import type { Message } from '../message.js';

/** Where incidents keep the platform ids of their first post (IncidentCommands). */
export interface IncidentPostKeeper {
  postRef(workspace: string, channel: string, id: string): unknown;
  recordPost(workspace: string, channel: string, id: string, postRef: unknown): Promise<void>;
}

/**
 * Delivers a message that has `incident` set, in the incident's own channel (`surfaceFor` gives that
 * channel's surface, or null when the coach cannot post there). A thread message whose first post is
 * unknown (posted before a restart on another surface, or lost) is posted in the channel instead.
 */
export async function publishIncident<Ref>(keeper: IncidentPostKeeper, workspace: string, surfaceFor: (channel: string) => PostingSurface<Ref> | null | Promise<PostingSurface<Ref> | null>, message: Message): Promise<void> {
  const target = message.incident;
  if (!target) return;
  const surface = await surfaceFor(target.channel);
  if (!surface) return;
  const ref = surface.readRef(await keeper.postRef(workspace, target.channel, target.id));
  if (target.role === 'post') {
    const posted = await surface.post(message, undefined);
    if (posted !== undefined) await keeper.recordPost(workspace, target.channel, target.id, posted);
  } else if (target.role === 'thread') {
    await surface.post(message, ref);
  } else if (ref !== undefined) {
    await surface.update(ref, message);
  }
}
