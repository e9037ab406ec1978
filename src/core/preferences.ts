// Per-person settings. An interface so the terminal can keep them in memory and the servers in the store.
import type { Lang } from '../content/model.js';

export interface PreferenceStore {
  getLang(workspace: string, user: string): Promise<Lang | undefined>;
  setLang(workspace: string, user: string, lang: Lang): Promise<void>;
}

export class MemoryPreferenceStore implements PreferenceStore {
  private readonly langs = new Map<string, Lang>();

  async getLang(workspace: string, user: string): Promise<Lang | undefined> {
    return this.langs.get(`${workspace}\u0000${user}`);
  }

  async setLang(workspace: string, user: string, lang: Lang): Promise<void> {
    this.langs.set(`${workspace}\u0000${user}`, lang);
  }
}
