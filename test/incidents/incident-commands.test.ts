// /incident through the engine, in-process, as the surfaces call it: who may do what, which incident a
// command means, bad input, line breaks kept, escaping in the Markdown report, and the store's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import { INCIDENT_PLAYBOOK, incidentTexts } from '../../src/content/incident-content.js';
import { buildReport, markdownText, reportMarkdown } from '../../src/core/incidents/incident-report.js';
import type { Message } from '../../src/core/message.js';
import type { Request } from '../../src/core/request.js';
import { ManualClock } from '../../src/domain/time.js';
import { plain, root } from '../helpers.js';

let dir: string;
let coach: OpenCoach;
const clock = new ManualClock(new Date('2100-03-06T14:00:00Z'));
const at = (hhmm: string) => clock.set(new Date(`2100-03-06T${hhmm}:00-05:00`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-incident-cmd-'));
  const result = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ULEAD', COACH_TIMEZONE: 'America/Toronto' });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
});
afterAll(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (text: string, extra: Partial<Request> = {}): Promise<Message[]> =>
  coach.engine.handle({ workspace: 'W1', channel: 'C1', user: 'U1', userName: 'Alice', platform: 'slack', locale: 'fr-CA', text, ...extra });
const all = (messages: Message[]) => messages.map(plain).join('\n====\n');
const incidents = (workspace = 'W1', channel = 'C1') => coach.stores(workspace).read((ws) => ws.channels[channel]?.incidents ?? []);

test('usage and unknown words get a precise answer; nothing is opened by mistake', async () => {
  expect(all(await ask('/incident start'))).toContain('Utilisation : /incident start TITRE');
  expect(all(await ask(`/incident start ${'x'.repeat(151)}`))).toContain('C’est trop long (151 caractères; maximum 150)');
  expect(all(await ask('/incident frobnicate'))).toContain('Je ne connais pas « /incident frobnicate ».');
  expect(all(await ask('/incident update rien'))).toContain('Aucun incident ouvert ici.');
  expect(all(await ask('/incident report #42'))).toContain('Je ne trouve pas d’incident #42');
  expect(all(await ask('/incident'))).toContain('Aucun incident ouvert ici.');
  expect(all(await ask('/incident help', { locale: 'en-US' }))).toContain('Incidents: /incident start TITLE');
  expect(all(await ask('/coach help'))).toContain('/incident start TITRE : gérer la communication d’une panne');
  // The outage playbook offers to start an incident; the others do not.
  const outage = (await ask('/playbook panne'))[0]!;
  expect(outage.actions?.at(-1)).toMatchObject({ label: 'Démarrer un incident', value: '/incident start ', input: { placeholder: expect.stringContaining('Ce qui est en panne') } });
  expect((await ask('/playbook panne'))[0]).toBe(outage); // built once, like the playbook itself
  expect((await ask('/playbook client fâché'))[0]!.actions ?? []).toEqual([]);
  expect(incidents()).toEqual([]);
});

test('owner, cadence, snooze and resolve: the owner or an admin; anyone may take it over for themselves', async () => {
  at('09:00');
  await ask('/incident start Courriel');
  expect(all(await ask('/incident every 15', { user: 'U2', userName: 'Bob' }))).toContain('Seuls le responsable de l’incident 1 (Alice) et les admins du coach peuvent faire cela.');
  expect(all(await ask('/incident resolve', { user: 'U2' }))).toContain('Seuls le responsable');
  expect(all(await ask('/incident every 2'))).toContain('Utilisation : /incident every MINUTES (de 5 à 240).');
  expect(all(await ask('/incident every 15'))).toContain('Incident 1 : une mise à jour aux 15 minutes à partir de la prochaine, attendue à 9 h 30.');
  expect(all(await ask('/incident snooze 500'))).toContain('Utilisation : /incident snooze MINUTES (de 1 à 240).');
  // In Slack a new owner is a mention; a bare word names nobody.
  expect(all(await ask('/incident owner bob'))).toContain('Utilisation : /incident owner @membre.');
  const handed = await ask('/incident owner @U3', { mentions: [{ id: 'U3', name: 'Carla' }] });
  expect(all(handed)).toContain('Carla est maintenant responsable de l’incident 1; les rappels lui iront.');
  expect(handed.find((m) => m.incident?.role === 'state')).toBeDefined();
  expect(all(await ask('/incident owner @U4', { user: 'U2', mentions: [{ id: 'U4', name: 'Dan' }] }))).toContain('Seuls le responsable');
  expect(all(await ask('/incident owner @U2', { user: 'U2', userName: 'Bob', mentions: [{ id: 'U2', name: 'Bob' }] }))).toContain('Bob est maintenant responsable');
  expect(all(await ask('/incident every 20', { user: 'ULEAD' }))).toContain('aux 20 minutes');
  expect(incidents()[0]).toMatchObject({ owner: 'U2', cadenceMin: 20 });
  expect(incidents()[0]!.timeline.map((e) => e.kind)).toEqual(['opened', 'cadence', 'owner', 'owner', 'cadence']);
});

test('an update keeps its paragraphs and bullets; notes and report answers go to the timeline', async () => {
  at('09:10');
  const update = await ask('/incident update Le courriel ne fonctionne plus.\n\n- Les envois sont bloqués.\n- Prochaine mise à jour : 9 h 40.', { user: 'U2', userName: 'Bob' });
  const post = update.find((m) => m.incident?.role === 'thread')!;
  expect(post.sections[0]!.parts).toEqual([
    { kind: 'text', text: 'Le courriel ne fonctionne plus.' },
    { kind: 'bullets', items: [{ text: 'Les envois sont bloqués.' }, { text: 'Prochaine mise à jour : 9 h 40.' }] },
  ]);
  expect(post.incident).toEqual({ id: '1', channel: 'C1', role: 'thread' });
  // The first notice without an apology: the tip, privately; the post went out all the same.
  expect(all(update.filter((m) => m.visibility === 'private'))).toContain('Le premier avis ne s’excuse pas.');
  expect(all(await ask('/incident note'))).toContain('Utilisation : /incident note TEXTE.');
  expect(all(await ask('/incident note Le fournisseur rappelle à 10 h.'))).toContain('Noté dans la chronologie de l’incident 1.');
  expect(all(await ask('/incident cause'))).toContain('Utilisation : /incident cause TEXTE.');
  expect(all(await ask(`/incident cause ${'y'.repeat(3001)}`))).toContain('trop long (3001 caractères; maximum 3000)');
  expect(all(await ask('/incident cause Le fournisseur a eu une panne régionale.'))).toContain('Noté pour le rapport de l’incident 1 (cause).');
  expect(incidents()[0]!.cause).toBe('Le fournisseur a eu une panne régionale.');
  // The first notice is gone: "post" says to update instead.
  expect(all(await ask('/incident post', { user: 'U2' }))).toContain('Le premier avis de l’incident 1 est déjà publié.');
});

test('which incident: #ID anywhere in the workspace, else the channel’s latest open, else the person’s only open one', async () => {
  at('09:20');
  await ask('/incident start VPN', { channel: 'C2', user: 'U5', userName: 'Eve' });
  expect(incidents('W1', 'C2')[0]!.id).toBe('2');
  // From a direct chat (no incident there): Eve's only open incident.
  const fromChat = await ask('/incident note appel du fournisseur', { channel: 'D-eve', user: 'U5' });
  expect(all(fromChat)).toContain('Noté dans la chronologie de l’incident 2.');
  // A button's #ID works from anywhere; its public posts go to the incident's own channel.
  const posted = await ask('/incident post #2', { channel: 'D-eve', user: 'U5' });
  expect(posted.filter((m) => m.visibility === 'public').map((m) => m.incident)).toEqual([{ id: '2', channel: 'C2', role: 'thread' }, { id: '2', channel: 'C2', role: 'state' }]);
  // Another workspace never finds it.
  expect(all(await ask('/incident report #2', { workspace: 'W2' }))).toContain('Je ne trouve pas d’incident #2');
  const list = all(await ask('/incident', { channel: 'C2' }));
  expect(list).toContain('Incident 2 · VPN · depuis 9 h 20 · 1 avis envoyé');
  expect(list).not.toContain('Courriel');
});

test('the Markdown report escapes user text so it stays text', async () => {
  at('09:30');
  await ask('/incident start # Titre [piège](https://evil.example) <script>', { channel: 'C3' });
  await ask('/incident note ??? example "faux bloc"\n=== "onglet"', { channel: 'C3' });
  const found = coach.stores('W1').read((ws) => ws.channels.C3!.incidents![0]!);
  const texts = incidentTexts(coach.library.playbooks.find((p) => p.id === INCIDENT_PLAYBOOK)!.fr)!;
  const markdown = reportMarkdown(buildReport(found, texts, 'America/Toronto', clock.now()), { workspace: 'W1', channel: 'C3', incident: found });
  expect(markdown).toContain('title: "# Titre [piège](https://evil.example) <script>"');
  expect(markdown).toContain('\n# Rapport d’incident · # Titre \\[piège\\](https://evil.example) \\<script\\>\n');
  const body = markdown.slice(markdown.indexOf('\n---\n', 4) + 5);
  expect(body).not.toContain('[piège](');
  expect(body).not.toContain('<script>');
  expect(body).not.toMatch(/^(\?\?\?|===|#\s+Titre)/m);
  expect(markdown).toContain('Note d’Alice : ??? example "faux bloc" === "onglet"');
  expect(markdownText('- 1. item')).toBe('\\- 1. item');
  expect(markdownText('2) deux')).toBe('2\\) deux');
});

test('data: optional fields only; an old channel without incidents reads as none', async () => {
  await coach.stores('W1').update((ws) => { ws.channels.OLD = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {} }; });
  expect(all(await ask('/incident', { channel: 'OLD' }))).toContain('Aucun incident ouvert ici.');
  expect(coach.stores('W1').read((ws) => 'incidents' in ws.channels.OLD!)).toBe(false);
});

test('the tick: reminders and escalations once each, in the admin’s own language; with no admin, nobody is said to be told', async () => {
  at('09:00');
  await ask('/incident start Téléphonie', { channel: 'C9', channelName: 'soutien' });
  await coach.stores('W1').update((ws) => { ws.members.ULEAD = { lang: 'en' }; });
  const due = (hhmm: string, admins: string[], platforms = ['slack']) => {
    at(hhmm);
    return coach.incidents!.due('W1', clock.now(), admins, new Set(platforms));
  };
  expect(await due('09:05', ['ULEAD'])).toEqual([]);
  // Another surface's tick never touches a Slack incident.
  expect(await due('09:11', ['ULEAD'], ['teams'])).toEqual([]);
  const nudge = await due('09:11', ['ULEAD']);
  expect(nudge.map((d) => [d.channel, d.to, d.message.incident?.role])).toEqual([['C9', undefined, 'thread']]);
  expect(plain(nudge[0]!.message)).toContain('Alice, aucun avis n’a encore été envoyé aux utilisateurs, et la panne dure depuis 11 min.');
  expect(await due('09:12', ['ULEAD'])).toEqual([]);
  const overdue = await due('10:31', ['ULEAD']);
  const told = overdue.find((d) => d.to === 'ULEAD' && d.channel === 'C9')!;
  expect(plain(told.message)).toContain('In #soutien, the incident “Téléphonie” (owner: Alice) has given users no news for 1 h 31 min; an update was expected at 9:30 a.m. You can help');
  expect((await due('10:32', ['ULEAD'])).filter((d) => d.channel === 'C9')).toEqual([]);

  await ask('/incident start Imprimantes', { channel: 'C10' });
  const lonely = await due('12:05', []); // opened at 10 h 32: the update due at 11 h 02 is two cadences late
  expect(lonely.filter((d) => d.channel === 'C10').map((d) => d.to)).toEqual([undefined]);
  expect(incidents('W1', 'C10')[0]!.timeline.map((e) => e.kind)).not.toContain('escalated');
  expect(incidents('W1', 'C10')[0]!.escalateAt).toBeNull();
});
