// Admin and member commands through the engine, on a real store in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { createSlackApp } from '../../src/adapters/slack/slack-app.js';
import { ChannelListener } from '../../src/core/channel-listener.js';
import type { Message } from '../../src/core/message.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { ask, plain, root } from '../helpers.js';

let dir: string;
let coach: OpenCoach;
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z')); // Monday 08:00 in Toronto

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-cmds-'));
  const config = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN' });
  if (!config.ok) throw new Error(config.errors.join());
  coach = await openCoach(config.config, { clock });
});
afterEach(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const say = async (text: string, user = 'ADMIN', channel = 'C1') => (await coach.engine.handle(ask(text, { user, channel, platform: 'slack' }))).map(plain).join('\n---\n');

test('every admin command politely refuses non-admins', async () => {
  for (const cmd of ['post', 'reveal', 'schedule on', 'pause 2100-03-02', 'unpause 2100-03-02', 'award @bob 5 merci', 'listen off']) {
    expect(await say(`/coach ${cmd}`, 'U1')).toContain(`seuls les administrateurs du coach peuvent utiliser /coach ${cmd.split(' ')[0]}`);
  }
});

test('schedule: custom cron and time zone, bad cron and bad zone explained, off', async () => {
  expect(await say('/coach schedule 30 8 * * 1-5 America/Vancouver')).toMatch(/« 30 8 \* \* 1-5 » \(America\/Vancouver\)/);
  expect(await say('/coach schedule')).toMatch(/actif/);
  expect(await say('/coach schedule 99 9 * * *')).toContain('Horaire invalide');
  expect(await say('/coach schedule 0 9 * * 1-5 Mars/Olympus')).toContain('Fuseau horaire inconnu');
  expect(await say('/coach schedule off')).toContain('désactivés');
  expect(await say('/coach schedule')).toMatch(/inactif/);
});

test('pause skips a date; unpause restores it', async () => {
  await say('/coach schedule on');
  expect(await say('/coach pause 2100-03-01 2100-03-02')).toContain('2100-03-01, 2100-03-02');
  expect(await say('/coach schedule')).toContain('mercredi 3 mars');
  await say('/coach unpause 2100-03-01');
  expect(await say('/coach schedule')).toContain('lundi 1 mars');
  expect(await say('/coach pause demain')).toContain('AAAA-MM-JJ');
});

test('award: logged with who and why, validated; opt-out hides from boards but not from oneself', async () => {
  expect(await say('/coach award @bob 5 belle entraide')).toContain('+5 point(s) à bob : belle entraide. Total : 5.');
  // Surfaces write a mention as @ID and name it in request.mentions.
  const carla = await coach.engine.handle(ask('/coach award @U42 3 bon suivi', { user: 'ADMIN', channel: 'C1', mentions: [{ id: 'U42', name: 'carla' }] }));
  expect(carla.map(plain).join('\n')).toContain('à carla');
  expect(await say('/coach award @bob 1000 trop')).toContain('Utilisation : /coach award');
  expect(await say('/coach award @bob 5')).toContain('Utilisation');
  const log = await coach.stores('T1').readLog();
  expect(log.map((e) => [e.user, e.delta, e.kind, e.reason, e.by])).toEqual([['bob', 5, 'award', 'belle entraide', 'ADMIN'], ['U42', 3, 'award', 'bon suivi', 'ADMIN']]);
  expect(await say('/leaderboard', 'bob')).toMatch(/1\. bob · 5 pts/);
  expect(await say('/coach optout', 'bob')).toContain('classements publics');
  const board = await say('/leaderboard', 'bob');
  expect(board).not.toMatch(/• \d+\. bob/);
  expect(board).toContain('Vous : #1 cette semaine (5 pts)');
});

test('/scenario before and after a post; /answer without a challenge', async () => {
  expect(await say('/scenario', 'U1')).toContain('Aucun défi');
  expect(await say('/answer 1', 'U1')).toContain('Aucun défi');
  await say('/coach post');
  expect(await say('/scenario', 'U1')).toContain('Défi du jour');
  expect(await say('/answer 9', 'U1')).toContain('Il n’y a pas d’option 9');
  expect(await say('/answer', 'U1')).toContain('/answer N');
});

test('channel listening can be turned off per channel by an admin', async () => {
  const listener = new ChannelListener(coach.library, coach.router, coach.stores, 'fr', () => clock.now().getTime());
  const situation = { ...ask('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents'), channel: 'CL' };
  const posted: Message[] = [];
  const post = async (offer: Message) => void posted.push(offer);
  expect(await say('/coach listen off', 'ADMIN', 'CL')).toContain('n’offrirai plus');
  expect(await listener.offer(situation, post)).toBe(false);
  await say('/coach listen on', 'ADMIN', 'CL');
  expect(await listener.offer(situation, post)).toBe(true);
  expect(posted.map((m) => m.actions?.[0]?.value)).toEqual(['/playbook outage']);
  expect(await listener.offer(situation, post)).toBe(false); // 30-minute cool-down
});

test('Socket Mode: with an app token the Slack app needs no HTTP route', () => {
  const deps = { engine: coach.engine, commands: coach.commands, listener: {} as ChannelListener, library: coach.library, stores: coach.stores, clock, timeZone: 'America/Toronto', logger: silentLogger };
  const socket = createSlackApp({ botToken: 'xoxb-1', appToken: 'xapp-1-A-1-abc' }, deps);
  expect(socket.httpHandler).toBeUndefined();
  const http = createSlackApp({ botToken: 'xoxb-1', signingSecret: 'a1b2c3d4e5f60718' }, deps);
  expect(typeof http.httpHandler).toBe('function');
});
