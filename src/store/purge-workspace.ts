// Deleting a workspace for good (`coach purge --workspace ID`, issue 13): what the data file keeps about it,
// counted for the confirmation and the report. The JSON store removes the workspace's slice and its score
// log lines (JsonStore.purgeWorkspace); its Slack installation goes through the installations store.
import type { WorkspaceData } from './schema.js';

/** What a workspace holds (before a purge) or held (its report). Counts are of items. */
export interface WorkspacePurgeReport {
  workspace: string;
  /** Whether the data file had a slice for it. */
  found: boolean;
  members: number;
  channels: number;
  /** Challenges posted in its channels (answers included). */
  challenges: number;
  incidents: number;
  /** Its lines in the score log. */
  logEntries: number;
  /** Slack installation keys removed (`T:<id>`), filled in by the caller. */
  installations: string[];
}

/** Counts what `ws` holds (undefined: nothing). */
export function describeWorkspace(workspace: string, ws: Readonly<WorkspaceData> | undefined, logEntries: number): WorkspacePurgeReport {
  const channels = ws ? Object.values(ws.channels) : [];
  return {
    workspace,
    found: Boolean(ws),
    members: ws ? Object.keys(ws.members).length : 0,
    channels: channels.length,
    challenges: channels.reduce((n, ch) => n + (Array.isArray(ch.challenges) ? ch.challenges.length : 0), 0),
    incidents: channels.reduce((n, ch) => n + (Array.isArray(ch.incidents) ? ch.incidents.length : 0), 0),
    logEntries,
    installations: [],
  };
}
