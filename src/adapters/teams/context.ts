// What the Teams bot needs: the core, nothing Teams-specific.
import type { SurfaceDeps } from '../surface-deps.js';

export type TeamsDeps = SurfaceDeps;
