// Boards, names, awards, answers and debriefs through the engine, on a real store: the inputs and
// their neighbours, as a member, an admin and the platforms send them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import type { Message } from '../../src/core/message.js';
import type { NameLookup, Request } from '../../src/core/request.js';
import { ManualClock } from '../../src/domain/time.js';
import { ask, plain, root } from '../helpers.js';

let dir: string;
let coach: OpenCoach;
const clock = new ManualClock(new Date('2100-03-01T14:00:00Z')); // Monday 09:00 in Toronto

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-boards-'));
  clock.set(new Date('2100-03-01T14:00:00Z'));
  const config = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN', COACH_HOLIDAYS: 'none' });
  if (!config.ok) throw new Error(config.errors.join());
  coach = await openCoach(config.config, { clock });
});
afterEach(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const handle = (text: string, extra: Partial<Request> = {}) => coach.engine.handle(ask(text, { user: 'ADMIN', channel: 'C1', channelName: 'support', platform: 'slack', ...extra }));
const say = async (text: string, extra: Partial<Request> = {}) => (await handle(text, extra)).map(plain).join('\n---\n');
const current = (channel = 'C1') => coach.stores('T1').read((ws) => ws.channels[channel]!.challenges.at(-1)!);
const choicesOf = (channel = 'C1') => coach.library.scenarios.find((s) => s.id === current(channel).scenarioId)!.fr.choices;

test('a member whose only answer scored 0 is on the boards, after the others, with their real line', async () => {
  await say('/coach post');
  const choices = choicesOf();
  const zero = choices.findIndex((c) => c.points === 0);
  const weakest = choices.reduce((lo, c, i) => (c.points < choices[lo]!.points ? i : lo), 0);
  const best = choices.findIndex((c) => c.best);
  await say(`/answer ${best + 1}`, { user: 'UA', userName: 'alice' });
  await say(`/answer ${best + 1}`, { user: 'UB', userName: 'bob' });
  await say(`/answer ${(zero >= 0 ? zero : weakest) + 1}`, { user: 'UZ', userName: 'zoé' });
  const points = zero >= 0 ? 0 : choices[weakest]!.points;
  const board = await say('/leaderboard', { user: 'UZ', userName: 'zoé' });
  expect(board).toContain('1. alice · 10 pts');
  expect(board).toContain('1. bob · 10 pts');
  expect(board).toContain(`3. zoé · ${points} ${points < 2 ? 'pt' : 'pts'}`);
  expect(board).toContain(`Vous : #3 cette semaine (${points} ${points < 2 ? 'pt' : 'pts'}), #3 au total (${points} ${points < 2 ? 'pt' : 'pts'}), 1 réponse, série de 1.`);
  expect(board).not.toContain('pas encore');
  // In English, the same line: plural "pts" for 0, "1 answer".
  await say('/coach lang en', { user: 'UZ' });
  expect(await say('/leaderboard', { user: 'UZ' })).toContain(`You: #3 this week (${points} ${points === 1 ? 'pt' : 'pts'}), #3 all time (${points} ${points === 1 ? 'pt' : 'pts'}), 1 answer, streak 1.`);
  // Someone who never took part is told so, and only them.
  expect(await say('/leaderboard', { user: 'UNEW' })).toContain('Vous n’avez pas encore participé ici : répondez au prochain défi!');
});

test('the issue’s scenario through the engine: weak options every day do not outrank the best options every other day', async () => {
  const days = ['2100-03-01', '2100-03-02', '2100-03-03', '2100-03-04', '2100-03-05', '2100-03-08', '2100-03-09', '2100-03-10', '2100-03-11'];
  let wanda = 0;
  let sol = 0;
  for (const [d, day] of days.entries()) {
    clock.set(new Date(`${day}T14:00:00Z`));
    await say('/coach post');
    const choices = choicesOf();
    const weakest = choices.reduce((lo, c, i) => (c.points < choices[lo]!.points ? i : lo), 0);
    const p = choices[weakest]!.points;
    wanda += p + Math.round((p * Math.min(d, 5)) / 10);
    await say(`/answer ${weakest + 1}`, { user: 'UW', userName: 'Wanda' });
    if (d % 2 === 0 && d < 6) {
      await say(`/answer ${choices.findIndex((c) => c.best) + 1}`, { user: 'US', userName: 'Sol' });
      sol += 10;
    }
  }
  expect(sol).toBe(30);
  expect(wanda).toBeLessThan(20); // 8 points of answers over the nine scenarios, a few of bonus
  const board = await say('/leaderboard', { user: 'UW' });
  const allTime = board.slice(board.indexOf('Depuis le début'));
  expect(allTime).toMatch(new RegExp(`1\\. Sol · 30 pts[\\s\\S]*2\\. Wanda · ${wanda} pts? · série de 9`));
  expect(board).toContain(`#2 au total (${wanda} pts), 9 réponses, série de 9.`);
});

describe('/answer: what plainly means a choice is that choice; short words ask first', () => {
  test('2., #2, (2), option 2, choix 2, " 2 " … each records choice 2', async () => {
    await say('/coach post');
    const forms = ['2.', '#2', '(2)', 'option 2', 'choix 2', ' 2 ', '2)', 'n° 2', 'la deuxième', 'choice 2', '２', '2️⃣'];
    for (const [i, form] of forms.entries()) {
      const reply = await say(`/answer ${form}`, { user: `U${i}` });
      expect([form, reply]).toEqual([form, expect.stringMatching(/Votre choix : \d+ points? sur 10/)]);
    }
    const answers = current().answers;
    for (const [i] of forms.entries()) expect(answers[`U${i}`]).toMatchObject({ choice: 1 });
    // With the challenge's id, as buttons send it.
    expect(await say(`/answer ${current().id} 3.`, { user: 'UX' })).toMatch(/Votre choix/);
    expect(current().answers.UX).toMatchObject({ choice: 2 });
  });

  test('numbers that are no option: a clear message, nothing recorded', async () => {
    await say('/coach post');
    const count = choicesOf().length;
    expect(await say('/answer 9', { user: 'U1' })).toContain(`Il n’y a pas d’option 9. Choisissez un numéro de 1 à ${count}.`);
    expect(await say('/answer #9', { user: 'U1' })).toContain('Il n’y a pas d’option 9.');
    for (const n of ['0', '-1', '2.5', '123']) expect(await say(`/answer ${n}`, { user: 'U1' })).toContain(`« ${n} » n’est pas un numéro d’option. Choisissez un numéro de 1 à ${count}`);
    expect(current().answers).toEqual({});
  });

  test('ok, one or two words: asks for confirmation, records nothing; confirmed with "!" or the button', async () => {
    await say('/coach post');
    const count = choicesOf().length;
    for (const text of ['ok', 'je sais pas', 'rester calme', '2 3']) {
      const [reply] = await handle(`/answer ${text}`, { user: 'U1' });
      expect(plain(reply!)).toContain(`« ${text} », c’est trop court pour que je puisse le noter`);
      expect(plain(reply!)).toContain(`choisissez une option (/answer 1 à /answer ${count}), ou confirmez cette réponse telle quelle : /answer ! ${text}`);
      expect(reply!.actions).toEqual([{ label: `Envoyer « ${text} » telle quelle`, value: `/answer ${current().id} ! ${text}` }]);
    }
    expect(current().answers).toEqual({});
    await say('/coach lang en', { user: 'U2' });
    expect(await say('/answer ok', { user: 'U2' })).toContain('“ok” is too short for me to grade, and you only get one answer per challenge: nothing is recorded yet.');
    // The button's command records the words as they are.
    const [ask1] = await handle('/answer ok', { user: 'U1' });
    expect(await say(ask1!.actions![0]!.value, { user: 'U1' })).toMatch(/Scénario \d+ · .*: \d+\/10/);
    expect(current().answers.U1).toMatchObject({ choice: null });
    expect(await say('/answer ! idk', { user: 'U2' })).toMatch(/Scenario \d+ · .*: \d+\/10/);
    // A long enough answer is graded at once.
    expect(await say('/answer Je reste calme et je l’écoute jusqu’au bout.', { user: 'U3' })).toMatch(/\d+\/10/);
    expect(Object.keys(current().answers).sort()).toEqual(['U1', 'U2', 'U3']);
  });

  test('what is settled is said first: already answered, closed, no challenge', async () => {
    expect(await say('/answer ok', { user: 'U1' })).toContain('Aucun défi dans ce canal');
    expect(await say('/answer 0', { user: 'U1' })).toContain('Aucun défi dans ce canal');
    await say('/coach post');
    await say('/answer 1', { user: 'U1' });
    expect(await say('/answer ok', { user: 'U1' })).toContain('Vous avez déjà répondu à ce défi');
    expect(await say('/answer 0', { user: 'U1' })).toContain('Vous avez déjà répondu à ce défi');
    await say('/coach reveal');
    expect(await say('/answer ok', { user: 'U2' })).toContain('Ce défi est fermé');
  });
});

describe('names', () => {
  test('invisible and bidi characters never reach a board, a reply or the store', async () => {
    await say('/coach post');
    await say('/answer 1', { user: 'UA', userName: 'bob\u202Enimda\u200B' });
    expect(coach.stores('T1').read((ws) => ws.members.UA?.name)).toBe('bobnimda');
    // A name stored before this rule existed is cleaned on its way out.
    await coach.stores('T1').update((ws) => { ws.members.UA!.name = 'ev\u2066il\u2069'; });
    const board = await say('/leaderboard', { user: 'UA', channelName: 'sup\u202Eport' });
    expect(board).toContain('1. evil ·');
    expect(board).toContain('Classement · support');
    expect(board).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
    const awarded = await say('/coach award @UM 2 merci', { mentions: [{ id: 'UM', name: 'Ma\u202Erc' }] });
    expect(awarded).toContain('+2 points à Marc : merci.');
  });

  test('a channel’s name is kept from any request there; a member’s from any request of theirs', async () => {
    await say('/coach post', { channelName: undefined });
    expect(coach.stores('T1').read((ws) => ws.channels.C1?.name)).toBeUndefined();
    await say('/answer 1', { user: 'UA', userName: 'ann', channelName: 'soutien-n1' });
    expect(coach.stores('T1').read((ws) => ws.channels.C1?.name)).toBe('soutien-n1');
    await say('/playbook panne', { user: 'UA', userName: 'Ann Tremblay', channelName: 'soutien' });
    expect(coach.stores('T1').read((ws) => [ws.channels.C1?.name, ws.members.UA?.name])).toEqual(['soutien', 'Ann Tremblay']);
    // Nothing is created for people or channels the coach does not keep.
    await say('/playbook panne', { user: 'USTRANGER', userName: 'X', channel: 'COTHER', channelName: 'other' });
    expect(coach.stores('T1').read((ws) => [ws.members.USTRANGER, ws.channels.COTHER])).toEqual([undefined, undefined]);
    const teams = await say('/leaderboard all', { channelName: 'soutien' });
    expect(teams).toMatch(/1\. soutien · \d+ pts? \(\d+ pts? cette semaine, 1 membre\)/);
  });

  test('names nobody ever gave are looked up on the platform and kept; without a lookup a neutral label, never the id', async () => {
    await coach.stores('T1').update((ws) => {
      ws.members.U0C = {};
      ws.channels.C2 = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: { U0C: { points: 5, week: '2100-W09', weekPoints: 5, streak: 0, bestStreak: 0, lastDay: null, answers: 0 } } };
      ws.channels.C3 = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: { U0D: { points: 5, week: '2100-W09', weekPoints: 5, streak: 0, bestStreak: 0, lastDay: null, answers: 0 } } };
    });
    const bare = await say('/leaderboard', { channel: 'C2', channelName: undefined });
    expect(bare).toContain('1. membre sans nom · 5 pts');
    expect(bare).toContain('Classement · canal sans nom');
    expect(bare).not.toMatch(/U0C|C2/);
    expect(await say('/leaderboard all', { channelName: undefined })).not.toMatch(/\bC2\b|\bC3\b/);
    const asked: string[] = [];
    const names: NameLookup = {
      user: async (id) => { asked.push(id); return id === 'U0C' ? 'Carol\u202E' : undefined; },
      channel: async (id) => { asked.push(id); return id === 'C2' ? 'réseau' : id === 'C3' ? 'terrain' : undefined; },
    };
    const board = await say('/leaderboard', { channel: 'C2', channelName: undefined, names });
    expect(board).toContain('1. Carol · 5 pts');
    expect(coach.stores('T1').read((ws) => ws.members.U0C?.name)).toBe('Carol');
    const all = await say('/leaderboard all', { names });
    expect(all).toContain('1. réseau · 5 pts');
    expect(all).toContain('1. terrain · 5 pts');
    // Kept: asked once.
    asked.length = 0;
    await say('/leaderboard', { channel: 'C2', channelName: undefined, names });
    await say('/leaderboard all', { names });
    expect(asked).toEqual([]);
  });
});

