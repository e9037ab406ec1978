// `coach start` as a child process with platform settings: waits (bounded) for the ready log line, then
// gives its port, its logs, its data folder, a clean stop (SIGTERM) and a cleanup. Only the platform
// settings given are set: any in the caller's environment are removed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

const PLATFORM_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE', 'TEAMS_ALLOW_ANONYMOUS'];

/**
 * `until`: `ready` (default) waits for the server to serve every platform; `listening` only for its port
 * (a platform may still be connecting: Slack unreachable).
 */
export async function startServer(env: Record<string, string>, options: { until?: 'ready' | 'listening' } = {}) {
  const line = options.until === 'listening' ? 'support coach listening' : 'support coach ready';
  const dir = mkdtempSync(join(tmpdir(), 'coach-serve-'));
  const base = { ...process.env };
  for (const k of PLATFORM_VARIABLES) delete base[k];
  const child = spawn(process.execPath, [join(root, 'bin/coach.js'), 'start'], {
    cwd: root,
    env: { ...base, HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** The exit code, whenever the child exits (on its own or stopped). */
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let logs = '';
  child.stdout.on('data', (d) => (logs += d));
  child.stderr.on('data', (d) => (logs += d));
  const cleanup = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => { clearInterval(check); reject(new Error(`not ready: ${logs}`)); }, 15_000);
      const check = setInterval(() => {
        const m = logs.split('\n').find((l) => l.includes(`"msg":"${line}"`))?.match(/"port":(\d+)/);
        if (m) { clearTimeout(timer); clearInterval(check); resolve(Number(m[1])); }
      }, 50);
    });
  } catch (err) {
    cleanup();
    throw err;
  }
  /** SIGTERM, then the exit code. */
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { port, dir, logs: () => logs, stop, exited, cleanup };
}
