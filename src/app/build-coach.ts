// The composition root's core: content → understanding → engine, shared by every way of running.
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { loadContent } from '../content/load-content.js';
import type { Library } from '../content/model.js';
import { formatProblem } from '../content/problems.js';
import { CoachEngine } from '../core/engine.js';
import { MemoryPreferenceStore, type PreferenceStore } from '../core/preferences.js';
import { PlaybookRouter } from '../understanding/router.js';

export class ContentError extends Error {
  constructor(readonly lines: string[], dir: string) {
    super(`the content in ${dir} has errors`);
  }
}

export interface Coach {
  library: Library;
  router: PlaybookRouter;
  engine: CoachEngine;
}

export function loadLibrary(contentDir: string): Library {
  const content = loadContent(resolve(contentDir));
  if (!content.library) throw new ContentError(content.problems.map(formatProblem), contentDir);
  return content.library;
}

export function buildCoach(config: Pick<Config, 'contentDir' | 'defaultLang'>, preferences: PreferenceStore = new MemoryPreferenceStore()): Coach {
  const library = loadLibrary(config.contentDir);
  const router = new PlaybookRouter(library);
  const engine = new CoachEngine({ library, router, preferences, defaultLang: config.defaultLang });
  return { library, router, engine };
}
