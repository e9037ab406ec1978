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
  /**
   * The action needs text from the person (a modal in Slack, a text input in Teams); `value` is its
   * prefix. `placeholder` is the box's hint and `initial` its starting text (a draft to edit), when given.
   */
  input?: { hint: string; placeholder?: string; initial?: string };
  /** A link instead of a command: the address (http or https) opened in the browser; `value` repeats it. */
  url?: string;
}

/** An incident's post (issue 11): which incident, in which channel, and what the message does there. */
export interface IncidentRef {
  id: string;
  /** The incident's channel: the message goes there even when the command came from elsewhere (a 1:1 chat). */
  channel: string;
  /** `post`: the incident's first post (its platform id is kept); `thread`: in that post's thread; `state`: replaces that post. */
  role: 'post' | 'thread' | 'state';
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
  /**
   * Private to this person (a user id of the request's workspace) rather than to the one who asked: a copy
   * sent to someone else, e.g. the debrief to each person who answered. Only with visibility `private`;
   * each surface delivers it in a private place (Slack: a DM from the coach; Teams: their 1:1 chat with
   * it; terminal: printed under their name).
   */
  to?: string;
  /** Set on an incident's public posts; surfaces deliver them with publishIncident (core/incidents/incident-posts.ts). */
  incident?: IncidentRef;
  /** People to notify with the message (a Slack or Teams mention): their platform ids, as the core knows them. */
  notify?: { id: string; name?: string }[];
  /**
   * A picture that goes with the message (the weekly recap's chart, issue 14). Slack uploads it after the
   * text; Teams shows it in the card from `url` (set by the adapter once the coach serves it); the terminal
   * prints its alt text. Surfaces that cannot show it show the alt text.
   */
  chart?: ChartImage;
}

/** A rendered PNG and what describes it. */
export interface ChartImage {
  png: Uint8Array;
  /** Alt text: the picture's content in words, in the message's language(s). */
  alt: string;
  title: string;
  /** File name for uploads (`recap-2026-W48.png`). */
  filename: string;
  /** Size in pixels. */
  width: number;
  height: number;
  /** Where the picture is served (https), once a surface put it there (Teams); absent until then. */
  url?: string;
}

export const text = (body: string, visibility: Message['visibility'] = 'private'): Message => ({
  sections: [{ parts: [{ kind: 'text', text: body }] }],
  visibility,
});
