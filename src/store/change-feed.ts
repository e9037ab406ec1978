// Who wants to know that a workspace's data changed: the wall pages (issue 15) refresh themselves from
// it. Every change of a workspace goes through its slice's `update`, so wrapping the slice is enough.
import type { WorkspaceStore } from './store.js';

export type ChangeListener = (workspace: string) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  /** Calls `listener` with the workspace id after each of its changes is recorded; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(workspace: string): void {
    for (const listener of this.listeners) {
      // A failing listener must never fail the change that was just recorded.
      try {
        listener(workspace);
      } catch {
        /* the listener reports its own errors */
      }
    }
  }
}

/**
 * The slice, telling `feed` after each update: once the change is on disk, or once it failed (a refused
 * change may still have touched memory, so listeners look again either way).
 */
export function withChangeFeed(slice: WorkspaceStore, feed: ChangeFeed): WorkspaceStore {
  return {
    workspace: slice.workspace,
    read: (fn) => slice.read(fn),
    readLog: () => slice.readLog(),
    update: async (fn) => {
      try {
        return await slice.update(fn);
      } finally {
        feed.notify(slice.workspace);
      }
    },
  };
}
