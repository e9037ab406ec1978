// Configuration from the environment, validated once at start with one clear message per bad variable.
import { z } from 'zod';
import { LANGS, type Lang } from './content/model.js';
import { parseHolidaySpec, type HolidayCalendar } from './domain/holidays.js';
import { validateCron } from './domain/schedule.js';
import { isValidTimeZone } from './domain/time.js';
import { databaseUrlProblem, redactDatabaseUrl } from './store/postgres/url.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z.object({
  COACH_CONTENT_DIR: z.string().trim().min(1, 'must name a folder').default('./content'),
  COACH_LANG: z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` }).default('fr'),
  COACH_DATA_FILE: z.string().trim().min(1, 'must name a file').default('./data/coach.json'),
  COACH_TIMEZONE: z.string().trim().default('America/Toronto')
    .refine(isValidTimeZone, 'must be an IANA time zone such as America/Toronto'),
  COACH_SCHEDULE: z.string().trim().default('0 9 * * 1-5'),
  COACH_RECAP: z.string().trim().default('0 16 * * 1-5'),
  COACH_HOLIDAYS: z.string().trim().default('quebec'),
  COACH_ADMINS: z.string().default('')
    .refine((v) => v.split(',').every((id) => id.trim() === '' || /^[\w.@:-]{1,100}$/.test(id.trim())), 'must be user ids separated by commas'),
  COACH_REHEARSAL_FILE: z.string().trim().min(1).optional(),
  COACH_REVEAL_BEFORE_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(0).max(24 * 60).default(60),
  COACH_BASE_URL: z.string().trim().refine((v) => baseUrlProblem(v) === null, { error: (issue) => baseUrlProblem(String(issue.input)) ?? 'invalid' }).optional(),
  COACH_PLAYBOOK_PAGES: z.string().trim().transform((v) => v.toLowerCase())
    .pipe(z.enum(['public', 'token', 'off'], { error: 'must be public, token or off' })).default('public'),
  COACH_STARTUP_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' })
    .min(0.1, 'must be at least 0.1 second').max(600, 'must be at most 600 seconds').default(10),
  DATABASE_URL: z.string().trim().refine((v) => databaseUrlProblem(v) === null, { error: (issue) => databaseUrlProblem(String(issue.input)) ?? 'invalid' }).optional(),
  HOST: z.string().trim().default('0.0.0.0'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0 to 65535').max(65535, 'must be 0 to 65535').default(3000),
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xoxb-[\w-]+$/, 'must be a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().trim().regex(/^[0-9a-f]{16,128}$/i, 'must be the app’s signing secret (hexadecimal)').optional(),
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-[\w-]+$/, 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.string().trim().url('must be a URL such as https://slack.com/api/').optional(),
  SLACK_CLIENT_ID: z.string().trim().regex(/^\d+\.\d+$/, 'must be the app’s Client ID (digits, a dot, digits: Basic Information → App Credentials)').optional(),
  SLACK_CLIENT_SECRET: z.string().trim().regex(/^[0-9a-f]{16,128}$/i, 'must be the app’s Client Secret (hexadecimal)').optional(),
  SLACK_STATE_SECRET: z.string().trim().min(16, 'must be at least 16 characters (a random secret that signs the install state)').optional(),
  SLACK_OAUTH_AUTHORIZE_URL: z.string().trim().url('must be a URL such as https://slack.com/oauth/v2/authorize').optional(),
  MICROSOFT_APP_ID: z.string().trim().regex(GUID, 'must be the bot’s Microsoft app id (a GUID such as 00000000-0000-0000-0000-000000000000)').optional(),
  MICROSOFT_APP_PASSWORD: z.string().trim().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().trim().regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i, 'must be a tenant id (a GUID) or domain').optional(),
  MICROSOFT_APP_TYPE: z.string().trim().transform((v) => v.toLowerCase())
    .pipe(z.enum(['multitenant', 'singletenant', 'userassignedmsi'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' })).optional(),
  TEAMS_ALLOW_ANONYMOUS: z.string().trim().transform((v) => v.toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })).optional(),
});

/** Variables whose values are never printed, not even in an error message. */
const SECRETS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'MICROSOFT_APP_PASSWORD']);

export interface SlackConfig {
  /** One workspace (SLACK_BOT_TOKEN); absent in OAuth mode, where each workspace has its own token. */
  botToken?: string;
  /** Many workspaces: "Add to Slack" on GET /slack/install, tokens per installation in the store. */
  oauth?: SlackOAuthConfig;
  /** HTTP mode (requests on POST /slack/events); absent in Socket Mode. */
  signingSecret?: string;
  /** Socket Mode when set: no public URL needed. */
  appToken?: string;
  apiUrl?: string;
}

/** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: the app's OAuth credentials (never logged but the id). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state (and its browser cookie); replicas share it. */
  stateSecret: string;
  /** Where installers are sent to approve (SLACK_OAUTH_AUTHORIZE_URL: GovSlack, tests); Slack's own when absent. */
  authorizeUrl?: string;
}

export interface TeamsConfig {
  /** The bot's Microsoft app id; empty in anonymous (Emulator) mode. */
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /**
   * TEAMS_ALLOW_ANONYMOUS: unauthenticated activities (the Bot Framework Emulator), for development only;
   * only loopback serviceUrls are then accepted or called.
   */
  anonymous: boolean;
}

export interface Config {
  contentDir: string;
  defaultLang: Lang;
  dataFile: string;
  timezone: string;
  schedule: string;
  /**
   * COACH_RECAP: when the weekly recap goes out (cron, in the channel's time zone): its first run on the
   * week's last working day that it runs on (src/domain/recap/recap-slot.ts). Absent: DEFAULT_RECAP_CRON.
   */
  recap?: string;
  holidays: HolidayCalendar;
  /** User ids allowed the admin commands; empty means nobody but the terminal's own user. */
  admins: string[];
  revealLeadMs: number;
  /**
   * COACH_REHEARSAL_FILE: where the terminal keeps its rehearsal (a data file, its clock beside it as
   * `<file>.clock`), so a rehearsal resumes in a later session; absent: a scratch copy deleted at the end.
   */
  rehearsalFile?: string;
  /**
   * COACH_BASE_URL: the coach's public address (scheme, host, optional path; no trailing slash), from
   * which the wall and playbook page links are made. Absent: no wall, no "Open in browser" links.
   */
  baseUrl?: string;
  /** COACH_PLAYBOOK_PAGES: playbook pages open to anyone, only through links the coach signs, or not served. */
  playbookPages: 'public' | 'token' | 'off';
  /**
   * How long the server start waits for a platform that is slow to answer (Slack's auth.test), in ms;
   * then it goes on degraded, still trying in the background (COACH_STARTUP_TIMEOUT_SECONDS).
   */
  startupTimeoutMs: number;
  /**
   * DATABASE_URL: the PostgreSQL database to keep the data in (postgres://user:password@host:port/db);
   * absent: the JSON data file (COACH_DATA_FILE). Contains a password: show it only through
   * redactDatabaseUrl (store/postgres/url.ts).
   */
  databaseUrl?: string;
  host: string;
  port: number;
  /** Present when Slack credentials are set: `npm start` then serves instead of opening the terminal. */
  slack?: SlackConfig;
  /** Present when Microsoft app credentials are set, or TEAMS_ALLOW_ANONYMOUS: Teams on POST /api/messages. */
  teams?: TeamsConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable in a .env file means "not set", as most tools treat it.
  const known = new Set(Object.keys(schema.shape));
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== undefined && v.trim() !== ''));
  const shown = (name: string) => (SECRETS.has(name) ? '(value hidden)'
    : name === 'DATABASE_URL' ? `(got ${redactDatabaseUrl(present[name] ?? '')})` : `(got ${JSON.stringify(present[name])})`);
  const parsed = schema.safeParse(present);
  const errors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      errors.push(`${name}: ${issue.message} ${shown(name)}.`);
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  const cronError = validateCron(v.COACH_SCHEDULE, v.COACH_TIMEZONE);
  if (cronError) errors.push(`COACH_SCHEDULE: must be a cron expression such as "0 9 * * 1-5" (${cronError}) (got ${JSON.stringify(v.COACH_SCHEDULE)}).`);
  const recapError = validateCron(v.COACH_RECAP, v.COACH_TIMEZONE);
  if (recapError) errors.push(`COACH_RECAP: must be a cron expression such as "0 16 * * 1-5" (${recapError}) (got ${JSON.stringify(v.COACH_RECAP)}).`);
  const holidays = parseHolidaySpec(v.COACH_HOLIDAYS);
  if (!holidays.ok) errors.push(`COACH_HOLIDAYS: ${holidays.error} (got ${JSON.stringify(v.COACH_HOLIDAYS)}).`);
  errors.push(...slackModeErrors(v));
  const anonymous = v.TEAMS_ALLOW_ANONYMOUS === 'true' || v.TEAMS_ALLOW_ANONYMOUS === '1' || v.TEAMS_ALLOW_ANONYMOUS === 'yes';
  const appType = ({ multitenant: 'MultiTenant', singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMSI' } as const)[v.MICROSOFT_APP_TYPE ?? (v.MICROSOFT_APP_TENANT_ID ? 'singletenant' : 'multitenant')];
  if (anonymous && v.MICROSOFT_APP_ID) errors.push('TEAMS_ALLOW_ANONYMOUS: must not be true when MICROSOFT_APP_ID is set (anonymous mode is for the Emulator, without credentials).');
  if (!v.MICROSOFT_APP_ID && (v.MICROSOFT_APP_PASSWORD || v.MICROSOFT_APP_TENANT_ID || v.MICROSOFT_APP_TYPE)) {
    errors.push('MICROSOFT_APP_ID: missing; it is needed with MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID or MICROSOFT_APP_TYPE.');
  }
  if (v.MICROSOFT_APP_ID && appType !== 'UserAssignedMSI' && !v.MICROSOFT_APP_PASSWORD) errors.push('MICROSOFT_APP_PASSWORD: missing; the bot’s client secret is needed with MICROSOFT_APP_ID.');
  if (v.MICROSOFT_APP_ID && appType === 'UserAssignedMSI' && v.MICROSOFT_APP_PASSWORD) errors.push('MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (value hidden).');
  if (v.MICROSOFT_APP_ID && appType !== 'MultiTenant' && !v.MICROSOFT_APP_TENANT_ID) errors.push(`MICROSOFT_APP_TENANT_ID: missing; it is needed with MICROSOFT_APP_TYPE=${appType}.`);
  if (errors.length || !holidays.ok) return { ok: false, errors };
  const teams: TeamsConfig | undefined = v.MICROSOFT_APP_ID
    ? {
        appId: v.MICROSOFT_APP_ID,
        ...(v.MICROSOFT_APP_PASSWORD ? { appPassword: v.MICROSOFT_APP_PASSWORD } : {}),
        ...(v.MICROSOFT_APP_TENANT_ID ? { tenantId: v.MICROSOFT_APP_TENANT_ID } : {}),
        appType,
        anonymous: false,
      }
    : anonymous ? { appId: '', appType: 'MultiTenant', anonymous: true } : undefined;
  const oauth: SlackOAuthConfig | undefined = v.SLACK_CLIENT_ID && v.SLACK_CLIENT_SECRET && v.SLACK_STATE_SECRET
    ? {
        clientId: v.SLACK_CLIENT_ID, clientSecret: v.SLACK_CLIENT_SECRET, stateSecret: v.SLACK_STATE_SECRET,
        ...(v.SLACK_OAUTH_AUTHORIZE_URL ? { authorizeUrl: v.SLACK_OAUTH_AUTHORIZE_URL } : {}),
      }
    : undefined;
  const slack: SlackConfig | undefined = v.SLACK_BOT_TOKEN || oauth
    ? {
        ...(v.SLACK_BOT_TOKEN ? { botToken: v.SLACK_BOT_TOKEN } : {}),
        ...(oauth ? { oauth } : {}),
        ...(v.SLACK_SIGNING_SECRET ? { signingSecret: v.SLACK_SIGNING_SECRET } : {}),
        ...(v.SLACK_APP_TOKEN ? { appToken: v.SLACK_APP_TOKEN } : {}),
        ...(v.SLACK_API_URL ? { apiUrl: v.SLACK_API_URL.endsWith('/') ? v.SLACK_API_URL : `${v.SLACK_API_URL}/` } : {}),
      }
    : undefined;
  return {
    ok: true,
    config: {
      contentDir: v.COACH_CONTENT_DIR,
      defaultLang: v.COACH_LANG,
      dataFile: v.COACH_DATA_FILE,
      timezone: v.COACH_TIMEZONE,
      schedule: v.COACH_SCHEDULE,
      recap: v.COACH_RECAP,
      holidays: holidays.calendar,
      admins: v.COACH_ADMINS.split(',').map((id) => id.trim()).filter(Boolean),
      revealLeadMs: v.COACH_REVEAL_BEFORE_MINUTES * 60_000,
      ...(v.COACH_REHEARSAL_FILE ? { rehearsalFile: v.COACH_REHEARSAL_FILE } : {}),
      ...(v.COACH_BASE_URL ? { baseUrl: v.COACH_BASE_URL.replace(/\/+$/, '') } : {}),
      playbookPages: v.COACH_PLAYBOOK_PAGES,
      startupTimeoutMs: Math.round(v.COACH_STARTUP_TIMEOUT_SECONDS * 1000),
      ...(v.DATABASE_URL ? { databaseUrl: v.DATABASE_URL } : {}),
      host: v.HOST,
      port: v.PORT,
      ...(slack ? { slack } : {}),
      ...(teams ? { teams } : {}),
    },
  };
}

const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * The Slack mode's problems, one message each: one workspace needs SLACK_BOT_TOKEN, many workspaces need
 * all three OAuth variables (and no SLACK_BOT_TOKEN: each workspace has its own token), and both need
 * SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode). Values are never shown.
 */
function slackModeErrors(v: Partial<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  const oauthSet = OAUTH_VARS.filter((name) => v[name]);
  const oauth = oauthSet.length > 0;
  if (oauth && oauthSet.length < OAUTH_VARS.length) {
    const missing = OAUTH_VARS.filter((name) => !v[name]);
    errors.push(`${missing.join(', ')}: missing; installing in many Slack workspaces (OAuth) needs ${OAUTH_VARS.join(', ')} together (${oauthSet.join(', ')} ${oauthSet.length === 1 ? 'is' : 'are'} set).`);
  }
  if (oauth && v.SLACK_BOT_TOKEN) {
    errors.push('SLACK_BOT_TOKEN: must not be set with SLACK_CLIENT_ID (OAuth): each workspace that installs the app gets its own token. Use SLACK_BOT_TOKEN for one workspace, or the OAuth variables for many.');
  }
  if (v.SLACK_OAUTH_AUTHORIZE_URL && !oauth) errors.push('SLACK_OAUTH_AUTHORIZE_URL: only used with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.');
  const mode = v.SLACK_BOT_TOKEN || oauth;
  if (!mode && (v.SLACK_SIGNING_SECRET || v.SLACK_APP_TOKEN)) {
    errors.push('SLACK_BOT_TOKEN: missing; it is needed with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (or, for many workspaces, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET).');
  }
  if (mode && !v.SLACK_SIGNING_SECRET && !v.SLACK_APP_TOKEN) {
    errors.push('SLACK_SIGNING_SECRET: missing; HTTP mode needs it (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  return errors;
}

/** What a start line says of the Slack mode: `one workspace (SLACK_BOT_TOKEN)`, `many workspaces (OAuth)`, or `off`. */
export function slackWorkspaces(config: Config): 'one' | 'oauth' | 'off' {
  return config.slack?.oauth ? 'oauth' : config.slack ? 'one' : 'off';
}

/**
 * Why a COACH_BASE_URL cannot be used, or null: it must be an absolute http(s) address that a browser on
 * another machine can open, with no user name or password, query or fragment (links are made by adding
 * `/wall/…` or `/playbooks/…` to it).
 */
export function baseUrlProblem(value: string): string | null {
  const example = 'such as https://coach.example.org or https://example.org/coach';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be the coach's public address, ${example}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// (or http://), ${example}`;
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return `must not have a ?query or #fragment, ${example}`;
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') return 'must name a host that browsers can reach (not 0.0.0.0)';
  return null;
}
