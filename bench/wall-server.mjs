// The coach side of `npm run bench:wall`, in its own process (run with --expose-gc): a coach on a temporary
// data file with WALLS team channels in one workspace, each with a wall, today's challenge and MEMBERS
// members who answered, its web pages on 127.0.0.1. The bench drives it over IPC: answer, memory, stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../dist/app/logger.js';
import { openCoach } from '../dist/app/open-coach.js';
import { loadConfig } from '../dist/config.js';
import { startWebServer } from '../dist/web/web-server.js';

const WALLS = Number(process.env.WALLS ?? 50);
const MEMBERS = Number(process.env.MEMBERS ?? 20);
const BASE = 'http://wall.bench';
const dir = mkdtempSync(join(tmpdir(), 'coach-bench-wall-'));
const loaded = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'ADMIN', COACH_BASE_URL: BASE, HOST: '127.0.0.1', PORT: '0' });
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const coach = await openCoach(loaded.config);
const web = await startWebServer(loaded.config, coach, silentLogger);
const origin = `http://127.0.0.1:${web.address.port}`;

const say = (channel, user, text, userName) => coach.engine.handle({ workspace: 'B1', channel, user, userName, platform: 'slack', text });
const bestChoice = (channel) => {
  const current = coach.challenges.current(coach.stores('B1').read((ws) => ws), channel);
  return coach.challenges.scenario(current.scenarioId).fr.choices.findIndex((c) => c.best) + 1;
};

const walls = [];
for (let i = 0; i < WALLS; i++) {
  const channel = `C${i}`;
  const [reply] = await say(channel, 'ADMIN', '/coach wall');
  walls.push({ channel, url: reply.actions.find((a) => a.url).url.replace(BASE, origin) });
  await say(channel, 'ADMIN', '/coach post');
  await Promise.all(Array.from({ length: MEMBERS }, (_, m) => say(channel, `U${i}-${m}`, `/answer ${1 + (m % 4)}`, `Membre ${i}-${m}`)));
}

let next = 0;
process.on('message', async (msg) => {
  if (msg.type === 'answer') {
    // A new member answers with the best choice: the wall's count and board both change.
    await say(msg.channel, `N${next++}`, `/answer ${bestChoice(msg.channel)}`, `Nouveau ${next}`);
    process.send({ id: msg.id });
  } else if (msg.type === 'memory') {
    for (let i = 0; i < 3; i++) globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ id: msg.id, rss, heapUsed, ...web.pages.hub.stats() });
  } else if (msg.type === 'stop') {
    await web.stop();
    await coach.store.close();
    rmSync(dir, { recursive: true, force: true });
    process.send({ id: msg.id });
    process.exit(0);
  }
});
process.send({ type: 'ready', walls });
