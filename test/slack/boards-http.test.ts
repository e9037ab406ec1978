// Who gets points and how people and teams are named, over real signed HTTP with the fake Web API:
// awards only to real mentions (never oneself, never a bot), names looked up with users.info and
// conversations.info and kept, boards in DMs, and the debrief sent privately to each person who answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse as parseCsv } from 'csv-parse/sync';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { exportScores } from '../../src/cli/export.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody, type Call } from './fake-slack.js';

let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let events: string;
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z')); // Monday 08:00 in Toronto

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-boards-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'UADMIN',
    COACH_HOLIDAYS: 'none',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
  server = await serve(result.config, coach, silentLogger);
  events = `http://127.0.0.1:${server.address.port}/slack/events`;
  fake.users.set('U0C', { name: 'carol.t', real_name: 'Carol Tremblay', profile: { display_name: 'Carol Tremblay', real_name: 'Carol Tremblay' } });
  fake.users.set('U0D', { name: 'dan', profile: { display_name: 'Dan\u202E\u200B', real_name: 'Dan' } });
  fake.users.set('UHELPER', { name: 'helper', is_bot: true, profile: { display_name: 'Helper Bot' } });
  fake.users.set('UADMIN', { name: 'ada', profile: { display_name: 'Ada Admin' } });
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FORM = 'application/x-www-form-urlencoded';
let responseId = 5000;
/** A slash command; resolves with the text of its response_url reply. */
async function slash(command: string, text: string, extra: { user?: string; team?: string; channel?: string; channelName?: string } = {}): Promise<string> {
  const id = ++responseId;
  const r = await postSigned(events, slashBody(fake, { command, text, id, ...extra }), FORM);
  expect(r.status).toBe(200);
  return blocksText((await fake.response(id)).body);
}
/** A slash command whose answer is public (post, reveal): no response_url reply to wait for. */
async function publicCommand(text: string, extra: { user?: string; channel?: string; channelName?: string }): Promise<void> {
  expect((await postSigned(events, slashBody(fake, { command: '/coach', text, id: ++responseId, ...extra }), FORM)).status).toBe(200);
}
const blocksText = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text ?? '');
const ws = (team = 'T1') => coach.stores(team);

/** The export's rows, parsed as a spreadsheet would (every text cell is quoted). */
async function csvRows(): Promise<string[][]> {
  let out = '';
  const code = await exportScores(['--file', join(dir, 'coach.json')], { out: (s) => void (out += s), err: () => undefined, env: {} });
  expect(code).toBe(0);
  return parseCsv(out) as string[][];
}

