// The terminal chat with COACH_BASE_URL set, as a local team lead uses it: the pages are served beside the
// chat, `/coach wall` prints the address, the wall follows what is typed, and playbook replies print their
// page's address. A real `coach shell` process with piped stdin, on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

const BASE = 'https://coach.example.org';

test('coach shell serves the wall and the playbook pages, and prints their addresses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coach-web-shell-'));
  const env = { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_BASE_URL: BASE, HOST: '127.0.0.1', PORT: '0', COACH_ADMINS: '', COACH_LANG: 'fr', COACH_CONTENT_DIR: '' };
  const child = spawn(process.execPath, [join(root, 'bin/coach.js'), 'shell'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  /** Waits (bounded) until `pattern` shows in the output. */
  const seen = async (pattern: RegExp, stream: () => string = () => out): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 200; i++) {
      const m = stream().match(pattern);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${pattern} not seen in:\n${out}\n${err}`);
  };
  const type = (line: string) => child.stdin.write(`${line}\n`);
  try {
    const port = (await seen(/served on http:\/\/127\.0\.0\.1:(\d+)/, () => err))[1];
    const local = (url: string) => url.replace(BASE, `http://127.0.0.1:${port}`);
    type('/coach wall');
    const wall = local((await seen(new RegExp(`Ouvrir le mur : (${BASE}/wall/[A-Za-z0-9_-]{43})`)))[1]!);
    const state = async () => (await (await fetch(`${wall}/state`)).json()) as { html: string };
    expect((await state()).html).toContain('Pas de défi aujourd’hui.');
    type('/coach post');
    await seen(/Défi du jour ·/);
    type('/coach award alice 3 bon suivi'); // points this week: alice is on the board whatever she answers
    await seen(/\+3 points à alice/);
    type('/as alice');
    type('/answer je vais la voir calmement et je vérifie avec elle');
    await seen(/Réponse enregistrée|points couverts|\/10/);
    for (let i = 0; i < 100 && !(await state()).html.includes('data-answers="1"'); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await state()).html).toContain('data-answers="1"');
    expect((await state()).html).toContain('alice');
    type('/playbook panne');
    const page = (await seen(new RegExp(`Ouvrir dans le navigateur : (${BASE}/playbooks/outage\\?lang=fr)`)))[1]!;
    const res = await fetch(local(page));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Panne d’un serveur ou d’un service');
    type(`/as ${userInfo().username || 'local-user'}`);
    type('/coach wall revoke');
    await seen(/Le mur de ce canal est révoqué/);
    expect((await fetch(wall)).status).toBe(404);
    type('/quit');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
