// `/coach privacy` and `/coach forget` in the terminal chat (issue 16, item 5): a member sees what is kept
// about them; an admin is shown what would go and confirms; afterwards nothing of the member is left in the
// data file, its score log or today's backup, and the team keeps the points under a pseudonym.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-privacy-test-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[], lang: string) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'lead', COACH_LANG: lang, COACH_CONTENT_DIR: '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** Every file under `folder` whose text contains `needle`. */
function filesContaining(folder: string, needle: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => readFileSync(path, 'utf8').includes(needle));
}

test('French: privacy, a refused member, the preview, the confirmation; nothing of zoé is left', () => {
  const out = chat([
    '/as lead', '/coach post', '/as zoé', '2', '/coach privacy',
    '/coach forget @zoé',
    '/as lead', '/coach forget @nobody', '/coach forget @zoé', '/coach forget @zoé confirm',
    '/as zoé', '/coach privacy', '/as lead', '/leaderboard',
  ], 'fr');
  expect(out).toContain('# Ce que le coach garde à votre sujet');
  expect(out).toContain('• Votre nom affiché : « zoé »');
  expect(out).toContain('• Vos réponses aux défis : 1 réponse, sur les 10 derniers défis de chaque canal');
  expect(out).toMatch(/• Vos points : \d+ points? dans 1 canal, avec votre série\./);
  expect(out).toContain('• L’historique des points : 1 ligne (quand, combien, pourquoi)');
  expect(out).toContain('des copies de sauvegarde quotidiennes sont gardées 7 jours.');
  expect(out).toContain('Pour tout effacer (Loi 25) : demandez à un admin /coach forget @vous.');
  expect(out).toContain('Seul un admin peut effacer un membre (/coach forget).');
  expect(out).toContain('Le coach ne garde rien sur « nobody » dans cet espace : rien à effacer.');
  expect(out).toContain('Effacer zoé? Seront supprimés : sa fiche (nom, langue, préférences), 1 réponse aux défis, ses totaux dans 1 canal, l’historique des points réécrit avec un pseudonyme (1 ligne).');
  expect(out).toContain('[1] Confirmer : effacer zoé\n'); // the button; typing 1 sends /coach forget @zoé confirm
  expect(out).toMatch(/Membre effacé : zoé\. Ce qui a été supprimé : .*Ses points \(\d+ points?\) restent à l’équipe sous le pseudonyme forgotten-[0-9a-f]{8}\./);
  expect(out).toContain('• Le coach ne garde rien à votre sujet pour l’instant.');
  // The leaderboard after it: the team's points stay, the pseudonym is not shown.
  const board = out.slice(out.lastIndexOf('Vous parlez maintenant en tant que lead.'));
  expect(board).toContain('#');
  expect(board).not.toContain('forgotten-');
  expect(filesContaining(dir, 'zoé')).toEqual([]);
  expect(readFileSync(join(dir, 'coach.scores.jsonl'), 'utf8')).toMatch(/"user":"forgotten-[0-9a-f]{8}"/);
});

test('English: privacy with nothing kept, and the forget flow', () => {
  const out = chat(['/as sam', '/coach privacy', '/as lead', '/coach post', '/as sam', '1', '/as lead', '/coach forget sam', '/coach forget sam confirm', '/coach forget sam maybe'], 'en');
  expect(out).toContain('# What the coach keeps about you');
  expect(out).toContain('• The coach keeps nothing about you yet.');
  expect(out).toContain('To erase it all (Quebec’s Law 25): ask an admin for /coach forget @you.');
  expect(out).toContain('Forget sam? To be removed: their entry (name, language, preferences), 1 answer to challenges, their totals in 1 channel, the points history rewritten with a pseudonym (1 line).');
  expect(out).toMatch(/Member forgotten: sam\. Removed: .*Their points \(\d+ points?\) stay with the team under the pseudonym forgotten-[0-9a-f]{8}\./);
  expect(out).toContain('Usage: /coach forget @member, then /coach forget @member confirm to confirm.');
  expect(filesContaining(dir, '"sam"')).toEqual([]);
});
