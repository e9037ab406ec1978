// The "answer in my own words" modal and its submission. The modal keeps the response_url of the button
// that opened it, so the feedback reaches the person the way a button's reply does, even where the coach
// is not a member (a challenge copy shown by /scenario); see private-reply.ts for the fallbacks.
import type { App } from '@slack/bolt';
import { isLang, type Lang } from '../../content/model.js';
import { afterAck, type SlackDeps } from './context.js';
import { slackRequestBase } from './request-base.js';
import { dispatch } from './dispatch.js';
import { readModalMeta } from './modal-meta.js';

const ANSWER_VIEW = 'coach:answer';
const INPUT_BLOCK = 'answer';
const INPUT_ELEMENT = 'text';
const MAX_ANSWER_LENGTH = 3000;

const STRINGS = {
  fr: { title: 'Votre réponse', submit: 'Envoyer', close: 'Annuler', label: 'Que feriez-vous? (une seule réponse par défi)' },
  en: { title: 'Your answer', submit: 'Send', close: 'Cancel', label: 'What would you do? (one answer per challenge)' },
} as const;

/** What the modal carries (private_metadata, at most 3,000 characters): where and how to answer. */
export interface AnswerModalMeta {
  channel: string;
  prefix: string;
  lang: Lang;
  /** The opening button's response_url, when it had one. */
  responseUrl?: string;
}

export function answerModal(meta: AnswerModalMeta, lang: Lang) {
  const s = STRINGS[lang];
  return {
    type: 'modal',
    callback_id: ANSWER_VIEW,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: s.title },
    submit: { type: 'plain_text', text: s.submit },
    close: { type: 'plain_text', text: s.close },
    blocks: [{
      type: 'input', block_id: INPUT_BLOCK,
      label: { type: 'plain_text', text: s.label },
      element: { type: 'plain_text_input', action_id: INPUT_ELEMENT, multiline: true, min_length: 3, max_length: MAX_ANSWER_LENGTH },
    }],
  };
}

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(ANSWER_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    await afterAck();
    const meta = readModalMeta(view.private_metadata);
    const channel = typeof meta.channel === 'string' ? meta.channel : '';
    const prefix = typeof meta.prefix === 'string' && meta.prefix.startsWith('/answer ') ? meta.prefix : '/answer ';
    const answer = String(view.state.values[INPUT_BLOCK]?.[INPUT_ELEMENT]?.value ?? '').slice(0, MAX_ANSWER_LENGTH).trim();
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    if (!channel || !answer || !workspace) return;
    const base = await slackRequestBase(client, { workspace, channel, user: body.user.id, ...(body.user.name ? { userName: body.user.name } : {}) });
    const replies = await deps.engine.handle({ ...base, text: `${prefix}${answer}`, ...(isLang(meta.lang) ? { contextLang: meta.lang } : {}) });
    const responseUrl = typeof meta.responseUrl === 'string' && meta.responseUrl.length <= 1000 ? meta.responseUrl : undefined;
    await dispatch(deps, { client, workspace, channel, user: body.user.id, ...(responseUrl ? { responseUrl } : {}) }, replies);
  });
}
