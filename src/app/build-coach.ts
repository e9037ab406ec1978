// The composition root's core: content → understanding → engine, shared by every way of running.
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { loadContent } from '../content/load-content.js';
import type { Library } from '../content/model.js';
import { formatProblem } from '../content/problems.js';
import { CoachEngine } from '../core/engine.js';
import { MemoryPreferenceStore, type PreferenceStore } from '../core/preferences.js';
import { PlaybookRouter } from '../understanding/router.js';
import { ReviewCommands } from '../review/command.js';
import { DraftReviewer } from '../review/reviewer.js';

export class ContentError extends Error {
  constructor(readonly lines: string[], dir: string) {
    super(`the content in ${dir} has errors`);
  }
}

export interface Coach {
  library: Library;
  router: PlaybookRouter;
  engine: CoachEngine;
  reviewer: DraftReviewer;
}

export function loadLibrary(contentDir: string): Library {
  const content = loadContent(resolve(contentDir));
  if (!content.library) throw new ContentError(content.problems.map(formatProblem), contentDir);
  return content.library;
}

/** Content, the router trained on it and the draft reviewer: what every way of running starts from. */
export function loadCore(contentDir: string): { library: Library; router: PlaybookRouter; reviewer: DraftReviewer } {
  const library = loadLibrary(contentDir);
  const router = new PlaybookRouter(library);
  return { library, router, reviewer: new DraftReviewer(library, router) };
}

/** A stateless coach (no store, preferences in memory): for `coach route`, `coach grade` and tests. */
export function buildCoach(config: Pick<Config, 'contentDir' | 'defaultLang'>, preferences: PreferenceStore = new MemoryPreferenceStore()): Coach {
  const { library, router, reviewer } = loadCore(config.contentDir);
  const reviews = new ReviewCommands(reviewer, library, config.defaultLang);
  const engine = new CoachEngine({ library, router, preferences, defaultLang: config.defaultLang, reviews });
  return { library, router, engine, reviewer };
}
