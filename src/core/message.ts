import type { Lang } from '../content/model.js';

// The neutral reply model: what the coach says, with no idea of Slack, Teams or a terminal. Text is
// plain (never markup); each renderer escapes and formats it for its surface.
export interface Bullet {
  text: string;
  children?: Bullet[];
}

/** A section's content in reading order: paragraphs and bullet lists can alternate (a template does). */
export type Part = { kind: 'text'; text: string } | { kind: 'bullets'; items: Bullet[] };

export interface MessageSection {
  title?: string;
  parts: Part[];
}

/** The longest `value` an action may carry: every surface must send it back whole (Slack: 2,000 characters). */
export const MAX_ACTION_VALUE = 2000;

/** A button or choice; `value` is the command it sends back when picked. */
export interface Action {
  label: string;
  value: string;
  primary?: boolean;
  /** The action needs text from the person (a modal in Slack, a text input in Teams); `value` is its prefix. */
  input?: { hint: string };
}

export interface Message {
  heading?: string;
  sections: MessageSection[];
  actions?: Action[];
  footnote?: string;
  /** `private`: only the person who asked sees it (an ephemeral message in Slack). */
  visibility: 'public' | 'private';
  /** The language it is written in, so a click on one of its buttons is answered in the same one. */
  lang?: Lang;
  /**
   * What the message is about, for adapters that keep platform ids with it: a challenge post (to update
   * its answer count and thread its debrief), a debrief, or the feedback on an answer to that challenge.
   */
  ref?: { kind: 'challenge' | 'debrief' | 'feedback'; challengeId: string };
}

export const text = (body: string, visibility: Message['visibility'] = 'private'): Message => ({
  sections: [{ parts: [{ kind: 'text', text: body }] }],
  visibility,
});
