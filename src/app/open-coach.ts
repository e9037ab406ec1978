// The composition root for a running coach: configuration → store → content → understanding →
// grading → domain → engine and scheduler. Every surface (terminal, Slack, Teams) starts from here.
import { ChallengeCommands } from '../core/commands/challenge-commands.js';
import { CoachEngine } from '../core/engine.js';
import { StorePreferences } from '../core/store-preferences.js';
import type { Config } from '../config.js';
import { Challenges } from '../domain/challenges.js';
import { systemClock, type Clock } from '../domain/time.js';
import { openJsonStore, workspaceStore, type JsonStore, type WorkspaceStore } from '../store/index.js';
import { loadCore } from './build-coach.js';
import { contentGrader, feedbackFor } from './grader.js';
import { Scheduler } from './scheduler.js';
import { ReviewCommands } from '../review/command.js';

export interface OpenOptions {
  clock?: Clock;
  /** The terminal's own user, admin when COACH_ADMINS is empty (the local team lead). */
  localAdmin?: string;
}

export async function openCoach(config: Config, options: OpenOptions = {}) {
  const clock = options.clock ?? systemClock;
  const { library, router, reviewer } = loadCore(config.contentDir);
  const store: JsonStore = await openJsonStore(config.dataFile);
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
  const reviews = new ReviewCommands(reviewer, library, config.defaultLang);
  const engine = new CoachEngine({ library, router, preferences: new StorePreferences(stores), defaultLang: config.defaultLang, challenges: commands, reviews });
  const scheduler = new Scheduler(store, stores, challenges, commands, config.defaultLang);
  return { library, router, engine, scheduler, store, stores, challenges, commands, clock, reviewer };
}

export type OpenCoach = Awaited<ReturnType<typeof openCoach>>;
