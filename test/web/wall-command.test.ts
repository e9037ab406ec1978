// `/coach wall` and `/coach wall revoke` through the engine, on a real store, with the pages served on
// 127.0.0.1: who may, what the reply says, what the data file keeps, and what the address then opens.
import { readFileSync } from 'node:fs';
import { openWebFixture, BASE, type WebFixture } from './web-fixture.js';

let f: WebFixture;
afterEach(async () => f?.close());

const status = async (url: string) => (await fetch(url)).status;

test('only admins get a wall; the reply is private, names the address and how to revoke it', async () => {
  f = await openWebFixture();
  expect(await f.sayText('/coach wall', { user: 'U1' })).toContain('seuls les administrateurs du coach peuvent utiliser /coach wall');
  expect(await f.sayText('/coach wall revoke', { user: 'U1', locale: 'en-US' })).toContain('only the coach’s admins can use /coach wall');
  const [reply, ...more] = await f.say('/coach wall');
  expect(more).toEqual([]);
  expect(reply!.visibility).toBe('private');
  const url = reply!.actions![0]!.url!;
  expect(url).toMatch(new RegExp(`^${BASE}/wall/[A-Za-z0-9_-]{43}$`));
  expect(reply!.sections[0]!.parts[0]).toEqual({ kind: 'text', text: expect.stringContaining(url) });
  expect(reply!.sections[0]!.parts[0]).toEqual({ kind: 'text', text: expect.stringContaining('/coach wall revoke') });
  expect(reply!.actions![0]!.label).toBe('Ouvrir le mur');
  expect(await status(f.local(url))).toBe(200);
});

test('the data file keeps only the hash of the token', async () => {
  f = await openWebFixture();
  const url = await f.makeWall();
  const token = url.split('/').at(-1)!;
  const file = readFileSync(f.config.dataFile, 'utf8');
  expect(file).not.toContain(token);
  const wall = JSON.parse(file).workspaces.T1.channels.C1.wall;
  expect(wall).toEqual({ tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/), createdAt: '2100-03-01T13:00:00.000Z', createdBy: 'ADMIN' });
});

test('a new address replaces the old one; revoke closes it; revoking twice says there is nothing left', async () => {
  f = await openWebFixture();
  const first = await f.makeWall();
  const second = await f.makeWall();
  expect(second).not.toBe(first);
  expect(await status(first)).toBe(404);
  expect(await status(second)).toBe(200);
  expect(await f.sayText('/coach wall revoke')).toContain('Le mur de ce canal est révoqué');
  expect(await status(second)).toBe(404);
  expect(await f.sayText('/coach wall revoke')).toContain('Ce canal n’a pas de mur à révoquer.');
  expect(await f.sayText('/coach wall revoke', { locale: 'en-US' })).toContain('This channel has no wall to revoke.');
  expect(await f.sayText('/coach wall please')).toContain('Utilisation : /coach wall');
  expect(await f.sayText('/coach wall revoke now')).toContain('Utilisation : /coach wall');
});

test('each channel has its own wall; one workspace’s wall never shows another’s members', async () => {
  f = await openWebFixture();
  const t1 = await f.makeWall('C1');
  const t1other = await f.makeWall('C2');
  const t2 = await f.makeWall('C1', { workspace: 'T2' });
  for (const [workspace, channel, user, name] of [['T1', 'C1', 'U1', 'Alice T1'], ['T1', 'C2', 'U2', 'Bruno C2'], ['T2', 'C1', 'U3', 'Carla T2']] as const) {
    await f.say('/coach post', { workspace, channel });
    // The best choice scores (a member with no points this week is not on the board).
    const current = f.coach.challenges.current(f.coach.stores(workspace).read((ws) => ws), channel)!;
    const best = f.coach.challenges.scenario(current.scenarioId)!.fr.choices.findIndex((c) => c.best) + 1;
    await f.say(`/answer ${best}`, { workspace, channel, user, userName: name });
  }
  const page = async (url: string) => (await fetch(url)).text();
  expect(await page(t1)).toContain('Alice T1');
  expect(await page(t1)).not.toMatch(/Bruno|Carla/);
  expect(await page(t1other)).toContain('Bruno C2');
  expect(await page(t1other)).not.toMatch(/Alice|Carla/);
  expect(await page(t2)).toContain('Carla T2');
  expect(await page(t2)).not.toMatch(/Alice|Bruno/);
  // Revoking in one channel leaves the others alone.
  await f.say('/coach wall revoke', { workspace: 'T2', channel: 'C1' });
  expect([await status(t1), await status(t1other), await status(t2)]).toEqual([200, 200, 404]);
});

test('without COACH_BASE_URL there is no address to give, and the reply says which setting is missing', async () => {
  f = await openWebFixture({ COACH_BASE_URL: '' });
  expect(await f.sayText('/coach wall')).toContain('COACH_BASE_URL');
  expect(await f.sayText('/coach wall', { locale: 'en-US' })).toContain('the server’s administrator must set COACH_BASE_URL');
});

test('the wall speaks the channel’s language; help lists the command for admins', async () => {
  f = await openWebFixture();
  const url = await f.makeWall('C9', { locale: 'en-US', channelName: 'helpdesk' });
  const text = await (await fetch(url)).text();
  expect(text).toContain('<html lang="en">');
  expect(text).toContain('Team wall · helpdesk');
  expect(text).toContain('No challenge today.');
  expect(await f.sayText('/coach help')).toContain('/coach wall revoke : la révoquer');
  expect(await f.sayText('/coach help', { locale: 'en-US' })).toContain('/coach wall revoke: revoke it');
});
