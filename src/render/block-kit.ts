// Neutral messages as Slack Block Kit. Every piece of text is escaped (&, <, >), so nobody can make the
// bot ping @channel or forge a link through text it echoes; long content is split within Slack's limits
// (3,000 characters per text, 50 blocks per message, 25 buttons per actions block).
import type { Lang } from '../content/model.js';
import type { Action, Bullet, Message } from '../core/message.js';
import { splitText } from './split-text.js';

export const LIMITS = { text: 3000, blocks: 50, header: 150, buttonText: 75, buttonValue: 2000, url: 3000, buttonsPerBlock: 25 } as const;

export interface SlackBlock { type: string; [key: string]: unknown }
export interface SlackMessage { text: string; blocks: SlackBlock[] }

/** The action_id prefix of our buttons; the button's value is the command it sends. */
export const ACTION_PREFIX = 'coach:';
/** The button that opens the "answer in my own words" modal. */
export const INPUT_ACTION = 'coach:input';

/** A Slack member id (U… or W…): the only thing ever written inside a mention. */
const SLACK_MEMBER = /^[UW][A-Z0-9]{1,20}$/;

/**
 * Plain text as mrkdwn that shows exactly that text: `&`, `<`, `>` as entities, and `@here`, `@channel`,
 * `@everyone` (a decoded <!here> echoed back, or typed) broken by an invisible word joiner, because
 * mrkdwn text is "automatically parsed" for certain mentions (Slack's text object, `verbatim: false`).
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function bulletLines(items: Bullet[], depth = 0): string[] {
  return items.flatMap((b) => [`${'    '.repeat(depth)}${depth === 0 ? '•' : '◦'} ${escapeSlack(b.text)}`, ...bulletLines(b.children ?? [], depth + 1)]);
}

function sections(text: string): SlackBlock[] {
  return splitText(text, LIMITS.text).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

/** Buttons carry the language of their message in their block's id, so a click is answered in it. */
const LANG_BLOCK = /^coach:lang:(fr|en)(?::\d+)?$/;
export function langOfBlock(blockId: string | undefined): Lang | undefined {
  return blockId?.match(LANG_BLOCK)?.[1] as Lang | undefined;
}

/** Link buttons (Action.url): Slack opens the address and still sends a click, which is only acknowledged. */
export const LINK_ACTION = 'coach-link';

function buttons(actions: Action[], lang: Lang | undefined): SlackBlock[] {
  const elements = actions.map((a, i) => (a.url
    ? { type: 'button', action_id: `${LINK_ACTION}:${i}`, text: plain(a.label, LIMITS.buttonText), url: a.url.slice(0, LIMITS.url) }
    : {
        type: 'button',
        action_id: a.input ? INPUT_ACTION : `${ACTION_PREFIX}${i}`,
        text: plain(a.label, LIMITS.buttonText),
        value: a.value.slice(0, LIMITS.buttonValue),
        ...(a.primary ? { style: 'primary' } : {}),
      }));
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.buttonsPerBlock) {
    blocks.push({ type: 'actions', ...(lang ? { block_id: `coach:lang:${lang}:${i}` } : {}), elements: elements.slice(i, i + LIMITS.buttonsPerBlock) });
  }
  return blocks;
}

/**
 * One neutral message → one or more Slack messages (more only when it has over 50 blocks). Choices whose
 * labels are too long for a button are also listed in the text, numbered like their buttons.
 */
const rendered = new WeakMap<Message, SlackMessage[]>();

export function renderBlockKit(message: Message): SlackMessage[] {
  let out = rendered.get(message);
  if (!out) rendered.set(message, (out = render(message)));
  return out;
}

function render(message: Message): SlackMessage[] {
  const blocks: SlackBlock[] = [];
  if (message.heading) blocks.push({ type: 'header', text: plain(message.heading, LIMITS.header) });
  // People to notify (an incident's owner): real mentions, only for well-formed member ids.
  const mentions = (message.notify ?? []).filter((p) => SLACK_MEMBER.test(p.id)).map((p) => `<@${p.id}>`);
  if (mentions.length) blocks.push({ type: 'section', text: mrkdwn(mentions.join(' ')) });
  for (const section of message.sections) {
    const lines: string[] = [];
    if (section.title) lines.push(`*${escapeSlack(section.title)}*`);
    for (const part of section.parts) {
      if (part.kind === 'text') lines.push(escapeSlack(part.text));
      else lines.push(bulletLines(part.items).join('\n'));
    }
    if (lines.length) blocks.push(...sections(lines.join('\n')));
  }
  const actions = message.actions ?? [];
  if (actions.some((a) => a.label.length > LIMITS.buttonText)) {
    blocks.push(...sections(actions.filter((a) => !a.input && !a.url).map((a, i) => `*${i + 1}.* ${escapeSlack(a.label)}`).join('\n')));
  }
  const numbered = actions.map((a, i) => (a.input || a.url || actions.every((x) => x.label.length <= LIMITS.buttonText) ? a : { ...a, label: `${i + 1}. ${a.label}` }));
  const actionBlocks = buttons(numbered, message.lang);
  const footer: SlackBlock[] = message.footnote ? [{ type: 'context', elements: [mrkdwn(truncate(escapeSlack(message.footnote), LIMITS.text))] }] : [];

  const fallback = truncate(escapeSlack(message.heading ?? firstText(message) ?? 'Support Coach'), LIMITS.text);
  const all = [...blocks, ...actionBlocks, ...footer];
  const out: SlackMessage[] = [];
  for (let i = 0; i < all.length; i += LIMITS.blocks) out.push({ text: fallback, blocks: all.slice(i, i + LIMITS.blocks) });
  return out.length ? out : [{ text: fallback, blocks: [] }];
}

function firstText(message: Message): string | undefined {
  for (const s of message.sections) for (const p of s.parts) if (p.kind === 'text') return p.text;
  return undefined;
}
