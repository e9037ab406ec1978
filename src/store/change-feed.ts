// Who wants to know that a workspace's data changed: the wall pages (issue 15) refresh themselves from
// it. Every change of a workspace goes through its slice's `update`, so wrapping the slice is enough.
import type { StorePort, WorkspacePort } from './port.js';
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

/** The port operations that change a workspace (every other operation only reads). */
const CHANGING = new Set<keyof WorkspacePort>([
  'updateMember', 'updateChannel', 'createChallenge', 'markRevealed', 'setPostRef', 'recordAnswer', 'award',
  'createIncident', 'updateIncident', 'setWall', 'forgetMember',
  // Issue 14's data (helper i13-week)
  'enqueueReview', 'settleReview', 'holdWords', 'dropRevealedWords', 'markReminded',
]);

/** The port, telling `feed` after each change of a workspace is recorded (or failed), like withChangeFeed. */
export function portWithChangeFeed(port: StorePort, feed: ChangeFeed): StorePort {
  const cache = new Map<string, WorkspacePort>();
  const wrap = (inner: WorkspacePort): WorkspacePort =>
    new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (!CHANGING.has(key as keyof WorkspacePort)) return (value as (...a: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            feed.notify(target.workspace);
          }
        };
      },
    });
  return new Proxy(port, {
    get(target, key, receiver) {
      if (key === 'workspace') {
        return (id: string) => {
          let ws = cache.get(id);
          if (!ws) {
            ws = wrap(target.workspace(id));
            if (cache.size < 10_000) cache.set(id, ws);
          }
          return ws;
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
