// The review queue's modals (issue 14, item 3): "Contest this score" on the private feedback asks the
// member for their reason; "Adjust" on a `/coach queue` item asks the admin for the new score (a menu of
// 0 to 10) and the reason. The submission runs the button's command with them appended, in the channel
// the button was in; the reply goes back the way a button's does (its response_url, else privately).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isLang, type Lang } from '../../content/model.js';
import { MAX_REASON_CHARS } from '../../domain/review-queue.js';
import { langOfBlock } from '../../render/block-kit.js';
import { afterAck, userLocale, type SlackDeps } from './context.js';
import { dispatch } from './dispatch.js';
import { readModalMeta } from './modal-meta.js';

const QUEUE_VIEW = 'coach:queue';
const REASON_BLOCK = 'reason';
const SCORE_BLOCK = 'score';
const ELEMENT = 'value';
/** The commands these modals complete: a contest of a named challenge, or an adjustment of a queue item. */
const CONTEST = /^\/coach contest \d{4}-\d{2}-\d{2}-[a-z0-9-]+\s*$/;
const ADJUST = /^\/coach queue adjust \d{1,9}\s*$/;

const STRINGS = {
  fr: {
    contestTitle: 'Contester la note', adjustTitle: 'Ajuster la note', submit: 'Envoyer', close: 'Annuler',
    reason: 'Pourquoi cette note vous semble-t-elle injuste?', adjustReason: 'La raison (le membre la lira)',
    score: 'Nouvelle note, sur 10', scorePick: 'Choisir',
  },
  en: {
    contestTitle: 'Contest the score', adjustTitle: 'Adjust the score', submit: 'Send', close: 'Cancel',
    reason: 'Why does this score seem unfair to you?', adjustReason: 'The reason (the member will read it)',
    score: 'New score, out of 10', scorePick: 'Choose',
  },
} as const;

/** Whether a button's command is completed in a review-queue modal. */
export function isQueueInput(value: string | undefined): boolean {
  return CONTEST.test(value ?? '') || ADJUST.test(value ?? '');
}

interface QueueModalMeta {
  channel: string;
  prefix: string;
  lang: Lang;
  responseUrl?: string;
}

export function queueModal(meta: QueueModalMeta) {
  const s = STRINGS[meta.lang];
  const adjust = ADJUST.test(meta.prefix);
  const plain = (text: string) => ({ type: 'plain_text', text });
  return {
    type: 'modal',
    callback_id: QUEUE_VIEW,
    private_metadata: JSON.stringify(meta),
    title: plain(adjust ? s.adjustTitle : s.contestTitle),
    submit: plain(s.submit),
    close: plain(s.close),
    blocks: [
      ...(adjust ? [{
        type: 'input', block_id: SCORE_BLOCK, label: plain(s.score),
        element: { type: 'static_select', action_id: ELEMENT, placeholder: plain(s.scorePick), options: Array.from({ length: 11 }, (_, n) => ({ text: plain(String(n)), value: String(n) })) },
      }] : []),
      {
        type: 'input', block_id: REASON_BLOCK, label: plain(adjust ? s.adjustReason : s.reason),
        element: { type: 'plain_text_input', action_id: ELEMENT, multiline: true, min_length: 3, max_length: MAX_REASON_CHARS },
      },
    ],
  };
}

export async function openQueueModal(deps: SlackDeps, client: WebClient, body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
  const workspace = body.team?.id ?? body.user.team_id ?? '';
  const channel = body.channel?.id ?? '';
  const prefix = (action.value ?? '').trim();
  if (!channel || !workspace || !isQueueInput(prefix)) return;
  const contextLang = langOfBlock(action.block_id);
  const lang = await deps.engine.langOf({
    workspace, channel, user: body.user.id, locale: await userLocale(client, workspace, body.user.id), text: '', ...(contextLang ? { contextLang } : {}),
  });
  const meta: QueueModalMeta = { channel, prefix, lang, ...(body.response_url && body.response_url.length <= 1000 ? { responseUrl: body.response_url } : {}) };
  await client.views.open({ trigger_id: body.trigger_id, view: queueModal(meta) as never });
}

export function registerQueueViews(app: App, deps: SlackDeps): void {
  app.view(QUEUE_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    await afterAck();
    const meta = readModalMeta(view.private_metadata);
    const channel = typeof meta.channel === 'string' ? meta.channel : '';
    // The command comes back from Slack: only the two shapes these modals complete are run.
    const prefix = typeof meta.prefix === 'string' && isQueueInput(meta.prefix) ? meta.prefix.trim() : '';
    const values = view.state.values;
    const reason = String(values[REASON_BLOCK]?.[ELEMENT]?.value ?? '').slice(0, MAX_REASON_CHARS).replace(/\s+/g, ' ').trim();
    const score = ADJUST.test(prefix) ? String(values[SCORE_BLOCK]?.[ELEMENT]?.selected_option?.value ?? '') : null;
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    if (!channel || !prefix || !reason || !workspace || (score !== null && !/^(10|\d)$/.test(score))) return;
    const replies = await deps.engine.handle({
      workspace, channel, user: body.user.id, userName: body.user.name,
      locale: await userLocale(client, workspace, body.user.id), text: `${prefix} ${score !== null ? `${score} ` : ''}${reason}`, platform: 'slack',
      ...(isLang(meta.lang) ? { contextLang: meta.lang } : {}),
    });
    const responseUrl = typeof meta.responseUrl === 'string' && meta.responseUrl.length <= 1000 ? meta.responseUrl : undefined;
    await dispatch(deps, { client, workspace, channel, user: body.user.id, ...(responseUrl ? { responseUrl } : {}) }, replies);
  });
}
