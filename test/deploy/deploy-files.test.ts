// The roll-out files the README's admin guide points at (deploy/): the systemd unit starts the command
// that exists, may write where the data file lives, and the reverse proxy passes every route the coach
// serves, without writing a wall's secret address to its access log.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(__dirname, '../..');
const unit = readFileSync(join(root, 'deploy/support-coach.service'), 'utf8');
const nginx = readFileSync(join(root, 'deploy/nginx-support-coach.conf'), 'utf8');
const setting = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];

test('the systemd unit runs `coach serve`, a command the CLI knows, and may write its data folder only', () => {
  const exec = setting('ExecStart')!;
  expect(exec).toMatch(/\/bin\/coach\.js serve$/);
  const help = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'help'], { encoding: 'utf8' });
  expect(help.stdout).toMatch(/^\s+serve\s/m);
  const dataFile = unit.match(/^Environment=COACH_DATA_FILE=(.*)$/m)![1]!;
  expect(setting('ReadWritePaths')).toBe(dirname(dataFile));
  expect(setting('ProtectSystem')).toBe('strict');
  expect(setting('NoNewPrivileges')).toBe('true');
  expect(setting('KillSignal')).toBe('SIGTERM');
  expect(Number(setting('TimeoutStopSec'))).toBeGreaterThanOrEqual(10); // the stop answers acknowledged commands (up to 5 s)
  expect(unit).toMatch(/^\[Install\]\nWantedBy=multi-user\.target$/m);
});

test('nginx passes each route of the coach, keeps /healthz local and never logs a wall address', () => {
  const location = (path: string) => {
    const m = nginx.match(new RegExp(`location (?:= )?${path.replace(/\//g, '\\/')} \\{([^}]*)\\}`));
    return m?.[1];
  };
  for (const path of ['/slack/events', '/slack/install', '/slack/oauth_redirect', '/api/messages', '/healthz', '/wall/', '/playbooks/', '/web/']) {
    expect(location(path)).toContain('proxy_pass http://127.0.0.1:3000;');
  }
  expect(location('/healthz')).toContain('deny all;');
  expect(location('/slack/oauth_redirect')).toContain('access_log off;'); // a one-time code in the query
  expect(location('/wall/')).toContain('access_log off;');
  expect(location('/wall/')).toContain('proxy_buffering off;'); // server-sent events
  expect(location('/')).toContain('return 404;');
});
