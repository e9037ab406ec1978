// Display names (people, channels) as they may be shown: what the person typed, without the invisible
// characters that can reorder or hide text. A name like "bob\u202Enimda" would render as "bobadmin" and
// flip the rest of a leaderboard line; zero-width characters make two names look identical. One function,
// used where names are stored (members, channels) and again where they are rendered (boards, replies,
// cards, CSV), so a name stored before this rule existed is cleaned on its way out too.

/** Longest name kept; platforms allow 80 (Slack) to 256 (Teams) characters, boards need far fewer. */
export const MAX_NAME_CHARS = 80;

// Line breaks, tabs and the other C0 and C1 controls (and DEL) become a space: a name is one line.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Invisible format characters are removed: the soft hyphen, the Arabic letter mark, the Mongolian vowel
// separator, zero-width space/non-joiner and direction marks (U+200B–200F), bidi embeddings and overrides
// (U+202A–202E), word joiner and invisible operators (U+2060–2064), bidi isolates (U+2066–2069),
// deprecated format characters (U+206A–206F), the BOM (U+FEFF), interlinear annotations (U+FFF9–FFFB)
// the Hangul fillers that render as blanks (U+115F, U+1160, U+3164, U+FFA0) and the tag characters
// (U+E0000–E007F).
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u115f\u1160\u3164\uffa0]|[\u{e0000}-\u{e007f}]/gu;

// U+200D (zero-width joiner) is kept only inside an emoji sequence (👩‍💻), where it is visible as one glyph.
const LONE_JOINER = /(?<![\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/**
 * The name as it may be displayed: invisible and direction-changing characters removed, runs of spaces
 * collapsed, trimmed, at most MAX_NAME_CHARS characters (by code point, never splitting a surrogate pair).
 * Undefined when nothing visible is left (or the value is not a string), so callers fall back to another
 * name rather than showing an empty one.
 */
export function cleanName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const cleaned = raw.normalize('NFC').replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(LONE_JOINER, '').replace(/\s+/gu, ' ').trim();
  if (!cleaned) return undefined;
  const chars = [...cleaned];
  return chars.length > MAX_NAME_CHARS ? `${chars.slice(0, MAX_NAME_CHARS - 1).join('').trimEnd()}…` : cleaned;
}
