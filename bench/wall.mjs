// npm run bench:wall — the team walls under load, the coach in its own process on 127.0.0.1:
//  - first render of a wall page (server time, from its Server-Timing header) with 50 walls open and
//    receiving updates (one answer every 20 ms, spread over the walls);
//  - the delay from an answer to the wall's stream carrying it (target < 1 s);
//  - memory per open wall (heap and RSS of the coach, after GC, with and without the 50 walls open).
// Bounded in count and time; the child never outlives the bench. Prints figures; asserts nothing.
import { fork } from 'node:child_process';

const WALLS = 50;
const RENDERS = 500;
const DELAYS = 200;
const UPDATE_EVERY_MS = 20;
const DEADLINE_MS = 5 * 60_000;

const child = fork(new URL('./wall-server.mjs', import.meta.url).pathname, [], {
  execArgv: ['--expose-gc'], env: { ...process.env, WALLS: String(WALLS) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
process.on('exit', () => child.kill('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const deadline = setTimeout(() => { console.error(`bench:wall did not finish within ${DEADLINE_MS / 1000} s`); process.exit(1); }, DEADLINE_MS);
deadline.unref();

let ids = 0;
const pending = new Map();
child.on('message', (msg) => { pending.get(msg.id)?.(msg); pending.delete(msg.id); });
const ask = (msg) => new Promise((resolve) => { const id = ++ids; pending.set(id, resolve); child.send({ ...msg, id }); });
const { walls } = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`the coach exited (${code})`)));
});

/** A wall's live stream: the answer count of each state it receives, and who waits for which count. */
async function openWall(url) {
  const controller = new AbortController();
  const res = await fetch(`${url}/events`, { signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream refused: ${res.status}`);
  const wall = { url, count: -1, waiters: [], close: () => controller.abort() };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m = /data-answers=\\"(\d+)\\"/.exec(block);
          if (block.startsWith('event: state') && m) {
            wall.count = Number(m[1]);
            const now = performance.now();
            wall.waiters = wall.waiters.filter((w) => (wall.count >= w.count ? (w.resolve(now), false) : true));
          }
        }
      }
    } catch { /* closed */ }
  })();
  return wall;
}
const waitForCount = (wall, count) => new Promise((resolve) => {
  if (wall.count >= count) resolve(performance.now());
  else wall.waiters.push({ count, resolve });
});

const before = await ask({ type: 'memory' });
const open = await Promise.all(walls.map((w) => openWall(w.url)));
await Promise.all(open.map((w) => new Promise((resolve) => { const check = () => (w.count >= 0 ? resolve() : setTimeout(check, 10)); check(); })));
const during = await ask({ type: 'memory' });

// Background updates: one answer every 20 ms, round-robin over the walls.
let updating = true;
let updates = 0;
const background = (async () => {
  while (updating) {
    const i = updates++ % WALLS;
    await Promise.all([ask({ type: 'answer', channel: walls[i].channel }), new Promise((r) => setTimeout(r, UPDATE_EVERY_MS))]);
  }
})();

// First render of a page, as a TV opening its wall: the server's own render time, and the full response on loopback.
const renders = [];
const responses = [];
for (let i = 0; i < RENDERS; i++) {
  const start = performance.now();
  const res = await fetch(walls[i % WALLS].url);
  await res.arrayBuffer();
  responses.push(performance.now() - start);
  renders.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
}

// From an answer sent to the coach to the wall's stream showing it.
const delays = [];
for (let i = 0; i < DELAYS; i++) {
  const wall = open[(i * 7) % WALLS];
  const channel = walls[(i * 7) % WALLS].channel;
  const target = wall.count + 1;
  const start = performance.now();
  const shown = waitForCount(wall, target);
  await ask({ type: 'answer', channel });
  delays.push((await shown) - start);
}
updating = false;
await background;
const after = await ask({ type: 'memory' });
for (const w of open) w.close();
await ask({ type: 'stop' });

const q = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (v) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
console.log(`${WALLS} walls open (one stream each) in one workspace of ${WALLS} channels × 20 members, ${updates} answers in the background (one every ${UPDATE_EVERY_MS} ms), 127.0.0.1`);
console.log(`first render of a wall page, server time (Server-Timing), ${RENDERS} pages: p50 ${ms(q(renders, 0.5))}, p99 ${ms(q(renders, 0.99))}, max ${ms(Math.max(...renders))}; whole response on loopback p99 ${ms(q(responses, 0.99))}`);
console.log(`answer → wall stream shows it, ${DELAYS} answers: p50 ${ms(q(delays, 0.5))}, p99 ${ms(q(delays, 0.99))}, max ${ms(Math.max(...delays))} (target < 1 s)`);
console.log(`memory per open wall: ${((during.heapUsed - before.heapUsed) / WALLS / 1024).toFixed(1)} KB heap, ${((during.rss - before.rss) / WALLS / 1024).toFixed(0)} KB RSS (coach: heap ${mb(before.heapUsed)} → ${mb(during.heapUsed)}, RSS ${mb(before.rss)} → ${mb(during.rss)} with ${during.streams} streams open; ${mb(after.heapUsed)} heap after the run)`);
