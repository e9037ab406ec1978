// The composition root for a running coach: configuration → store → content → understanding →
// grading → domain → engine and scheduler. Every surface (terminal, Slack, Teams) starts from here.
import { ChallengeCommands } from '../core/commands/challenge-commands.js';
import { IncidentCommands } from '../core/commands/incident-commands.js';
import { CoachEngine } from '../core/engine.js';
import { StorePreferences } from '../core/store-preferences.js';
import type { Config } from '../config.js';
import { Challenges } from '../domain/challenges.js';
import { systemClock, type Clock } from '../domain/time.js';
import { jsonPort, openJsonStore, workspaceStore, type JsonStore, type JsonStoreOptions, type WorkspaceStore } from '../store/index.js';
import { DEFAULT_BACKUPS_KEPT } from '../store/backups.js';
import { PrivacyCommands } from '../core/commands/privacy-commands.js';
import { ChangeFeed, portWithChangeFeed, withChangeFeed } from '../store/change-feed.js';
import { ensureLinkKey, PlaybookLinks } from '../web/playbook-links.js';
import { WallCommands } from '../web/wall-commands.js';
import { loadCore } from './build-coach.js';
import { contentGrader, feedbackFor } from './grader.js';
import { Scheduler } from './scheduler.js';
import { IncidentTick } from './incident-tick.js';
import { ReviewCommands } from '../review/command.js';
import { RecapCommands } from '../core/recap/recap-commands.js';
import { DEFAULT_RECAP_CRON } from '../domain/recap/recap-slot.js';
import { RecapTick } from './recap-tick.js';
import { answerFollowUps, QueueCommands } from '../core/commands/queue-commands.js';
import { PracticeCommands } from '../core/commands/practice-commands.js';
import { ReminderCommands } from '../core/commands/reminder-commands.js';
import { ReminderTick } from './reminder-tick.js';
import { installationsFor } from '../store/choose-installations.js';
import { Installers } from '../adapters/slack/installers.js';
import type { StorePort } from '../store/port.js';
import type { SlackInstallationStore } from '../store/installations.js';
import type { MigrateResult } from '../store/postgres/migrate.js';

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

/**
 * The backend a coach runs on: its store port, the Slack installations kept beside it (used only when
 * SLACK_CLIENT_ID is set), and how to close both.
 */
interface Backend {
  kind: 'json' | 'postgresql';
  port: StorePort;
  installations: SlackInstallationStore;
  close(): Promise<void>;
  /** PostgreSQL: the migrations applied at this start (none when up to date) and the schema now recorded. */
  migrated?: MigrateResult;
}

/**
 * A coach on the JSON data file (the configuration's, or `options.dataFile`: the rehearsal's scratch copy),
 * whatever DATABASE_URL says; with the JSON store itself (`store`, `stores`) for the tests and tools that
 * read the document. A running coach opens through openServedCoach, which honours DATABASE_URL.
 * Throws StoreOpenError when the data file cannot be opened (corrupt, locked, newer schema).
 */
export async function openCoach(config: Config, options: OpenOptions = {}) {
  const core = options.core ?? loadCore(config.contentDir);
  const store: JsonStore = await openJsonStore(options.dataFile ?? config.dataFile, options.storeOptions);
  // Every workspace change is announced, so open wall pages refresh within a moment.
  const changes = new ChangeFeed();
  const slices = new Map<string, WorkspaceStore>();
  const stores = (workspace: string) => {
    let slice = slices.get(workspace);
    if (!slice) slices.set(workspace, (slice = withChangeFeed(workspaceStore(store, workspace), changes)));
    return slice;
  };
  const coach = await assemble(config, options, core, changes, { kind: 'json', port: jsonPort(store), installations: installationsFor(store), close: () => store.close() });
  return { ...coach, store, stores };
}

/**
 * The coach a surface runs (`coach start`, `coach serve`): on PostgreSQL when DATABASE_URL is set (migrated
 * first, under the advisory lock, so replicas starting together migrate once; `migrated` says what was
 * applied), else on the JSON data file. Throws StoreOpenError when the store cannot be opened or migrated
 * (the database URL's password never in the message), ContentError when the content is broken.
 */
export async function openServedCoach(config: Config, options: OpenOptions = {}): Promise<ServedCoach> {
  if (!config.databaseUrl || options.dataFile) return openCoach(config, options);
  const core = options.core ?? loadCore(config.contentDir);
  // Imported only here: pg, node-pg-migrate and their HTTP parser stay out of a coach on the data file.
  const { openPostgresStore } = await import('../store/postgres/open.js');
  const { port, migrated } = await openPostgresStore(config.databaseUrl);
  try {
    return await assemble(config, options, core, new ChangeFeed(), { kind: 'postgresql', port, installations: installationsFor(port), close: () => port.close(), migrated });
  } catch (err) {
    await port.close().catch(() => undefined);
    throw err;
  }
}

