// The store interface the domain sees. One implementation today (a JSON file through lowdb, plus an
// append-only score log beside it); a server database can implement the same interface later without
// touching the domain.
import type { CoachData, LogEntry, ScoreEvent, WorkspaceData } from './schema.js';

export interface CoachStore {
  /** A synchronous read of the current state (including changes not yet on disk). Do not mutate. */
  read<T>(fn: (data: Readonly<CoachData>) => T): T;
  /**
   * Applies `fn` to the state and resolves with its result once the change is durably on disk
   * ("recorded"). `fn` runs synchronously, alone, in arrival order; it must validate before it mutates,
   * because a throw rejects the caller but does not roll back what it already changed.
   * Score events pushed to a workspace's `scoreLog` are moved to the score log as soon as `fn` returns
   * (see WorkspaceData.scoreLog), and recorded with the rest of the change.
   */
  update<T>(fn: (data: CoachData) => T): Promise<T>;
  /**
   * The score log, oldest first: every event recorded, then those applied and not yet on disk (like
   * read(), it shows changes still waiting for their write). Only `workspace`'s events when given.
   */
  readLog(workspace?: string): Promise<LogEntry[]>;
  /** Waits for every pending write, then releases the file. */
  close(): Promise<void>;
}

/** One workspace's slice: the only door the domain has to the data, so nothing reads across workspaces. */
export interface WorkspaceStore {
  readonly workspace: string;
  read<T>(fn: (ws: Readonly<WorkspaceData>) => T): T;
  update<T>(fn: (ws: WorkspaceData) => T): Promise<T>;
  /** This workspace's score events, oldest first, including those applied and not yet on disk. */
  readLog(): Promise<ScoreEvent[]>;
}
