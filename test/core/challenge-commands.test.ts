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
  const term = async (text: string, user = 'ADMIN') => (await coach.engine.handle(ask(text, { user, channel: 'C1', platform: 'terminal' }))).map(plain).join('\n');
  // The terminal names people by bare name (with or without @).
  expect(await term('/coach award bob 5 belle entraide')).toContain('+5 points à bob : belle entraide. Total : 5 points.');
  expect(await term('/coach award @bob -4 oubli')).toContain('-4 points à bob : oubli. Total : 1 point.');
  expect(await term('/coach award @bob 3 rattrapage')).toContain('+3 points à bob : rattrapage. Total : 4 points.');
  // Slack and Teams write a mention as @ID and name it in request.mentions.
  const carla = await coach.engine.handle(ask('/coach award @U42 1 bon suivi', { user: 'ADMIN', channel: 'C1', platform: 'slack', mentions: [{ id: 'U42', name: 'carla' }] }));
  expect(carla.map(plain).join('\n')).toContain('+1 point à carla : bon suivi. Total : 1 point.');
  expect(await term('/coach award @bob 1000 trop')).toContain('Utilisation : /coach award');
  expect(await term('/coach award @bob 5')).toContain('Utilisation');
  expect(await term('/coach award @bob 0 rien')).toContain('Utilisation');
  expect(await term('/coach award @bob 2.5 demi')).toContain('Utilisation');
  const log = await coach.stores('T1').readLog();
  expect(log.map((e) => [e.user, e.delta, e.kind, e.reason, e.by])).toEqual([
    ['bob', 5, 'award', 'belle entraide', 'ADMIN'], ['bob', -4, 'award', 'oubli', 'ADMIN'], ['bob', 3, 'award', 'rattrapage', 'ADMIN'], ['U42', 1, 'award', 'bon suivi', 'ADMIN'],
  ]);
  expect(await say('/leaderboard', 'bob')).toMatch(/1\. bob · 4 pts/);
  expect(await say('/coach optout', 'bob')).toContain('classements publics');
  const board = await say('/leaderboard', 'bob');
  expect(board).not.toMatch(/• \d+\. bob/);
  expect(board).toContain('Vous : #1 cette semaine (4 pts), #1 au total (4 pts), 0 réponse, série de 0.');
});

test('award on Slack and Teams: only a real mention gets points; never oneself, never a bot', async () => {
  const members = () => coach.stores('T1').read((ws) => Object.keys(ws.members));
  const award = async (text: string, platform: 'slack' | 'teams', mentions?: { id: string; name?: string; bot?: boolean }[], lang = 'fr') => {
    if (lang === 'en') await coach.engine.handle(ask('/coach lang en', { user: 'ADMIN', platform }));
    const replies = await coach.engine.handle(ask(text, { user: 'ADMIN', channel: 'C1', platform, ...(mentions ? { mentions } : {}) }));
    if (lang === 'en') await coach.engine.handle(ask('/coach lang fr', { user: 'ADMIN', platform }));
    return replies.map(plain).join('\n');
  };
  for (const platform of ['slack', 'teams'] as const) {
    // A bare name, or @name typed as text: no phantom member, the usage text with the reason.
    for (const who of ['carol', '@carol', 'Carol', '@U0C']) {
      const reply = await award(`/coach award ${who} 5 merci`, platform);
      expect(reply).toContain(`« ${who} » n’est pas une mention : nommez la personne avec @`);
      expect(reply).toContain('Utilisation : /coach award @membre N raison');
    }
    // The mention of someone else (an id listed in mentions) is no licence for another id.
    expect(await award('/coach award @U0D 5 merci', platform, [{ id: 'U0C', name: 'Carol' }])).toContain('n’est pas une mention');
    // Oneself, and bots, whatever the way they are named.
    expect(await award('/coach award @ADMIN 5 moi', platform, [{ id: 'ADMIN', name: 'Ada' }])).toContain('Vous ne pouvez pas vous donner des points à vous-même');
    expect(await award('/coach award @ADMIN 5 me', platform, [{ id: 'ADMIN', name: 'Ada' }], 'en')).toContain('You cannot give points to yourself');
    expect(await award('/coach award @UBOT 5 merci', platform, [{ id: 'UBOT', name: 'coach', bot: true }])).toContain('coach est un bot : les points vont aux membres de l’équipe.');
    expect(await award('/coach award @USLACKBOT 5 thanks', platform, [{ id: 'USLACKBOT', bot: true }], 'en')).toContain('unnamed member is a bot: points go to team members.');
  }
  expect(members()).not.toEqual(expect.arrayContaining(['carol']));
  expect(members()).toEqual(['ADMIN']); // from /coach lang only
  expect(await coach.stores('T1').readLog()).toEqual([]);
  // In the terminal, oneself is refused too.
  expect((await coach.engine.handle(ask('/coach award ADMIN 5 moi', { user: 'ADMIN', platform: 'terminal' }))).map(plain).join('\n')).toContain('Vous ne pouvez pas vous donner des points');
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
  const listener = new ChannelListener(coach.library, coach.router, coach.port, 'fr', () => clock.now().getTime());
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
  const deps = { engine: coach.engine, commands: coach.commands, listener: {} as ChannelListener, library: coach.library, stores: coach.stores, port: coach.port, clock, timeZone: 'America/Toronto', logger: silentLogger };
  const socket = createSlackApp({ botToken: 'xoxb-1', appToken: 'xapp-1-A-1-abc' }, deps);
  expect(socket.httpHandler).toBeUndefined();
  const http = createSlackApp({ botToken: 'xoxb-1', signingSecret: 'a1b2c3d4e5f60718' }, deps);
  expect(typeof http.httpHandler).toBe('function');
});
