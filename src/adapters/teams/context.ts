// What the Teams bot needs: the core, the store, and how to tell an admin.
import type { SurfaceDeps } from '../surface-deps.js';

export interface TeamsDeps extends SurfaceDeps {
  /** COACH_ADMINS: whose /coach messages also (re)save the channel's conversation reference. */
  isAdmin: (workspace: string, user: string) => boolean;
}
