// What a modal carries back from Slack in `private_metadata`: the JSON we put there when opening it, but
// it comes back as untrusted text, so every field is `unknown` until the handler checks it.

/** The fields our modals put in `private_metadata`; each must be checked before use. */
export interface ModalMeta {
  channel?: unknown;
  prefix?: unknown;
  lang?: unknown;
  responseUrl?: unknown;
}

/**
 * Parses a submitted view's `private_metadata`. Never throws: empty, malformed or non-object text gives
 * `{}` (the handler then finds its fields missing and does nothing).
 */
export function readModalMeta(privateMetadata: string | undefined): ModalMeta {
  try {
    const parsed: unknown = JSON.parse(privateMetadata || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ModalMeta) : {};
  } catch {
    return {};
  }
}
