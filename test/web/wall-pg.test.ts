// The wall page on PostgreSQL (issue 13): served over HTTP on 127.0.0.1 with the store port on a real
// server (test/support/postgres.ts). The token's hash finds the wall (wallByTokenHash, across workspaces,
// each token opening only its own channel), then the page shows that channel's challenge, answer count and
// week board read by port queries; an answer recorded through the port reaches an open stream; the votes
// appear after the reveal; a revoked wall is a 404 and its stream is told it is gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { streakBonus } from '../../src/domain/scores.js';
import { ManualClock } from '../../src/domain/time.js';
import { portWithChangeFeed } from '../../src/store/change-feed.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import type { StorePort } from '../../src/store/port.js';
import { hashToken, newWallToken } from '../../src/web/tokens.js';
import { startWebServer, type WebServer } from '../../src/web/web-server.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { root } from '../helpers.js';
import { MONDAY_8AM, openStream } from './web-fixture.js';

const DAY = '2100-03-01';
const CHALLENGE = `${DAY}-lost-mouse`;

describePg('the wall page on PostgreSQL', () => {
  let db: TestDatabase;
  let pg: PgPort;
  let dir: string;
  let session: OpenCoach;
  let port: StorePort;
  let web: WebServer;
  let origin: string;
  const tokens: Record<string, string> = {};

  const answer = (user: string, name: string, choice: number | null, score: number) => port.workspace('T1').recordAnswer('C1', {
    challengeId: CHALLENGE, user, name, answer: { at: '2100-03-01T13:30:00.000Z', choice, covered: [], missed: [], flags: [], score }, week: '2100-W09',
    streak: (p, d, day, pts) => streakBonus(p ?? undefined, d, day, pts),
  });

  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db.url);
    pg = pgPort(db.url, { poolSize: 4 });
    dir = mkdtempSync(join(tmpdir(), 'coach-wall-pg-'));
    const loaded = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN', COACH_BASE_URL: 'https://coach.example.org', HOST: '127.0.0.1', PORT: '0', COACH_HOLIDAYS: 'none' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    session = await openCoach(loaded.config, { clock: new ManualClock(MONDAY_8AM) });
    // The coach's content and domain, with the database as its store port (as once openCoach serves PostgreSQL).
    port = portWithChangeFeed(pg, session.changes);
    for (const [team, name] of [['T1', 'support-n1'], ['T2', 'support-globex']] as const) {
      await port.workspace(team).updateChannel('C1', (s) => { s.name = name; s.lang = 'fr'; s.platform = 'slack'; });
      tokens[team] = newWallToken();
      await port.workspace(team).setWall('C1', { tokenHash: hashToken(tokens[team]!), createdAt: MONDAY_8AM.toISOString(), createdBy: 'ADMIN' });
    }
    const posted = await port.workspace('T1').createChallenge('C1', { id: CHALLENGE, scenarioId: 'lost-mouse', day: DAY, postedAt: '2100-03-01T12:55:00.000Z', revealAt: null },
      { expectLatest: null, rotation: { order: ['lost-mouse'], next: 1 }, choiceCount: () => 4 });
    expect(posted.kind).toBe('created');
    await answer('U2', 'Alice', 0, 80);
    web = await startWebServer(loaded.config, { ...session, port }, silentLogger, { hub: { coalesceMs: 10 } });
    origin = `http://127.0.0.1:${web.address.port}`;
  }, 60_000);

  afterAll(async () => {
    await web?.stop();
    await session?.port.close();
    await pg?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = async (team: string) => {
    const res = await fetch(`${origin}/wall/${tokens[team]}/state`);
    return { status: res.status, body: (await res.json()) as { html?: string } };
  };

  test('each token opens its own workspace’s channel, with its challenge, count and board read from the database', async () => {
    const page = await fetch(`${origin}/wall/${tokens.T1}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('support-n1');
    const one = (await stateOf('T1')).body.html!;
    expect(one).toContain('La souris dans la main');
    expect(one).toContain('data-answers="1"');
    expect(one).toMatch(/<td class="name">Alice<\/td><td class="points">80<\/td>/);
    const other = (await stateOf('T2')).body.html!;
    expect(other).toContain('Pas de défi aujourd’hui.');
    expect(other).not.toContain('Alice');
    expect((await fetch(`${origin}/wall/${newWallToken()}`)).status).toBe(404);
    expect((await fetch(`${origin}/wall/${hashToken(tokens.T1!)}`)).status).toBe(404);
  });

  test('an answer recorded through the port reaches an open stream; votes show after the reveal; a revoked wall is gone', async () => {
    const stream = await openStream(`${origin}/wall/${tokens.T1}/events`);
    try {
      await stream.waitFor((e) => e.event === 'state' && e.data.includes('data-answers=\\"1\\"'));
      await answer('U3', 'Bruno', null, 40);
      await stream.waitFor((e) => e.event === 'state' && e.data.includes('Bruno'));
      await port.workspace('T1').markRevealed('C1', CHALLENGE, '2100-03-01T13:45:00.000Z');
      const revealed = await stream.waitFor((e) => e.event === 'state' && e.data.includes('data-votes'));
      expect([...revealed.data.matchAll(/data-votes=\\"(\d+)\\"/g)].map((m) => Number(m[1]))[0]).toBe(1);
      expect(revealed.data).toContain('data-own-words=\\"1\\"');
      await port.workspace('T1').setWall('C1', null);
      await stream.waitFor((e) => e.event === 'gone');
      expect((await stateOf('T1')).status).toBe(404);
      expect((await stateOf('T2')).status).toBe(200);
    } finally {
      stream.close();
    }
  });
});