describe('a leaderboard asked in a one-to-one chat', () => {
  test('shows the person’s team, says so, and lists their other teams', async () => {
    await say('/coach post', { channel: 'C1', channelName: 'support' });
    await say('/coach post', { channel: 'C2', channelName: 'réseau' });
    await say('/answer 1', { user: 'UA', userName: 'ann', channel: 'C1', channelName: 'support' });
    const best = choicesOf('C2').findIndex((c) => c.best) + 1;
    await say(`/answer ${best}`, { user: 'UA', userName: 'ann', channel: 'C2', channelName: 'réseau' });
    const dm = await say('/leaderboard', { user: 'UA', channel: 'D1', channelName: 'directmessage', direct: true });
    expect(dm).toContain('Classement · réseau');
    expect(dm).toContain('Vous m’écrivez en privé : voici le classement de votre équipe, réseau.');
    expect(dm).toContain('Vos autres équipes : support. Tapez /leaderboard dans leur canal pour voir leur classement.');
    expect(dm).not.toContain('directmessage');
    expect(coach.stores('T1').read((ws) => ws.channels.D1)).toBeUndefined();
    await say('/coach lang en', { user: 'UA', channel: 'D1', direct: true });
    expect(await say('/leaderboard', { user: 'UA', channel: 'D1', direct: true })).toContain('This is a private chat: here is the leaderboard of your team, réseau.');
  });

  test('someone with no team is told where to take part', async () => {
    expect(await say('/leaderboard', { user: 'UB', channel: 'D2', channelName: 'directmessage', direct: true })).toContain('Vous m’écrivez en privé, et vous ne figurez encore au classement d’aucune équipe');
  });

  test('a one-to-one chat where challenges were played (the Emulator) shows its own board', async () => {
    await say('/coach post', { channel: 'a:1on1', channelName: undefined, direct: true });
    await say('/answer 1', { channel: 'a:1on1', channelName: undefined, direct: true, userName: 'Ada' });
    expect(await say('/leaderboard', { channel: 'a:1on1', channelName: undefined, direct: true })).toContain('Classement · conversation privée');
  });
});