/** Wires content, understanding, grading, domain, commands and ticks on one backend's store port. */
async function assemble(config: Config, options: OpenOptions, core: ReturnType<typeof loadCore>, changes: ChangeFeed, store: Backend) {
  const clock = options.clock ?? systemClock;
  const { library, router, reviewer } = core;
  const port = portWithChangeFeed(store.port, changes);
  const admins = new Set(config.admins);
  // With many Slack workspaces (OAuth), whoever installed the app for a workspace is an admin there too.
  const installers = new Installers();
  const isAdmin = (workspace: string, user: string) =>
    admins.has(user) || (admins.size === 0 && workspace === 'local' && user === options.localAdmin) || installers.isInstaller(workspace, user);
  const challenges = new Challenges({
    library,
    grader: contentGrader(),
    holidays: config.holidays,
    defaultSchedule: { cron: config.schedule, timezone: config.timezone },
    revealLeadMs: config.revealLeadMs,
    // Issue 14's follow-ups of an answer (practice record, review queue, held words): port operations of
    // their own, right after the port's atomic recordAnswer, not inside it (see ChallengeConfig.onRecorded).
    onRecorded: (ws, recorded) => answerFollowUps(ws, recorded),
  });
  // Issue 14: each recorded answer feeds the queue and the practice record (answerFollowUps), and its
  // feedback gets "Contest this score".
  const queue = new QueueCommands({ library, port, clock, isAdmin });
  const feedback = feedbackFor(library);
  const commands = new ChallengeCommands({
    library, challenges, port, clock, isAdmin,
    feedback: (outcome, lang) => queue.withContest(feedback(outcome, lang), outcome, lang),
  });
  const practice = new PracticeCommands({ library, port, clock, grader: contentGrader(), timeZone: config.timezone });
  // The web pages (issue 15): the wall command, and playbook links signed with a key kept in the data file.
  const linkKey = config.playbookPages === 'token' ? await ensureLinkKey(port) : undefined;
  const links = new PlaybookLinks({ ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), mode: config.playbookPages, ...(linkKey ? { key: linkKey } : {}), clock });
  const wall = new WallCommands({ port, isAdmin, clock, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
  const incidents = IncidentCommands.create({ library, port, clock, isAdmin, timeZone: (channel) => channel?.schedule?.timezone ?? config.timezone }) ?? undefined;
  const reviews = new ReviewCommands(reviewer, library, config.defaultLang);
  // A rehearsal opens its scratch copy with `dataFile`: erasing someone there would erase nothing real.
  const privacy = new PrivacyCommands({
    port, isAdmin, backupsKept: options.storeOptions?.backupsKept ?? DEFAULT_BACKUPS_KEPT,
    queued: async (workspace: string, member: string) => (await port.workspace(workspace).reviewItems({ user: member, waiting: true })).length,
    ...(options.dataFile ? {} : { forget: (workspace: string, member: string) => port.workspace(workspace).forgetMember(member) }),
  });
  // The weekly recap (issue 14): `/coach recap`, and its tick beside the daily slots.
  const recaps = new RecapCommands({ library, challenges, port, clock, isAdmin, recapCron: config.recap ?? DEFAULT_RECAP_CRON, defaultLang: config.defaultLang });
  const engine = new CoachEngine({
    library, router, preferences: new StorePreferences(port), defaultLang: config.defaultLang, challenges: commands,
    wall, playbookLink: (id, lang) => links.action(id, lang), ...(incidents ? { incidents } : {}), reviews, privacy, recap: recaps,
    subcommands: [new ReminderCommands(port), queue, practice], practice,
  });
  // Overdue incident updates go to the admins; with none configured, to the terminal's own user (the local lead).
  const adminsOf = (workspace: string) => (admins.size ? [...admins] : workspace === 'local' && options.localAdmin ? [options.localAdmin] : []);
  const incidentTick = incidents ? new IncidentTick(port, incidents, adminsOf) : undefined;
  const recapTick = new RecapTick(recaps);
  const reminders = new ReminderTick(port, challenges, config.defaultLang, (workspace) => queue.dropRevealed(workspace));
  const scheduler = new Scheduler(port, challenges, commands, config.defaultLang, [...(incidentTick ? [incidentTick] : []), recapTick, reminders]);
  const { installations, close, kind: backend, migrated } = store;
  return { library, router, engine, scheduler, port, changes, challenges, commands, incidents, clock, linkKey, reviewer, recaps, installations, installers, backend, close, migrated };
}

/** A running coach on either backend: what every surface uses (no JSON document in it). */
export type ServedCoach = Awaited<ReturnType<typeof assemble>>;
/** A coach on the JSON data file, with the JSON store itself (tests, the rehearsal's scratch copy). */
export type OpenCoach = Awaited<ReturnType<typeof openCoach>>;
