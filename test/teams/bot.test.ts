// The Teams bot's conversation logic with botbuilder's own TestAdapter: replies come back in the
// adapter's queue, posts outside the turn (channel posts, debriefs, card updates) go to a fake sender.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { TeamsCoachBot } from '../../src/adapters/teams/bot.js';
import type { PersonalTarget, TeamsReference } from '../../src/adapters/teams/activity.js';
import type { ChannelSender } from '../../src/adapters/teams/sender.js';
import { silentLogger } from '../../src/app/logger.js';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import { ChannelListener } from '../../src/core/channel-listener.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { activityText } from './fake-connector.js';

class FakeSender implements ChannelSender {
  readonly sent: { reference: TeamsReference; activities: Partial<Activity>[]; replyToId?: string }[] = [];
  readonly updated: { reference: TeamsReference; activityId: string; activity: Partial<Activity> }[] = [];
  readonly personal: { target: PersonalTarget; activities: Partial<Activity>[] }[] = [];
  /** Makes sendPersonal fail, as when the app is not installed for the person. */
  refusePersonal = false;
  private next = 1;
  async send(reference: TeamsReference, activities: Partial<Activity>[], options: { replyToId?: string } = {}) {
    this.sent.push({ reference, activities, ...options });
    return activities.map(() => `sent-${this.next++}`);
  }
  async update(reference: TeamsReference, activityId: string, activity: Partial<Activity>) {
    this.updated.push({ reference, activityId, activity });
  }
  async sendPersonal(target: PersonalTarget, activities: Partial<Activity>[]) {
    if (this.refusePersonal) throw Object.assign(new Error('Forbidden'), { statusCode: 403, request: { headers: { authorization: 'Bearer secret' } } });
    this.personal.push({ target, activities });
  }
  /** All the text sent privately so far. */
  personalText(): string {
    return this.personal.flatMap((p) => p.activities.map((a) => activityText(a as Record<string, unknown>))).join('\n---\n');
  }
}

const TENANT = 'tenant-t';
const BOT = { id: '28:bot', name: 'Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada' };
const USER = { id: '29:user', aadObjectId: 'aad-user', name: 'Uma' };
const CHANNEL = '19:general@thread.tacv2';

let dir: string;
let coach: OpenCoach;
let sender: FakeSender;
let adapter: TestAdapter;
const clock = new ManualClock(new Date('2100-03-01T15:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-bot-'));
  const result = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: ADMIN.aadObjectId });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
});

afterAll(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  sender = new FakeSender();
  const listener = new ChannelListener(coach.library, coach.router, coach.port, 'fr', () => clock.now().getTime());
  const bot = new TeamsCoachBot({
    engine: coach.engine, commands: coach.commands, listener, library: coach.library, port: coach.port,
    clock, timeZone: 'America/Toronto', logger: silentLogger,
  }, sender, { anonymous: false });
  adapter = new TestAdapter(bot.onTurn);
});

