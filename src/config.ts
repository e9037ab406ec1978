// Configuration from the environment, validated once at start with one clear message per bad variable.
import { z } from 'zod';
import { LANGS } from './content/model.js';

const schema = z.object({
  COACH_CONTENT_DIR: z.string().trim().min(1, 'must name a folder').default('./content'),
  COACH_LANG: z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` }).default('fr'),
});

export interface Config {
  contentDir: string;
  defaultLang: (typeof LANGS)[number];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable in a .env file means "not set", as most tools treat it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        return `${name}: ${i.message} (got ${JSON.stringify(present[name])}).`;
      }),
    };
  }
  return { ok: true, config: { contentDir: parsed.data.COACH_CONTENT_DIR, defaultLang: parsed.data.COACH_LANG } };
}
