// A throwaway PostgreSQL cluster for the benchmarks (the tests' own is test/support/postgres.ts): initdb and
// pg_ctl in a temporary folder on a free loopback port, as the `postgres` user when run as root; or the
// server named by DATABASE_URL. stop() stops it and removes the folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  if (spawnSync('sh', ['-c', 'command -v initdb && command -v pg_ctl'], { stdio: 'ignore' }).status === 0) return '';
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
  const dir = versions.map((v) => join(base, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
  if (!dir) throw new Error('PostgreSQL server programs (initdb, pg_ctl) not found: install PostgreSQL or set DATABASE_URL');
  return dir;
}

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** utime + stime + the reaped children's (fields 14–17 of /proc/PID/stat), in ms (clock ticks of 10 ms); and the parent pid. */
function procStat(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10 };
  } catch {
    return null;
  }
}

/** CPU time (ms) used so far by the PostgreSQL server whose postmaster is `pid` and its processes (Linux). */
function serverCpuMs(pid) {
  let total = procStat(pid)?.cpuMs ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat?.ppid === pid) total += stat.cpuMs;
  }
  return total;
}

/**
 * { url, stop, cpuMs } for a fresh database; `settings` are extra `-c` server settings. cpuMs(): the CPU
 * time the server used so far (null with DATABASE_URL: not ours to watch).
 */
export async function benchDatabase(settings = []) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {}, cpuMs: () => null };
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'coach-bench-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (name, args) => {
    const program = bin ? join(bin, name) : name;
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale', 'C', '--no-sync']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200', ...settings.map((s) => `-c ${s}`)].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  const stop = () => {
    try { run('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w']); } catch { /* already stopped */ }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, cpuMs: () => serverCpuMs(postmaster) };
}