let nextId = 1;
function activity(text: string | undefined, o: { channel?: boolean; mention?: boolean; from?: object; value?: unknown; locale?: string; conversation?: string } = {}): Partial<Activity> {
  const id = `in-${nextId++}`;
  const tag = `<at>${BOT.name}</at>`;
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/', locale: o.locale ?? 'fr-CA',
    from: (o.from ?? USER) as Activity['from'], recipient: BOT as Activity['recipient'],
    conversation: (o.channel
      ? { id: `${o.conversation ?? CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT }
      : { id: o.conversation ?? 'a:chat-1', conversationType: 'personal', tenantId: TENANT }) as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
    ...(text !== undefined ? { text: o.mention ? `${tag} ${text}` : text } : {}),
    ...(o.mention ? { entities: [{ type: 'mention', text: tag, mentioned: BOT }] } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

const textOf = (a: Partial<Activity>) => activityText(a as Record<string, unknown>);
const isCard = (a: Partial<Activity>) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';

test('a command without its slash, in a personal chat: an Adaptive Card in the activity’s locale', async () => {
  await adapter.send(activity('playbook outage')).assertReply((reply) => {
    expect(isCard(reply)).toBe(true);
    expect(textOf(reply)).toContain('Panne d’un serveur ou d’un service');
  });
  await adapter.send(activity('/playbook panne', { locale: 'en-US', from: { id: '29:e', aadObjectId: 'aad-e', name: 'E' } })).assertReply((reply) => {
    expect(textOf(reply)).toContain('Server or service outage');
  });
});

test('in a channel, the @mention is stripped and a private reply goes to the 1:1 chat; without a mention, a command is not answered', async () => {
  await adapter.send(activity('scenario', { channel: true, mention: true })).assertReply((reply) => {
    expect(textOf(reply)).toBe('Je vous ai répondu en privé.');
  });
  expect(sender.personal).toHaveLength(1);
  expect(sender.personal[0]!.target).toEqual({
    workspace: TENANT, channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/', tenantId: TENANT,
    bot: BOT, user: { id: USER.id, name: USER.name },
  });
  expect(sender.personalText()).toContain('Aucun défi dans ce canal');
  await adapter.send(activity('scenario', { channel: true })).assertNoReply('no reply', 20);
  expect(sender.personal).toHaveLength(1);
});

test('in a personal chat, a private reply is a reply there', async () => {
  await adapter.send(activity('leaderboard')).assertReply((reply) => {
    expect(textOf(reply)).toContain('Vous m’écrivez en privé, et vous ne figurez encore au classement d’aucune équipe');
  });
  expect(sender.personal).toHaveLength(0);
});

test('when the 1:1 chat cannot be opened, the channel gets the notice and the install hint, not the reply', async () => {
  sender.refusePersonal = true;
  await adapter.send(activity('leaderboard', { channel: true, mention: true, locale: 'en-US' })).assertReply((reply) => {
    expect(textOf(reply)).toBe('I could not reply to you privately: add the Coach app for yourself (Apps → Coach → Add), then try again.');
  });
});

test('the bot’s own messages are never answered', async () => {
  await adapter.send(activity('playbook outage', { from: BOT })).assertNoReply('no reply', 20);
});

test('an admin’s coach post: the challenge goes to the channel (not the thread) through the sender, its id kept', async () => {
  const channel = '19:post-t@thread.tacv2';
  await adapter.send(activity('coach post', { channel: true, mention: true, from: ADMIN, conversation: channel })).assertNoReply('no reply', 20);
  expect(sender.sent).toHaveLength(1);
  const [post] = sender.sent;
  expect(post!.reference.conversation.id).toBe(channel);
  expect(post!.replyToId).toBeUndefined();
  expect(textOf(post!.activities[0]!)).toContain('Défi du jour');
  const data = coach.stores(TENANT).read((ws) => ws.channels[channel]!);
  expect(data.postTarget).toMatchObject({ conversation: { id: channel, conversationType: 'channel', tenantId: TENANT }, serviceUrl: 'https://smba.trafficmanager.net/amer/' });
  expect(data.challenges.at(-1)!.postRef).toEqual({ activityId: 'sent-1', conversationReference: post!.reference });

  // A choice submitted from the card: the feedback in the 1:1 chat, a notice in the thread, the post's
  // card updated, once.
  const submit = (post!.activities[0]!.attachments![0]!.content as { actions: { data: { coach: string } }[] }).actions[1]!.data;
  await adapter.send(activity(undefined, { channel: true, value: submit, conversation: channel })).assertReply((reply) => {
    expect(textOf(reply)).toBe('✔ Réponse d’Uma enregistrée — détails en message privé.');
  });
  expect(sender.personalText()).toMatch(/\d+\/10/);
  expect(sender.updated).toHaveLength(1);
  expect(sender.updated[0]!.activityId).toBe('sent-1');
  expect(textOf(sender.updated[0]!.activity)).toContain('1 réponse');
  await adapter.send(activity(undefined, { channel: true, value: submit, conversation: channel })).assertReply((reply) => {
    expect(textOf(reply)).toBe('Je vous ai répondu en privé.');
  });
  expect(textOf(sender.personal.at(-1)!.activities[0]!)).toContain('déjà répondu');
  // Without a 1:1 chat, the answer is still recorded and counted, its feedback never shown here.
  sender.refusePersonal = true;
  const other = { id: '29:other', aadObjectId: 'aad-other', name: 'Oz' };
  await adapter.send(activity(undefined, { channel: true, value: submit, conversation: channel, from: other })).assertReply((reply) => {
    expect(textOf(reply)).toContain('✔ Réponse d’Oz enregistrée.');
    expect(textOf(reply)).toContain('ajoutez l’app Coach');
    expect(textOf(reply)).not.toMatch(/\d+\/10/);
  });
  expect(textOf(sender.updated.at(-1)!.activity)).toContain('2 réponses');
  sender.refusePersonal = false;
  expect(coach.stores(TENANT).read((ws) => Object.keys(ws.channels[channel]!.challenges.at(-1)!.answers).sort())).toEqual(['aad-other', USER.aadObjectId]);

  // The debrief goes in the post's thread.
  await adapter.send(activity('coach reveal', { channel: true, mention: true, from: ADMIN, conversation: channel })).assertNoReply('no reply', 20);
  const debrief = sender.sent.at(-1)!;
  expect(debrief.reference.conversation.id).toBe(`${channel};messageid=sent-1`);
  expect(textOf(debrief.activities[0]!)).toContain('Corrigé');
});

test('"own words": the input’s text is appended to the submit’s command', async () => {
  const channel = '19:own-t@thread.tacv2';
  await adapter.send(activity('coach post', { channel: true, mention: true, from: ADMIN, conversation: channel })).assertNoReply('no reply', 20);
  const actions = (sender.sent[0]!.activities[0]!.attachments![0]!.content as { actions: { data: Record<string, string> }[] }).actions;
  const own = actions.at(-1)!.data;
  expect(own).toMatchObject({ input: 'answerText' });
  await adapter.send(activity(undefined, { channel: true, conversation: channel, value: { ...own, answerText: 'Je reste calme et je vérifie avec elle.' } })).assertReply((reply) => {
    expect(textOf(reply)).toContain('enregistrée');
  });
  expect(sender.personalText()).toMatch(/\d+\/10/);
  const answer = coach.stores(TENANT).read((ws) => ws.channels[channel]!.challenges.at(-1)!.answers[USER.aadObjectId]);
  expect(answer?.choice).toBeNull();
  // A submit that is not ours, or names another input, is ignored.
  await adapter.send(activity(undefined, { channel: true, conversation: channel, value: { coach: own.coach, input: 'other', other: 'x' } })).assertNoReply('no reply', 20);
  await adapter.send(activity(undefined, { channel: true, conversation: channel, value: { action: 'something else' } })).assertNoReply('no reply', 20);
});

test('the reference is saved when the bot is added, by an admin’s schedule, never by anyone else’s, and forgotten on removal', async () => {
  const channel = '19:ref-t@thread.tacv2';
  const update = (extra: Partial<Activity>): Partial<Activity> => ({
    ...activity(undefined, { channel: true, conversation: channel }), type: 'conversationUpdate',
    conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT } as Activity['conversation'], ...extra,
  });
  await adapter.send(activity('coach schedule on', { channel: true, mention: true, conversation: channel })).assertReply((reply) => {
    expect(textOf(reply)).toBe('Je vous ai répondu en privé.');
  });
  expect(sender.personalText()).toContain('seuls les administrateurs');
  expect(coach.stores(TENANT).read((ws) => ws.channels[channel]?.postTarget)).toBeUndefined();

  await adapter.send(update({ membersAdded: [BOT as Activity['from']] })).assertReply((welcome) => {
    expect(textOf(welcome)).toContain('/playbook');
  });
  expect(coach.stores(TENANT).read((ws) => ws.channels[channel]?.postTarget)).toMatchObject({ conversation: { id: channel } });
  await adapter.send(update({ membersRemoved: [BOT as Activity['from']] })).assertNoReply('no reply', 20);
  expect(coach.stores(TENANT).read((ws) => ws.channels[channel]?.postTarget)).toBeUndefined();

  await adapter.send(activity('coach schedule on', { channel: true, mention: true, from: ADMIN, conversation: channel })).assertReply((reply) => {
    expect(textOf(reply)).toBe('Je vous ai répondu en privé.');
  });
  expect(textOf(sender.personal.at(-1)!.activities[0]!)).toContain('0 9 * * 1-5');
  const data = coach.stores(TENANT).read((ws) => ws.channels[channel]!);
  expect(data.platform).toBe('teams');
  expect(data.scheduledSince).toBeTruthy();
  expect(data.postTarget).toMatchObject({ conversation: { id: channel } });
});

test('channel listening: an un-mentioned live situation gets an offer in its thread, once', async () => {
  const channel = '19:listen-t@thread.tacv2';
  await adapter.send(activity('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents', { channel: true, conversation: channel })).assertReply((offer) => {
    expect(textOf(offer)).toContain('Panne');
    expect(offer.conversation?.id).toContain(`${channel};messageid=`);
  });
  await adapter.send(activity('encore : le serveur de fichiers est tombé, personne peut travailler', { channel: true, conversation: channel })).assertNoReply('no reply', 20);
  await adapter.send(activity('/coach listen off', { channel: true, mention: true, conversation: channel })).assertReply((reply) => {
    expect(textOf(reply)).toBe('Je vous ai répondu en privé.');
  });
  expect(sender.personalText()).toContain('seuls les administrateurs');
});

test('an activity without a tenant is not attributed to anyone (authenticated mode)', async () => {
  const orphan = { ...activity('playbook outage'), channelData: {}, conversation: { id: 'a:chat-x', conversationType: 'personal' } as Activity['conversation'] };
  await adapter.send(orphan).assertNoReply('no reply', 20);
});
