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
import { notServedOnPostgres } from '../store/postgres/open.js';

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
  if (config.databaseUrl && !options.dataFile) throw notServedOnPostgres(config.databaseUrl);
  const { library, router, reviewer } = options.core ?? loadCore(config.contentDir);
  const store: JsonStore = await openJsonStore(options.dataFile ?? config.dataFile, options.storeOptions);
  const slices = new Map<string, WorkspaceStore>();
  // Every workspace change is announced, so open wall pages refresh within a moment.
  const changes = new ChangeFeed();
  const stores = (workspace: string) => {
    let slice = slices.get(workspace);
    if (!slice) slices.set(workspace, (slice = withChangeFeed(workspaceStore(store, workspace), changes)));
    return slice;
  };
  // The store port (issue 13): what every converted module uses; `stores` is the older synchronous path,
  // left only for the rehearsal's scratch copy (rehearsal.ts) and the Slack uninstall (serve.ts →
  // surface-deps.ts → adapters/slack/uninstall.ts); issue 14's modules no longer use it.
  const port = portWithChangeFeed(jsonPort(store), changes);
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
  // Slack's OAuth installations (issue 13), in the same store; used only when SLACK_CLIENT_ID is set.
  const installations = installationsFor(store);
  return { library, router, engine, scheduler, store, port, stores, changes, challenges, commands, incidents, clock, linkKey, reviewer, recaps, installations, installers };
}

export type OpenCoach = Awaited<ReturnType<typeof openCoach>>;
