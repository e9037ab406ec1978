// The coach CLI as an operator runs it against PostgreSQL: bin/coach.js spawned with DATABASE_URL (and a
// data file that does not exist, so nothing can fall back to it), `input` typed on stdin, killed after 30 s.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Runs `coach ARGS…` on the database at `url`; its exit status and output. */
export function coachOnDatabase(url: string, args: string[], input = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: url, COACH_DATA_FILE: '/nonexistent/never-used.json' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
