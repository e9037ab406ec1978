// Draft reviews in Teams, through an action-based message extension (teams/manifest.json): "Review with
// Support Coach" on a message (composeExtension/fetchTask with the message) answers with a task module
// showing the review, or a form to pick the situation when it is unclear; "Review a reply draft" from the
// compose box opens the form; the form's submit (composeExtension/submitAction) answers with the review.
// A task module is seen only by the person who opened it: the draft is never posted, stored or logged.
import type { Activity, TurnContext } from 'botbuilder';
import type { Lang } from '../../content/model.js';
import type { Message } from '../../core/message.js';
import type { Request } from '../../core/request.js';
import { reviewLogFields, type ReviewOutcome } from '../../review/command.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCards, type AdaptiveCard, type CardElement } from '../../render/adaptive-cards.js';
import { requestBase } from './activity.js';
import type { TeamsDeps } from './context.js';

export const REVIEW_MESSAGE_COMMAND = 'reviewMessage';
export const REVIEW_DRAFT_COMMAND = 'reviewDraft';
const FETCH = 'composeExtension/fetchTask';
const SUBMIT = 'composeExtension/submitAction';
const AUTO = 'auto';
/** The longest draft the form accepts (the review's own limit). */
const MAX_DRAFT = 5000;

const STRINGS = {
  fr: {
    title: 'Révision du brouillon', draft: 'Votre brouillon de réponse', situation: 'Situation', auto: 'Devinez pour moi', submit: 'Réviser',
    pick: 'Choisissez la situation à laquelle ce brouillon répond.', required: 'Collez le brouillon à réviser.', unknown: 'Je ne sais pas qui vous êtes dans cette conversation : réessayez depuis Teams.',
  },
  en: {
    title: 'Draft review', draft: 'Your draft reply', situation: 'Situation', auto: 'Guess for me', submit: 'Review',
    pick: 'Choose the situation this draft answers.', required: 'Paste the draft to review.', unknown: 'I can’t tell who you are in this conversation: try again from Teams.',
  },
} as const;

export function isReviewInvoke(activity: Partial<Activity>): boolean {
  return activity.type === 'invoke' && (activity.name === FETCH || activity.name === SUBMIT);
}

/** Text of a Teams message body (HTML or plain): line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, '\'')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Answers a review invoke; the response goes back in the HTTP response of the invoke. */
export async function answerReviewInvoke(context: TurnContext, deps: TeamsDeps, anonymous: boolean): Promise<void> {
  const activity = context.activity;
  const value = record(activity.value);
  const base = requestBase(activity, anonymous);
  const request: Request | null = base ? { ...base, text: '' } : null;
  const lang: Lang = request ? await deps.engine.langOf(request) : activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
  const s = STRINGS[lang];
  const reply = (body: unknown) => context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
  if (!request || !deps.engine.reviews) return void (await reply({ task: { type: 'message', value: s.unknown } }));
  const situations = deps.engine.reviews.situations(lang);

  if (activity.name === FETCH) {
    if (value.commandId !== REVIEW_MESSAGE_COMMAND) return void (await reply(task(s.title, draftForm(lang, situations, {}))));
    const body = record(record(value.messagePayload).body);
    const content = typeof body.content === 'string' ? body.content : '';
    const draft = (body.contentType === 'text' ? content : htmlToText(content)).slice(0, MAX_DRAFT);
    const done = await deps.engine.review(request, { draft, retry: false });
    if (!done) return;
    log(deps, 'message-extension', draft, done.outcome);
    if (done.outcome.kind === 'unclear') return void (await reply(task(s.title, draftForm(lang, deps.engine.reviews.situations(lang, done.outcome.candidates), { draft, pick: true }))));
    return void (await reply(task(s.title, reviewCard(done.outcome.message))));
  }

  // The form's submit: its inputs are in value.data.
  const data = record(value.data);
  const draft = typeof data.draft === 'string' ? data.draft.slice(0, MAX_DRAFT) : '';
  const picked = typeof data.situation === 'string' && data.situation !== AUTO ? data.situation : undefined;
  if (!draft.trim()) return void (await reply(task(s.title, draftForm(lang, situations, { error: s.required }))));
  const done = await deps.engine.review(request, { draft, retry: false, ...(picked ? { situation: picked } : {}) });
  if (!done) return;
  log(deps, 'message-extension-form', draft, done.outcome);
  if (done.outcome.kind === 'unclear') return void (await reply(task(s.title, draftForm(lang, deps.engine.reviews.situations(lang, done.outcome.candidates), { draft, pick: true }))));
  await reply(task(s.title, reviewCard(done.outcome.message)));
}

function task(title: string, card: AdaptiveCard) {
  return { task: { type: 'continue', value: { title, height: 'large', width: 'large', card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card } } } };
}

/** The review's cards as one card (a review is short), without buttons. */
export function reviewCard(message: Message): AdaptiveCard {
  const cards = renderAdaptiveCards({ ...message, actions: [] });
  return { ...cards[0]!, body: cards.flatMap((c) => c.body), actions: [] };
}

/** The form: the draft (prefilled from a message) and its situation. */
export function draftForm(lang: Lang, situations: { id: string; title: string }[], options: { draft?: string; pick?: boolean; error?: string }): AdaptiveCard {
  const s = STRINGS[lang];
  const choices = [...(options.pick ? [] : [{ title: s.auto, value: AUTO }]), ...situations.map((x) => ({ title: x.title, value: x.id }))];
  const body: CardElement[] = [];
  if (options.pick) body.push({ type: 'TextBlock', text: s.pick, wrap: true, weight: 'Bolder' });
  if (options.error) body.push({ type: 'TextBlock', text: options.error, wrap: true, color: 'Attention' });
  body.push(
    { type: 'Input.Text', id: 'draft', label: s.draft, isMultiline: true, maxLength: MAX_DRAFT, isRequired: true, errorMessage: s.required, ...(options.draft ? { value: options.draft } : {}) },
    { type: 'Input.ChoiceSet', id: 'situation', label: s.situation, style: 'compact', isRequired: true, errorMessage: s.pick, choices, value: choices[0]!.value },
  );
  return {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
    body, actions: [{ type: 'Action.Submit', title: s.submit }],
  };
}

function log(deps: TeamsDeps, via: string, draft: string, outcome: ReviewOutcome): void {
  deps.logger.info({ surface: 'teams', via, ...reviewLogFields(draft, outcome) }, 'draft reviewed');
}