describe('feedback and debrief: the best choice waits for the debrief, which each person who answered also gets privately', () => {
  test('choice feedback says how the answer did and why, never the best choice', async () => {
    await say('/coach post');
    const choices = choicesOf();
    const best = choices.findIndex((c) => c.best);
    for (const [i, choice] of choices.entries()) {
      if (i === best) continue;
      const feedback = await say(`/answer ${i + 1}`, { user: `U${i}` });
      expect(feedback).toContain(choice.explanation.slice(0, 60));
      expect(feedback).not.toContain(choices[best]!.text.slice(0, 40));
      expect(feedback).not.toContain(choices[best]!.explanation.slice(0, 40));
      expect(feedback).toContain('Le meilleur choix et une réponse modèle viendront avec le corrigé.');
    }
  });

  test('/coach reveal: the public debrief, then one private copy per person who answered, in their language, with their answer', async () => {
    await say('/coach post');
    const choices = choicesOf();
    const best = choices.findIndex((c) => c.best);
    await say(`/answer ${best + 1}`, { user: 'UA', userName: 'ann' });
    await say('/coach lang en', { user: 'UE' });
    await say('/answer I stay calm, I listen to her and check the cause with her.', { user: 'UE', userName: 'eve' });
    const replies: Message[] = await handle('/coach reveal');
    expect(replies.map((m) => [m.visibility, m.to, m.ref?.kind])).toEqual([['public', undefined, 'debrief'], ['private', 'UA', undefined], ['private', 'UE', undefined]]);
    const [pub, ann, eve] = replies.map(plain);
    expect(pub).toContain(`Meilleur choix : ${best + 1}. ${choices[best]!.text}`);
    expect(ann).toContain('Votre réponse : 10/10');
    expect(ann).toContain(`${best + 1}. ${choices[best]!.text}`);
    expect(ann).toContain(`Meilleur choix : ${best + 1}.`);
    expect(ann).toContain('Le corrigé du défi, aussi publié dans son fil (support); envoyé à chaque personne qui a répondu.');
    expect(eve).toMatch(/Your answer: \d+\/10/);
    expect(eve).toContain('In your own words.');
    expect(eve).toContain('Best choice:');
    expect(replies[2]!.lang).toBe('en');
    // A reveal through /coach post (the previous challenge still open) sends the copies too.
    clock.set(new Date('2100-03-02T14:00:00Z'));
    await say('/answer 1', { user: 'UA' }); // closed: nothing
    await say('/coach post');
    await say('/answer 1', { user: 'UB', userName: 'bo' });
    clock.set(new Date('2100-03-03T14:00:00Z'));
    const next = await handle('/coach post');
    expect(next.filter((m) => m.to).map((m) => m.to)).toEqual(['UB']);
  });

  test('the scheduler’s reveal: a private delivery (Outgoing.user) per person who answered', async () => {
    await say('/coach schedule on');
    clock.set(new Date('2100-03-01T14:00:30Z'));
    await say('/coach post');
    await say('/answer 1', { user: 'UA', userName: 'ann' });
    await say('/answer 2', { user: 'UB', userName: 'bo' });
    const out = await coach.scheduler.tick(new Date('2100-03-02T13:00:30Z'), new Set(['slack']));
    expect(out.map((o) => [o.channel, o.user, o.message.visibility, o.message.to])).toEqual([
      ['C1', undefined, 'public', undefined], ['C1', 'UA', 'private', 'UA'], ['C1', 'UB', 'private', 'UB'],
    ]);
    expect(plain(out[1]!.message)).toContain('Votre réponse :');
  });
});
