// kill -9 in the middle of a burst of updates loses nothing that was confirmed, and leaves valid JSON and
// a score log holding at least every confirmed event (an unconfirmed tail is cut off at the next open).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openJsonStore } from '../../src/store/json-store.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { tempDir } from './tmp.js';

const root = join(__dirname, '../..');
const child = join(__dirname, 'fixtures', 'crash-child.mjs');

test('SIGKILL mid-burst: every confirmed update is on disk, the file is valid JSON', async () => {
  expect(existsSync(join(root, 'dist/store/json-store.js'))).toBe(true); // `npm test` builds dist/ first
  const file = join(tempDir(), 'coach.json');
  const proc = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  const confirmed = new Set<number>();
  let stderr = '';
  let pending = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 500 confirmations within 15 s (${confirmed.size}); stderr: ${stderr}`)), 15_000);
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the child exited on its own (${code ?? signal}); stderr: ${stderr}`));
      });
      proc.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          const m = /^confirmed (\d+)$/.exec(line);
          if (m) confirmed.add(Number(m[1]));
        }
        if (confirmed.size >= 500) {
          clearTimeout(timer);
          proc.kill('SIGKILL');
          resolve();
        }
      });
    });
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await closed; // every line it printed has been read, and the process is reaped (its lock is stale)
  }
  expect(proc.signalCode).toBe('SIGKILL');

  const data = JSON.parse(readFileSync(file, 'utf8'));
  const members: Record<string, unknown> = data.workspaces.crash.members;
  const missing = [...confirmed].filter((n) => !(`u${n}` in members));
  expect(missing).toEqual([]);
  expect(data.workspaces.crash.scoreLog).toEqual([]); // the events are in the log, not the document

  // The log: the first logEntries lines are exactly the document's updates, each once; after them at most
  // the lines of a batch whose data-file write the kill interrupted (and maybe a torn last line).
  const text = readFileSync(scoreLogFile(file), 'utf8');
  const lines = text.split('\n');
  const torn = lines.pop()!; // '' when the file ends with a newline
  expect(lines.length).toBeGreaterThanOrEqual(data.logEntries);
  const recorded = lines.slice(0, data.logEntries).map((l) => JSON.parse(l) as { workspace: string; reason: string; user: string });
  expect(recorded.every((e) => e.workspace === 'crash')).toBe(true);
  const reasons = recorded.map((e) => e.reason);
  expect(new Set(reasons).size).toBe(reasons.length); // nothing twice
  expect(reasons.length).toBe(Object.keys(members).length); // one event per recorded update, no more
  expect(recorded.every((e) => e.user in members)).toBe(true);
  const inLog = new Set(reasons.map(Number));
  expect([...confirmed].filter((n) => !inLog.has(n))).toEqual([]);

  const warned: string[] = [];
  const store = await openJsonStore(file, { backupsKept: 0, warn: (m) => void warned.push(m) });
  expect(store.read((d) => Object.keys(d.workspaces.crash!.members).length)).toBeGreaterThanOrEqual(confirmed.size);
  const log = await store.readLog('crash');
  expect(log.map((e) => e.reason)).toEqual(reasons);
  await store.close();
  // Reopened: the log holds exactly the confirmed lines, the unconfirmed tail is gone.
  expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(lines.slice(0, data.logEntries).map((l) => l + '\n').join(''));
  if (lines.length > data.logEntries || torn !== '') expect(warned.join('\n')).toContain('dropped from the end of its score log');
}, 20_000);
