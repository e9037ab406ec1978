// `app_uninstalled` and `tokens_revoked`: the installation is removed and the workspace's scheduled posts
// stop. Bolt does neither itself (bolt-js #1203). The two events may both come, in either order (#673),
// or be retried: each step is idempotent (removing what is gone removes nothing; a channel already
// unscheduled is left alone), so any order and any repetition ends in the same state.
import type { App } from '@slack/bolt';
import type { Logger } from '../../app/logger.js';
import type { StorePort, WorkspacePort } from '../../store/port.js';
import type { InstallationRef, SlackInstallationStore } from '../../store/installations.js';

export interface UninstallDeps {
  /** The store port: the workspace's channels are read and changed through it (JSON file or PostgreSQL). */
  port: StorePort;
  logger: Logger;
  /** OAuth mode's installations; absent with one workspace (SLACK_BOT_TOKEN): only the posts stop. */
  installations?: SlackInstallationStore;
}

/** The parts of an Events API body these events need. */
export interface UninstallBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
  event?: { type?: string; tokens?: { bot?: string[]; oauth?: string[] } };
}

export interface UninstallOutcome {
  /** Installation keys removed now ([] when they were already gone). */
  removed: string[];
  /** Workspaces whose channels had daily posts turned off now. */
  stopped: string[];
  /** Channels turned off now. */
  channels: number;
}

/**
 * Handles one app_uninstalled or tokens_revoked event. A tokens_revoked that names no bot token (only
 * people's tokens, which the coach does not use) changes nothing. Resolves with what changed.
 */
export async function handleUninstall(deps: UninstallDeps, body: UninstallBody): Promise<UninstallOutcome> {
  const type = body.event?.type;
  const outcome: UninstallOutcome = { removed: [], stopped: [], channels: 0 };
  if (type === 'tokens_revoked' && !(body.event?.tokens?.bot?.length)) return outcome;
  if (type !== 'tokens_revoked' && type !== 'app_uninstalled') return outcome;
  const auth = body.authorizations?.[0];
  const ref: InstallationRef = {
    isEnterpriseInstall: body.is_enterprise_install === true || auth?.is_enterprise_install === true,
    ...(body.team_id ? { teamId: body.team_id } : auth?.team_id ? { teamId: auth.team_id } : {}),
    ...(body.enterprise_id ? { enterpriseId: body.enterprise_id } : auth?.enterprise_id ? { enterpriseId: auth.enterprise_id } : {}),
  };
  const teams = new Set<string>();
  if (ref.isEnterpriseInstall && ref.enterpriseId) {
    for (const team of (await deps.installations?.teamsOf(ref.enterpriseId)) ?? []) teams.add(team);
  } else if (ref.teamId) {
    teams.add(ref.teamId);
  }
  if (deps.installations && (ref.isEnterpriseInstall ? ref.enterpriseId : ref.teamId)) outcome.removed = await deps.installations.remove(ref);
  for (const team of teams) {
    const n = await stopScheduledPosts(deps.port.workspace(team));
    if (n > 0) {
      outcome.stopped.push(team);
      outcome.channels += n;
    }
  }
  if (outcome.removed.length || outcome.channels) {
    deps.logger.info({ event: type, team: ref.teamId, enterprise: ref.enterpriseId, orgWide: ref.isEnterpriseInstall, removed: outcome.removed, stoppedChannels: outcome.channels }, 'slack app uninstalled: installation removed, scheduled posts stopped');
  } else {
    deps.logger.debug({ event: type, team: ref.teamId, enterprise: ref.enterpriseId }, 'slack uninstall event: nothing left to remove');
  }
  return outcome;
}

/**
 * Turns daily posts off in every Slack channel of the workspace (their schedule stays, so an admin's
 * `/coach schedule on` after a reinstall resumes it). Each channel is changed atomically through the port
 * (updateChannel), and only when still scheduled, so a repeated or concurrent event (another replica)
 * counts each channel once. Resolves with the number of channels turned off by this call.
 */
export async function stopScheduledPosts(ws: WorkspacePort): Promise<number> {
  const scheduled = (await ws.channels()).filter((ch) => ch.platform === 'slack' && ch.scheduledSince).map((ch) => ch.id);
  let n = 0;
  for (const id of scheduled) {
    const changed = await ws.updateChannel(id, (settings) => {
      if (!settings.scheduledSince) return false;
      settings.scheduledSince = null;
      return true;
    }, { create: false });
    if (changed.found && changed.result) n += 1;
  }
  return n;
}

/** Bolt listeners for both events (Bolt runs them without authorizing: the token may already be gone). */
export function registerUninstall(app: App, deps: UninstallDeps): void {
  for (const type of ['app_uninstalled', 'tokens_revoked'] as const) {
    app.event(type, async ({ body }) => {
      await handleUninstall(deps, body as UninstallBody);
    });
  }
}