function click(channel: string, user: string, button: { action_id: string; value: string }, id: number, team = 'T1', lang = 'fr') {
  return {
    type: 'block_actions', team: { id: team }, user: { id: user, name: user.toLowerCase(), team_id: team }, channel: { id: channel, name: 'whatever' },
    trigger_id: 't', response_url: `${fake.url}/respond/${id}`, actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: `coach:lang:${lang}:0`, action_ts: '1' }],
    container: { type: 'message', message_ts: '1', channel_id: channel }, api_app_id: 'A1', token: 'x',
  };
}
const buttonsOf = (post: Call) => (post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements!;

describe('/coach award on Slack', () => {
  test('a bare name or @name typed as text is not a mention: the usage text, no phantom member, no points', async () => {
    for (const text of ['award carol 5 merci', 'award @carol 5 merci', 'award Carol 5 merci', 'award <#C123|general> 5 merci', 'award <!here> 5 merci', 'award <!subteam^S123|@tier1> 5 merci']) {
      const reply = await slash('/coach', text, { user: 'UADMIN', channel: 'CAW1' });
      expect(reply).toContain('n’est pas une mention : nommez la personne avec @');
      expect(reply).toContain('Utilisation : /coach award @membre N raison');
    }
    expect(ws().read((d) => Object.keys(d.members).filter((m) => /carol/i.test(m)))).toEqual([]);
    expect(ws().read((d) => d.channels.CAW1?.totals ?? {})).toEqual({});
  });

  test('<@U0C> without a name: the name comes from users.info and is kept; no raw id in the reply, the board or the CSV', async () => {
    const reply = await slash('/coach', 'award <@U0C> 5 merci pour le coup de main', { user: 'UADMIN', channel: 'CAW2', channelName: 'soutien' });
    expect(reply).toContain('+5 points à Carol Tremblay : merci pour le coup de main. Total : 5 points.');
    expect(reply).not.toContain('U0C');
    expect(ws().read((d) => d.members.U0C?.name)).toBe('Carol Tremblay');
    expect(fake.of('users.info').some((c) => c.body.user === 'U0C')).toBe(true);
    const board = await slash('/leaderboard', '', { user: 'UADMIN', channel: 'CAW2', channelName: 'soutien' });
    expect(board).toContain('1. Carol Tremblay · 5 pts');
    expect(board).not.toContain('U0C');
    const row = (await csvRows()).find((r) => r[2] === 'U0C')!;
    expect(row.slice(1, 4)).toEqual(['CAW2', 'U0C', 'Carol Tremblay']);
    // The legacy form with the name still works, and the display name from users.info wins.
    expect(await slash('/coach', 'award <@U0C|carol.t> 1 ponctuelle', { user: 'UADMIN', channel: 'CAW2' })).toContain('+1 point à Carol Tremblay : ponctuelle. Total : 6 points.');
  });

  test('a display name with bidi and zero-width characters is shown as typed', async () => {
    const reply = await slash('/coach', 'award <@U0D> 2 bravo', { user: 'UADMIN', channel: 'CAW3' });
    expect(reply).toContain('+2 points à Dan : bravo.');
    expect(ws().read((d) => d.members.U0D?.name)).toBe('Dan');
    const row = (await csvRows()).find((r) => r[2] === 'U0D')!;
    expect(row[3]).toBe('Dan');
    expect(row.join(',')).not.toMatch(/[\u202a-\u202e\u200b]/);
  });

  test('oneself, the coach, Slackbot and bots are refused with a clear message', async () => {
    expect(await slash('/coach', 'award <@UADMIN> 5 moi', { user: 'UADMIN', channel: 'CAW4' })).toContain('Vous ne pouvez pas vous donner des points à vous-même');
    expect(await slash('/coach', 'award <@UADMIN|ada> 5 moi', { user: 'UADMIN', channel: 'CAW4' })).toContain('Vous ne pouvez pas vous donner des points à vous-même');
    expect(await slash('/coach', 'award <@USLACKBOT> 5 merci', { user: 'UADMIN', channel: 'CAW4' })).toMatch(/est un bot : les points vont aux membres de l’équipe/);
    expect(await slash('/coach', 'award <@UBOT|coach> 5 merci', { user: 'UADMIN', channel: 'CAW4' })).toContain('coach est un bot');
    expect(await slash('/coach', 'award <@UHELPER> 5 merci', { user: 'UADMIN', channel: 'CAW4' })).toContain('Helper Bot est un bot');
    expect(ws().read((d) => d.channels.CAW4?.totals ?? {})).toEqual({});
    expect(ws().read((d) => [d.members.USLACKBOT, d.members.UBOT, d.members.UHELPER])).toEqual([undefined, undefined, undefined]);
  });
});

describe('boards on Slack', () => {
  test('a private channel’s name is looked up (conversations.info) and kept', async () => {
    fake.channels.set('GSECRET', { name: 'équipe-secrète', is_private: true });
    await slash('/coach', 'award <@U0C> 3 merci', { user: 'UADMIN', channel: 'GSECRET', channelName: 'privategroup' });
    expect(ws().read((d) => d.channels.GSECRET?.name)).toBe('équipe-secrète');
    expect(await slash('/leaderboard', '', { user: 'U0C', channel: 'GSECRET', channelName: 'privategroup' })).toContain('Classement · équipe-secrète');
  });

  test('/leaderboard all: two teams tied at 5 share rank 1, the next is 3; names, never ids', async () => {
    const team = 'TALL';
    await slash('/coach', 'award <@U0C> 5 a', { team, user: 'UADMIN', channel: 'CA', channelName: 'support' });
    fake.channels.set('CB', { name: 'réseau' });
    await slash('/coach', 'award <@U0C> 5 b', { team, user: 'UADMIN', channel: 'CB', channelName: 'privategroup' });
    await slash('/coach', 'award <@U0D> 2 c', { team, user: 'UADMIN', channel: 'CC', channelName: 'terrain' });
    const all = await slash('/leaderboard', 'all', { team, user: 'U0C', channel: 'CA' });
    expect(all).toContain('1. réseau · 5 pts (5 pts cette semaine, 1 membre)');
    expect(all).toContain('1. support · 5 pts');
    expect(all).toContain('3. terrain · 2 pts');
    expect(all).not.toMatch(/\bC[ABC]\b/);
  });

  test('in a DM: the board of the person’s team, said so, with their other teams', async () => {
    const team = 'TDM';
    await slash('/coach', 'award <@U0C> 4 a', { team, user: 'UADMIN', channel: 'CX', channelName: 'support' });
    await slash('/coach', 'award <@U0C> 9 b', { team, user: 'UADMIN', channel: 'CY', channelName: 'réseau' });
    const dm = await slash('/leaderboard', '', { team, user: 'U0C', channel: 'D0C', channelName: 'directmessage' });
    expect(dm).toContain('Classement · réseau');
    expect(dm).toContain('voici le classement de votre équipe, réseau.');
    expect(dm).toContain('Vos autres équipes : support.');
    expect(dm).not.toContain('directmessage');
    expect(await slash('/leaderboard', '', { team, user: 'UEN', channel: 'D0E', channelName: 'directmessage' })).toContain('This is a private chat, and you are not on any team’s leaderboard yet');
  });
});

describe('debriefs on Slack', () => {
  test('choice feedback never shows the best option; /coach reveal posts the debrief in the thread and sends each person who answered a private copy by DM', async () => {
    clock.set(new Date('2100-03-01T14:00:00Z')); // Monday 09:00
    await publicCommand('post', { user: 'UADMIN', channel: 'CDEB', channelName: 'support' });
    const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CDEB');
    // The post's ts is stored once chat.postMessage has answered: wait for it (bounded).
    const postRef = () => ws().read((d) => d.channels.CDEB!.challenges.at(-1)!.postRef as { ts: string } | undefined);
    for (let i = 0; i < 200 && !postRef(); i++) await new Promise((r) => setTimeout(r, 10));
    const postTs = postRef()!.ts;
    const challenge = ws().read((d) => d.channels.CDEB!.challenges.at(-1)!);
    const choices = coach.library.scenarios.find((s) => s.id === challenge.scenarioId)!.fr.choices;
    const best = choices.findIndex((c) => c.best);
    const other = best === 0 ? 1 : 0;
    const buttons = buttonsOf(post);
    await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click('CDEB', 'U71', buttons[other]!, 7101)))}`, FORM);
    const feedback = blocksText((await fake.response(7101)).body);
    expect(feedback).toContain(choices[other]!.explanation.slice(0, 50).replace(/’/g, '’'));
    expect(feedback).not.toContain(choices[best]!.text.slice(0, 40));
    await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click('CDEB', 'UEN', buttons[best]!, 7102, 'T1', 'en')))}`, FORM);
    await fake.response(7102);

    const before = fake.calls.length;
    await publicCommand('reveal', { user: 'UADMIN', channel: 'CDEB', channelName: 'support' });
    const debrief = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CDEB' && c.body.thread_ts === postTs);
    expect(blocksText(debrief.body)).toContain('Meilleur choix');
    for (const [user, text] of [['U71', 'Votre réponse :'], ['UEN', 'Your answer: 10/10']] as const) {
      await fake.waitFor('conversations.open', (c) => c.body.users === user);
      const dm = await fake.waitFor('chat.postMessage', (c) => c.body.channel === `D-${user}`);
      expect(blocksText(dm.body)).toContain(text);
      expect(blocksText(dm.body)).toMatch(/Meilleur choix|Best choice/);
    }
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D-'))).toHaveLength(2);
  });

  test('the scheduled reveal sends the private copies too; a refused DM falls back to an ephemeral message', async () => {
    clock.set(new Date('2100-03-01T15:00:00Z')); // Monday 10:00: the next post is Tuesday 09:00
    await slash('/coach', 'schedule on', { user: 'UADMIN', channel: 'CSCH2' });
    clock.set(new Date('2100-03-02T14:00:30Z'));
    await server.tick();
    const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSCH2');
    const postTs = ws().read((d) => (d.channels.CSCH2!.challenges.at(-1)!.postRef as { ts: string }).ts);
    await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click('CSCH2', 'U72', buttonsOf(post)[0]!, 7201)))}`, FORM);
    await fake.response(7201);
    fake.errors.set('conversations.open', 'cannot_dm_bot');
    try {
      clock.set(new Date('2100-03-03T13:00:30Z')); // Wednesday 08:00:30, an hour before the next post
      await server.tick();
      await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSCH2' && c.body.thread_ts === postTs);
      const ephemeral = await fake.waitFor('chat.postEphemeral', (c) => c.body.channel === 'CSCH2' && c.body.user === 'U72');
      expect(blocksText(ephemeral.body)).toContain('Votre réponse :');
    } finally {
      fake.errors.delete('conversations.open');
    }
  });
});
