// The composition root for a running coach: configuration → store → content → understanding →
// grading → domain → engine and scheduler. Every surface (terminal, Slack, Teams) starts from here.
import { ChallengeCommands } from '../core/commands/challenge-commands.js';
import { CoachEngine } from '../core/engine.js';
import { StorePreferences } from '../core/store-preferences.js';
import type { Config } from '../config.js';
import { Challenges } from '../domain/challenges.js';
import { systemClock, type Clock } from '../domain/time.js';
import { openJsonStore, workspaceStore, type JsonStore, type JsonStoreOptions, type WorkspaceStore } from '../store/index.js';
import { loadCore } from './build-coach.js';
import { contentGrader, feedbackFor } from './grader.js';
import { Scheduler } from './scheduler.js';

export interface OpenOptions {
  clock?: Clock;
  /** The terminal's own user, admin when COACH_ADMINS is empty (the local team lead). */
  localAdmin?: string;
  /** Content and router already loaded (the terminal's rehearsal reuses the session's). */
  core?: ReturnType<typeof loadCore>;
  /** Another data file than the configuration's (the rehearsal's scratch copy), and its store options. */
  dataFile?: string;
  storeOptions?: JsonStoreOptions;
}

export async function openCoach(config: Config, options: OpenOptions = {}) {
  const clock = options.clock ?? systemClock;
  const { library, router } = options.core ?? loadCore(config.contentDir);
  const store: JsonStore = await openJsonStore(options.dataFile ?? config.dataFile, options.storeOptions);
  const slices = new Map<string, WorkspaceStore>();
  const stores = (workspace: string) => {
    let slice = slices.get(workspace);
    if (!slice) slices.set(workspace, (slice = workspaceStore(store, workspace)));
    return slice;
  };
  const admins = new Set(config.admins);
  const isAdmin = (workspace: string, user: string) =>
    admins.has(user) || (admins.size === 0 && workspace === 'local' && user === options.localAdmin);
  const challenges = new Challenges({
    library,
    grader: contentGrader(),
    holidays: config.holidays,
    defaultSchedule: { cron: config.schedule, timezone: config.timezone },
    revealLeadMs: config.revealLeadMs,
  });
  const commands = new ChallengeCommands({ library, challenges, stores, clock, isAdmin, feedback: feedbackFor(library) });
  const engine = new CoachEngine({ library, router, preferences: new StorePreferences(stores), defaultLang: config.defaultLang, challenges: commands });
  const scheduler = new Scheduler(store, stores, challenges, commands, config.defaultLang);
  return { library, router, engine, scheduler, store, stores, challenges, commands, clock };
}

export type OpenCoach = Awaited<ReturnType<typeof openCoach>>;
