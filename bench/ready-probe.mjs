// Started as its own process by bench/routing.mjs: time from process start until the coach is ready to
// answer (content loaded and validated, router trained, engine built), and memory at that point.
import { buildCoach } from '../dist/app/build-coach.js';

const coach = buildCoach({ contentDir: new URL('../content', import.meta.url).pathname, defaultLang: 'fr' });
await coach.engine.handle({ workspace: 'local', channel: 'bench', user: 'bench', text: '/playbook panne' });
const readyMs = performance.now();
const cpu = process.cpuUsage();
globalThis.gc?.();
process.stdout.write(JSON.stringify({ readyMs, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1048576 }) + '\n');
