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
  /**
   * People the text names with a real platform mention: the surface writes each as `@ID` in the text and
   * lists them here, with their display name when known and `bot: true` for bots (the coach itself,
   * Slackbot, Teams bots). Absent in the terminal, where people are named by bare name.
   */
  mentions?: { id: string; name?: string; bot?: boolean }[];
  /** A one-to-one conversation with the coach (Slack DM, Teams personal chat): no team lives here. */
  direct?: boolean;
  /** Opaque: what the surface needs to write to this person privately later (Teams: their 1:1 chat). */
  personalTarget?: unknown;
  /** Display names the platform can tell on demand (for people and channels whose name was never seen). */
  names?: NameLookup;
  /** Opaque: what the surface needs to post in this channel later (a Teams conversation reference). */
  postTarget?: unknown;
  /** The platform's locale for this person, when it has one (`fr-CA`, `en-US`). */
  locale?: string;
  text: string;
  /** The language of the message whose button sent this text: a click answers in the same language. */
  contextLang?: Lang;
}

/**
 * Whether the request's surface names people by platform mention only (`@ID`, listed in `mentions`): Slack
 * and Teams. Elsewhere (the terminal, or no surface given) a bare name names a person. The one place the
 * core tells surfaces apart for naming people (commands that award, remind or assign someone).
 */
export function namesByMention(req: Pick<Request, 'platform'>): boolean {
  return req.platform === 'slack' || req.platform === 'teams';
}

/**
 * Looks display names up on the platform (Slack users.info / conversations.info). Each resolves to the
 * name, or undefined when the platform cannot tell (unknown id, no permission, unreachable); never throws.
 */
export interface NameLookup {
  user(id: string): Promise<string | undefined>;
  channel(id: string): Promise<string | undefined>;
}
