import type { Lang } from '../content/model.js';

// Who is asking, where, and what they typed: the same shape from every surface.
export interface Request {
  /** Slack team id, Teams tenant id, or `local` for the terminal. Data never crosses workspaces. */
  workspace: string;
  channel: string;
  user: string;
  /** Display names when the platform gives them (leaderboards show names, never mentions). */
  userName?: string;
  channelName?: string;
  /** Which surface the request came from, so scheduled posts go back there. */
  platform?: 'slack' | 'teams' | 'terminal';
  /** People the text names: the surface writes each as `@ID` in the text and lists them here. */
  mentions?: { id: string; name?: string }[];
  /** Opaque: what the surface needs to post in this channel later (a Teams conversation reference). */
  postTarget?: unknown;
  /** The platform's locale for this person, when it has one (`fr-CA`, `en-US`). */
  locale?: string;
  text: string;
  /** The language of the message whose button sent this text: a click answers in the same language. */
  contextLang?: Lang;
}
