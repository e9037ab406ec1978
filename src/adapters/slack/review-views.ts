// Draft reviews in Slack modals: the "Review with Support Coach" message shortcut reviews the message's
// text and shows the review in a modal (views.open with the shortcut's trigger_id); the "Review a reply
// draft" global shortcut opens a modal to paste a draft and pick its situation, and its submission
// updates the modal with the review. A modal is seen only by the person who opened it: the draft is never
// posted, stored or logged (logs get counts only).
import type { App, GlobalShortcut, MessageShortcut, SlackViewAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isLang, type Lang } from '../../content/model.js';
import type { Message } from '../../core/message.js';
import { reviewLogFields, type ReviewOutcome } from '../../review/command.js';
import { renderBlockKit, type SlackBlock } from '../../render/block-kit.js';
import { userLocale, type SlackDeps } from './context.js';
import { readModalMeta } from './modal-meta.js';

export const REVIEW_MESSAGE_SHORTCUT = 'coach_review_message';
export const REVIEW_DRAFT_SHORTCUT = 'coach_review_draft';
const REVIEW_VIEW = 'coach:review';
const DRAFT_BLOCK = 'draft';
const DRAFT_ELEMENT = 'text';
const SITUATION_BLOCK = 'situation';
const SITUATION_ELEMENT = 'choice';
const AUTO = 'auto';
/** Slack's limit for a plain-text input. */
const MAX_INPUT = 3000;

const STRINGS = {
  fr: {
    title: 'Révision', submit: 'Réviser', close: 'Fermer', draft: 'Votre brouillon de réponse',
    draftHint: 'Collez la réponse que vous allez envoyer à l’utilisateur.', situation: 'Situation', auto: 'Devinez pour moi',
    pick: 'Choisissez la situation à laquelle ce brouillon répond.', cut: 'Le message a été coupé à 3 000 caractères pour la révision.',
  },
  en: {
    title: 'Review', submit: 'Review', close: 'Close', draft: 'Your draft reply',
    draftHint: 'Paste the reply you are about to send to the user.', situation: 'Situation', auto: 'Guess for me',
    pick: 'Choose the situation this draft answers.', cut: 'The message was cut to 3,000 characters for the review.',
  },
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** Slack message markup back to what the person wrote: mentions, channels and links as their labels. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_, id: string, name?: string) => `@${name || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(?:https?|mailto|tel):[^>|]*\|([^>]*)>/gi, '$1')
    .replace(/<((?:https?|mailto|tel):[^>]*)>/gi, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The modal to paste a draft (prefilled from a message when the situation must be asked). */
export function draftModal(lang: Lang, situations: { id: string; title: string }[], options: { draft?: string; auto?: boolean; cut?: boolean } = {}) {
  const s = STRINGS[lang];
  const choices = [...(options.auto !== false ? [{ id: AUTO, title: s.auto }] : []), ...situations];
  const option = (c: { id: string; title: string }) => ({ text: plain(c.title.slice(0, 75)), value: c.id });
  const blocks: SlackBlock[] = [];
  if (options.auto === false) blocks.push({ type: 'section', text: plain(s.pick) });
  if (options.cut) blocks.push({ type: 'context', elements: [plain(s.cut)] });
  blocks.push(
    {
      type: 'input', block_id: DRAFT_BLOCK, label: plain(s.draft), hint: plain(s.draftHint),
      element: { type: 'plain_text_input', action_id: DRAFT_ELEMENT, multiline: true, max_length: MAX_INPUT, ...(options.draft ? { initial_value: options.draft.slice(0, MAX_INPUT) } : {}) },
    },
    {
      type: 'input', block_id: SITUATION_BLOCK, label: plain(s.situation),
      element: { type: 'static_select', action_id: SITUATION_ELEMENT, options: choices.map(option), ...(options.auto !== false ? { initial_option: option(choices[0]!) } : {}) },
    },
  );
  return {
    type: 'modal', callback_id: REVIEW_VIEW, private_metadata: JSON.stringify({ lang }),
    title: plain(s.title), submit: plain(s.submit), close: plain(s.close), blocks,
  };
}

/** A review (or a refusal) shown in a modal: the message's blocks, without buttons. */
export function reviewModal(message: Message, lang: Lang) {
  const blocks = renderBlockKit(message).flatMap((part) => part.blocks).filter((b) => b.type !== 'actions');
  return { type: 'modal', title: plain(STRINGS[lang].title), close: plain(STRINGS[lang].close), blocks: blocks.slice(0, 100) };
}

export function registerReviewViews(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(REVIEW_MESSAGE_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    const workspace = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const base = { workspace, channel: shortcut.channel.id, user: shortcut.user.id, platform: 'slack' as const };
    const raw = slackTextToPlain(String(shortcut.message.text ?? ''));
    const draft = raw.slice(0, MAX_INPUT);
    const done = await deps.engine.review({ ...base, locale: await userLocale(client, workspace, shortcut.user.id), text: '' }, { draft, retry: false });
    if (!done) return;
    log(deps, 'message-shortcut', draft, done.outcome);
    const view = done.outcome.kind === 'unclear'
      ? draftModal(done.lang, deps.engine.reviews?.situations(done.lang, done.outcome.candidates) ?? [], { draft, auto: false, cut: raw.length > MAX_INPUT })
      : reviewModal(done.outcome.message, done.lang);
    await open(client, shortcut.trigger_id, view);
  });

  app.shortcut<GlobalShortcut>(REVIEW_DRAFT_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    const workspace = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const lang = await deps.engine.langOf({ workspace, channel: '', user: shortcut.user.id, locale: await userLocale(client, workspace, shortcut.user.id), text: '' });
    await open(client, shortcut.trigger_id, draftModal(lang, deps.engine.reviews?.situations(lang) ?? []));
  });

  app.view<SlackViewAction>(REVIEW_VIEW, async ({ ack, body, view }) => {
    const meta = readModalMeta(view.private_metadata);
    const values = view.state.values;
    const draft = String(values[DRAFT_BLOCK]?.[DRAFT_ELEMENT]?.value ?? '').slice(0, MAX_INPUT);
    const picked = values[SITUATION_BLOCK]?.[SITUATION_ELEMENT]?.selected_option?.value;
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const done = await deps.engine.review(
      { workspace, channel: '', user: body.user.id, platform: 'slack', text: '', ...(isLang(meta.lang) ? { contextLang: meta.lang } : {}) },
      { draft, retry: false, ...(picked && picked !== AUTO ? { situation: picked } : {}) },
    );
    if (!done) return ack();
    log(deps, 'draft-modal', draft, done.outcome);
    const { outcome, lang } = done;
    if (outcome.kind === 'unclear') return ack({ response_action: 'errors', errors: { [SITUATION_BLOCK]: STRINGS[lang].pick } });
    if (outcome.kind === 'refused' && (outcome.reason === 'empty' || outcome.reason === 'no-words' || outcome.reason === 'too-long')) {
      return ack({ response_action: 'errors', errors: { [DRAFT_BLOCK]: messageText(outcome.message) } });
    }
    return ack({ response_action: 'update', view: reviewModal(outcome.message, lang) as never });
  });
}


async function open(client: WebClient, triggerId: string, view: object): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: view as never });
}

function messageText(message: Message): string {
  return message.sections.flatMap((s) => s.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []))).join(' ').slice(0, 150);
}

function log(deps: SlackDeps, via: string, draft: string, outcome: ReviewOutcome): void {
  deps.logger.info({ surface: 'slack', via, ...reviewLogFields(draft, outcome) }, 'draft reviewed');
}
