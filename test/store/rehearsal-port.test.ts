// The terminal rehearsal reads the real team through the store port (issue 13): its copy is built from
// WorkspacePort.channels and listMembers, so the real data may be on PostgreSQL (a real server here) while
// the scratch copy is a JSON file. Settings are copied (schedule, language, names), history is not
// (challenges, totals, incidents, walls, practice), and the real data is never written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { openRehearsal, rehearsalCopy } from '../../src/app/rehearsal.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import type { StorePort } from '../../src/store/port.js';
import { jsonPort } from '../../src/store/json-port.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { root } from '../helpers.js';

const at = new Date('2100-03-01T13:00:00Z');

/** The real terminal team: a scheduled channel with a challenge, scores, an incident and a wall; two members. */
async function realTeam(port: StorePort): Promise<void> {
  const ws = port.workspace('local');
  await ws.updateChannel('terminal', (s) => { s.platform = 'terminal'; s.lang = 'en'; s.scheduledSince = '2099-01-01T00:00:00.000Z'; s.schedule = { cron: '30 8 * * 1-5', timezone: 'America/Toronto' }; s.pausedDates = ['2100-03-03']; });
  await ws.createChallenge('terminal', { id: '2099-12-01-lost-mouse', scenarioId: 'lost-mouse', day: '2099-12-01', postedAt: '2099-12-01T14:00:00.000Z', revealAt: null },
    { expectLatest: null, rotation: { order: ['lost-mouse', 'x'], next: 1 }, choiceCount: () => 4 });
  await ws.award('terminal', { user: 'lead', delta: 5, kind: 'award', reason: 'merci', by: 'lead', at: '2099-12-01T15:00:00.000Z', week: '2099-W48', name: 'Léa Lead' });
  await ws.updateMember('zoe', (m) => { m.name = 'Zoé'; m.lang = 'fr'; m.practice = { attempts: [] } as never; }, { create: true });
  await ws.setWall('terminal', { tokenHash: 'c'.repeat(64), createdAt: '2099-12-01T15:00:00.000Z', createdBy: 'lead' });
  await port.workspace('other').updateMember('stranger', (m) => { m.name = 'Stranger'; }, { create: true });
}

test('rehearsalCopy keeps settings and drops history', () => {
  const copy = rehearsalCopy([{ id: 'c', platform: 'terminal', scheduledSince: '2099-01-01T00:00:00.000Z', pausedDates: [], rotation: { order: ['a'], next: 1 }, challenges: [{} as never] } as never], { u: { name: 'U', practice: {} as never } }, at);
  expect(copy).toEqual({ channels: { c: { platform: 'terminal', scheduledSince: at.toISOString(), pausedDates: [], rotation: { order: [], next: 0 } } }, members: { u: { name: 'U' } } });
});

describePg('a rehearsal of a team kept on PostgreSQL', () => {
  let db: TestDatabase;
  let dir: string;
  let pg: PgPort;
  let real: OpenCoach;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db.url);
    pg = pgPort(db.url, { poolSize: 2 });
    await realTeam(pg);
    dir = mkdtempSync(join(tmpdir(), 'coach-rehearsal-port-'));
  }, 60_000);
  afterAll(async () => {
    await pg?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the scratch JSON copy has the real team’s settings read from the database, and none of its history', async () => {
    const loaded = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'lead', COACH_HOLIDAYS: 'none' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    // The session's coach, with the database as its store port (what openCoach gives once it serves PostgreSQL).
    const session = await openCoach(loaded.config);
    real = { ...session, port: pg };
    const before = { log: await pg.readLog(), listed: await pg.workspace('local').listMembers(10) };
    expect(Object.keys(before.listed)).toEqual(['lead', 'zoe']);
    const room = await openRehearsal(loaded.config, real, at, 'lead');
    try {
      const scratch = room.coach.port.workspace('local');
      const channel = (await scratch.channel('terminal'))!;
      expect(channel).toMatchObject({ platform: 'terminal', lang: 'en', scheduledSince: at.toISOString(), schedule: { cron: '30 8 * * 1-5', timezone: 'America/Toronto' }, pausedDates: ['2100-03-03'], rotation: { order: [], next: 0 }, challenges: [] });
      expect(await room.scheduled('terminal')).toBe(true);
      expect(await scratch.listMembers(10)).toEqual({ lead: { name: 'Léa Lead' }, zoe: { name: 'Zoé', lang: 'fr' } });
      expect(await scratch.totals('terminal', 'lead')).toBeNull();
      expect(await scratch.wall('terminal')).toBeNull();
      expect(await room.coach.port.readLog()).toEqual([]);
      expect(await room.coach.port.workspaces()).toEqual(['local']);
    } finally {
      await room.close();
      await session.port.close();
    }
    // The real data was only read.
    expect(await pg.readLog()).toEqual(before.log);
    expect((await pg.workspace('local').challenge('terminal', null))?.id).toBe('2099-12-01-lost-mouse');
  });
});

test('listMembers on the JSON port: by id, at most the limit; a limit out of range is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coach-list-members-'));
  const port = jsonPort(await openJsonStore(join(dir, 'coach.json'), { backupsKept: 0, warn: () => undefined }));
  try {
    await realTeam(port);
    expect(Object.keys(await port.workspace('local').listMembers(1))).toEqual(['lead']);
    expect(await port.workspace('nobody').listMembers(5)).toEqual({});
    await expect(port.workspace('local').listMembers(0)).rejects.toThrow(RangeError);
  } finally {
    await port.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
