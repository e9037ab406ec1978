// A channel's language for public posts (issue 16 item 1), through the engine and the scheduler on a real
// store: an admin's explicit choice wins over the remembered admin language; `both` makes one message with
// French then English and its buttons once; `/coach lang` alone reports both settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { BILINGUAL_SEPARATOR, bilingual, publicLangs } from '../../src/core/channel-lang.js';
import { text } from '../../src/core/message.js';
import { ask, plain, root } from '../helpers.js';

let dir: string;
let coach: OpenCoach;
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z')); // Monday 08:00 in Toronto

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-chlang-'));
  const config = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN', COACH_LANG: 'fr' });
  if (!config.ok) throw new Error(config.errors.join());
  coach = await openCoach(config.config, { clock });
});
afterEach(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const handle = (t: string, user = 'ADMIN', channel = 'C1') => coach.engine.handle(ask(t, { user, channel, platform: 'slack' }));
const say = async (t: string, user = 'ADMIN', channel = 'C1') => (await handle(t, user, channel)).map((m) => plain(m).trim()).join('\n---\n');

test('publicLangs: explicit choice, else the remembered language, else the fallback', () => {
  expect(publicLangs(undefined, 'fr')).toEqual(['fr']);
  expect(publicLangs({ lang: 'en' }, 'fr')).toEqual(['en']);
  expect(publicLangs({ lang: 'en', postLang: 'fr' }, 'en')).toEqual(['fr']);
  expect(publicLangs({ lang: 'fr', postLang: 'both' }, 'fr')).toEqual(['fr', 'en']);
  expect(publicLangs({ postLang: 'xx' as never }, 'en')).toEqual(['en']); // a hand-edited file
});

test('bilingual: French, separator, English; one set of buttons labelled in both; no language', () => {
  const fr = { ...text('Bonjour'), heading: 'Titre', actions: [{ label: 'Oui', value: '/answer x 1' }], footnote: 'Pied', lang: 'fr' as const };
  const en = { ...text('Hello'), heading: 'Title', actions: [{ label: 'Yes', value: '/answer x 1' }], footnote: 'Foot', lang: 'en' as const };
  const both = bilingual(fr, en);
  expect(both.heading).toBe('Titre');
  expect(both.sections.map((s) => [s.title, s.parts.map((p) => (p.kind === 'text' ? p.text : ''))])).toEqual([
    [undefined, ['Bonjour']], [undefined, [BILINGUAL_SEPARATOR]], ['Title', ['Hello']],
  ]);
  expect(both.actions).toEqual([{ label: 'Oui / Yes', value: '/answer x 1' }]);
  expect(both.footnote).toBe('Pied / Foot');
  expect(both.lang).toBeUndefined();
});

test('/coach channel-lang is for admins, checks its value, and /coach lang shows it', async () => {
  expect(await say('/coach channel-lang en', 'U1')).toContain('seuls les administrateurs du coach peuvent utiliser /coach channel-lang');
  expect(await say('/coach channel-lang de')).toBe('Utilisation : /coach channel-lang fr, /coach channel-lang en ou /coach channel-lang both (les deux langues).');
  expect(await say('/coach lang', 'U1')).toBe([
    'Vous n’avez pas choisi de langue : je vous réponds dans la langue de votre message (par défaut, en français).',
    'Messages publics de ce canal : en français (par défaut).',
    'Changer : /coach lang fr|en (pour vous); /coach channel-lang fr|en|both (admin, pour ce canal).',
  ].join('\n'));
  expect(await say('/coach channel-lang EN')).toBe('Les messages publics de ce canal (défis, corrigés) seront en anglais.');
  await say('/coach lang en', 'U1');
  expect(await say('/coach lang', 'U1')).toBe([
    'I answer you in English (your choice).',
    'Public messages in this channel: English (set by an admin).',
    'To change: /coach lang fr|en (for you); /coach channel-lang fr|en|both (admin, for this channel).',
  ].join('\n'));
  // Another channel is untouched.
  expect(await say('/coach lang', 'U1', 'C2')).toContain('Public messages in this channel: French (the default).');
});

test('an English channel set by an admin gets English posts even when a French admin posts', async () => {
  await say('/coach channel-lang en');
  const [post] = await handle('/coach post');
  expect(post!.visibility).toBe('public');
  expect(post!.lang).toBe('en');
  expect(post!.heading).toMatch(/^Today’s challenge · /);
  // The admin's own confirmation stays in their language.
  expect(await say('/coach post')).toContain('déjà');
});

test('both: the scheduled post and the debrief are one message each, French then English, buttons once', async () => {
  await say('/coach schedule on');
  await say('/coach channel-lang both');
  clock.set(new Date('2100-03-01T14:00:00Z')); // 09:00 in Toronto
  const posted = await coach.scheduler.tick(clock.now(), new Set(['slack']));
  expect(posted).toHaveLength(1);
  const post = posted[0]!.message;
  const shown = plain(post);
  expect(shown.indexOf('Défi du jour')).toBeLessThan(shown.indexOf(BILINGUAL_SEPARATOR));
  expect(shown.indexOf(BILINGUAL_SEPARATOR)).toBeLessThan(shown.indexOf('Today’s challenge'));
  const choices = post.actions!.filter((a) => !a.input);
  expect(new Set(choices.map((a) => a.value)).size).toBe(choices.length);
  expect(choices.every((a) => / \/ /.test(a.label))).toBe(true);
  await say(post.actions![0]!.value, 'U1');
  const revealed = await say('/coach reveal');
  expect(revealed).toMatch(/Corrigé · [\s\S]*— English —[\s\S]*Debrief · /);
});

test('only showing the schedule never changes the language of a channel’s posts; setting it does', async () => {
  await say('/coach schedule on');                       // a French admin: the channel's posts are French
  await say('/coach lang en');
  const english = '/coach schedule';                    // an English admin only looks
  expect(await say(english)).toMatch(/^Schedule here: /);
  expect((await coach.port.workspace('T1').channel('C1'))?.lang).toBe('fr');
  await say('/coach schedule on');                       // acting on the schedule adopts, as before
  expect((await coach.port.workspace('T1').channel('C1'))?.lang).toBe('en');
});
