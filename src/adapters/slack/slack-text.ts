// Slack's text format, read once at the edge so the core only ever sees plain text. Slack sends message
// and slash-command text with `&`, `<` and `>` written as entities, and with control sequences between
// real angle brackets: people <@U123|bob>, channels <#C123|general>, special mentions <!here>,
// <!subteam^S1|@team>, dates <!date^1700000000^{date}|Nov 14> and links <https://x.org|label>.
// (Source: Slack's "Formatting text for app surfaces", sections "Escaping text" and "Advanced formatting".)
//
// Order matters: the sequences are found first, on the raw text, then the entities of the rest are decoded,
// once. A person who typed `&lt;@U1&gt;` gets the text `<@U1>`, never a mention; one who typed `&lt;` gets
// `&lt;` back (Slack sent `&amp;lt;`). Rendering escapes again (render/block-kit.ts escapeSlack).

/** A person named in the text: the core reads them as `@ID` in the text, with this entry for the name. */
export interface SlackMention {
  id: string;
  /** The name Slack put in the sequence (<@U1|bob>); absent when Slack sent only the id (<@U1>). */
  name?: string;
}

export interface DecodedSlackText {
  /** Plain text: mentions as `@ID`, channels as `#name`, special mentions as `@here`, links as their label. */
  text: string;
  mentions: SlackMention[];
}

const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** `&amp;` `&lt;` `&gt;` → `&` `<` `>`, in one pass: `&amp;lt;` becomes `&lt;`, not `<`. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_, name: string) => ENTITIES[name]!);
}

/** Everything Slack may put between real angle brackets (never nested: a literal `<` is always `&lt;`). */
const SEQUENCE = /<([^<>]*)>/g;
const USER = /^@([UW][A-Z0-9]+)(?:\|([^]*))?$/i;
const CHANNEL = /^#([CGD][A-Z0-9]+)(?:\|([^]*))?$/i;
const SPECIAL = /^!([a-z]+)(?:\^([^|]*))?(?:\|([^]*))?$/i;
const LINK = /^([a-z][a-z0-9+.-]*:[^|]*)(?:\|([^]*))?$/i;

/**
 * Slack's text (a slash command's `text`, a message event's `text`) as plain text plus the people it
 * mentions, in order, each once. Never throws; text that is not a known sequence is kept as typed.
 */
export function decodeSlackText(raw: string): DecodedSlackText {
  const mentions: SlackMention[] = [];
  let text = '';
  let last = 0;
  for (const match of raw.matchAll(SEQUENCE)) {
    text += decodeEntities(raw.slice(last, match.index));
    text += decodeSequence(match[1]!, mentions);
    last = match.index + match[0].length;
  }
  text += decodeEntities(raw.slice(last));
  return { text, mentions };
}

function decodeSequence(inner: string, mentions: SlackMention[]): string {
  const user = USER.exec(inner);
  if (user) {
    const id = user[1]!.toUpperCase();
    const name = user[2] ? decodeEntities(user[2]).trim() : '';
    const known = mentions.find((m) => m.id === id);
    if (!known) mentions.push({ id, ...(name ? { name } : {}) });
    else if (name && !known.name) known.name = name;
    return `@${id}`;
  }
  const channel = CHANNEL.exec(inner);
  if (channel) return `#${channel[2] ? decodeEntities(channel[2]).trim() || channel[1] : channel[1]}`;
  const special = SPECIAL.exec(inner);
  if (special) return specialMention(special[1]!.toLowerCase(), special[2], special[3] === undefined ? undefined : decodeEntities(special[3]));
  const link = LINK.exec(inner);
  if (link) {
    // What the person saw: the label when there is one (Slack adds it when it links a typed address).
    const label = link[2] === undefined ? '' : decodeEntities(link[2]).trim();
    if (label) return label;
    const url = decodeEntities(link[1]!);
    return /^mailto:/i.test(url) ? url.slice(7) : url;
  }
  return decodeEntities(`<${inner}>`);
}

/** <!here>, <!channel>, <!everyone>, <!subteam^S1|@team>, <!date^…|fallback>: as the words people see. */
function specialMention(kind: string, detail: string | undefined, label: string | undefined): string {
  switch (kind) {
    case 'here':
    case 'channel':
    case 'everyone':
      return `@${kind}`;
    case 'subteam': {
      const name = label?.trim() || detail || 'subteam';
      return name.startsWith('@') ? name : `@${name}`;
    }
    case 'date': {
      if (label?.trim()) return label.trim();
      const seconds = Number(detail?.split('^')[0]);
      return Number.isFinite(seconds) && detail ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : '';
    }
    default:
      return label?.trim() || `@${kind}`;
  }
}
