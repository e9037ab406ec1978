// The incident modals (issue 11): "Edit" the first notice and "Post update" open a box that starts from
// the draft (or the last update); "Start an incident" asks for its title. The submission runs the
// button's command with the text appended, in the channel the button was in.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isLang, type Lang } from '../../content/model.js';
import { MAX_TEXT_CHARS } from '../../domain/incidents/incidents.js';
import { langOfBlock } from '../../render/block-kit.js';
import { afterAck, userLocale, type SlackDeps } from './context.js';
import { dispatch } from './dispatch.js';
import { readModalMeta } from './modal-meta.js';

const INCIDENT_VIEW = 'coach:incident';
const INPUT_BLOCK = 'incident';
const INPUT_ELEMENT = 'text';
/** The commands a modal may complete: an update of a named incident, or a new incident's title. */
const PREFIX = /^\/incident (?:update #\d{1,9}|start)\s*$/;

const STRINGS = {
  fr: {
    update: 'Avis aux utilisateurs', start: 'Démarrer un incident', submit: 'Publier', startSubmit: 'Démarrer', close: 'Annuler',
    updateLabel: 'Le texte, tel que les utilisateurs le liront (dites quand viendra la prochaine mise à jour)',
    startLabel: 'Ce qui est en panne, comme les utilisateurs le nomment (ex. : lecteur réseau S:)',
  },
  en: {
    update: 'Notice to users', start: 'Start an incident', submit: 'Post', startSubmit: 'Start', close: 'Cancel',
    updateLabel: 'The text, as users will read it (say when the next update comes)',
    startLabel: 'What is down, as users name it (e.g. shared drive S:)',
  },
} as const;

/** Whether a button's command is completed in an incident modal. */
export function isIncidentInput(value: string | undefined): boolean {
  return PREFIX.test(value ?? '');
}

export function incidentModal(meta: { channel: string; prefix: string; lang: Lang }, initial: string | null) {
  const s = STRINGS[meta.lang];
  const start = meta.prefix.startsWith('/incident start');
  return {
    type: 'modal',
    callback_id: INCIDENT_VIEW,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: start ? s.start : s.update },
    submit: { type: 'plain_text', text: start ? s.startSubmit : s.submit },
    close: { type: 'plain_text', text: s.close },
    blocks: [{
      type: 'input', block_id: INPUT_BLOCK,
      label: { type: 'plain_text', text: start ? s.startLabel : s.updateLabel },
      element: {
        type: 'plain_text_input', action_id: INPUT_ELEMENT, multiline: !start, min_length: 2, max_length: start ? 150 : MAX_TEXT_CHARS,
        ...(initial ? { initial_value: initial.slice(0, MAX_TEXT_CHARS) } : {}),
      },
    }],
  };
}

export async function openIncidentModal(deps: SlackDeps, client: WebClient, body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
  const workspace = body.team?.id ?? body.user.team_id ?? '';
  const channel = body.channel?.id ?? '';
  const prefix = (action.value ?? '').trim();
  if (!channel || !workspace || !isIncidentInput(prefix)) return;
  const contextLang = langOfBlock(action.block_id);
  const lang = await deps.engine.langOf({
    workspace, channel, user: body.user.id, locale: await userLocale(client, workspace, body.user.id), text: '', ...(contextLang ? { contextLang } : {}),
  });
  const id = prefix.match(/#(\d+)/)?.[1];
  const initial = id && deps.incidents ? await deps.incidents.editText(workspace, id) : null;
  await client.views.open({ trigger_id: body.trigger_id, view: incidentModal({ channel, prefix, lang }, initial) as never });
}

export function registerIncidentViews(app: App, deps: SlackDeps): void {
  app.view(INCIDENT_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    await afterAck();
    const meta = readModalMeta(view.private_metadata);
    const channel = typeof meta.channel === 'string' ? meta.channel : '';
    const prefix = typeof meta.prefix === 'string' && isIncidentInput(meta.prefix) ? meta.prefix.trim() : '';
    const typed = String(view.state.values[INPUT_BLOCK]?.[INPUT_ELEMENT]?.value ?? '').slice(0, MAX_TEXT_CHARS).trim();
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    if (!channel || !prefix || !typed || !workspace) return;
    const replies = await deps.engine.handle({
      workspace, channel, user: body.user.id, userName: body.user.name,
      locale: await userLocale(client, workspace, body.user.id), text: `${prefix} ${typed}`, platform: 'slack',
      ...(isLang(meta.lang) ? { contextLang: meta.lang } : {}),
    });
    await dispatch(deps, { client, workspace, channel, user: body.user.id }, replies);
  });
}
