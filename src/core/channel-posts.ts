// What a public message means for the channel's posts, the same on every surface: a new challenge is
// posted and its platform reference kept; a debrief goes in its challenge's thread; an answer's feedback
// refreshes the challenge post (its answer count). Surfaces only say how to post and update.
import type { ChallengeCommands } from './commands/challenge-commands.js';
import type { Message } from './message.js';

export interface PostingSurface<Ref> {
  /** The reference kept for a post, if it is one of this surface's. */
  readRef(stored: unknown): Ref | undefined;
  /** Posts a public message in the channel, in the thread of `thread` when given. */
  post(message: Message, thread: Ref | undefined): Promise<Ref | undefined>;
  /** Replaces a post with a newer version of the message. */
  update(ref: Ref, message: Message): Promise<void>;
}

export interface Where { workspace: string; channel: string }

export async function publish<Ref>(commands: ChallengeCommands, where: Where, surface: PostingSurface<Ref>, message: Message): Promise<void> {
  const ref = message.ref;
  const thread = ref?.kind === 'debrief' ? surface.readRef(await commands.postRef(where.workspace, where.channel, ref.challengeId)) : undefined;
  const posted = await surface.post(message, thread);
  if (ref?.kind === 'challenge' && posted !== undefined) await commands.recordPost(where.workspace, where.channel, ref.challengeId, posted);
}

/** After feedback on an answer: the challenge post shows the new answer count. */
export async function refreshAfter<Ref>(commands: ChallengeCommands, where: Where, surface: PostingSurface<Ref>, message: Message): Promise<void> {
  if (message.ref?.kind !== 'feedback') return;
  const state = await commands.postState(where.workspace, where.channel, message.ref.challengeId);
  if (!state) return;
  const ref = surface.readRef(state.postRef);
  if (ref !== undefined) await surface.update(ref, state.message);
}
