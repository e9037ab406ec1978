// Preferences kept in the store, per workspace and member.
import type { Lang } from '../content/model.js';
import type { WorkspaceStore } from '../store/store.js';
import type { PreferenceStore } from './preferences.js';

export class StorePreferences implements PreferenceStore {
  constructor(private readonly stores: (workspace: string) => WorkspaceStore) {}

  async getLang(workspace: string, user: string): Promise<Lang | undefined> {
    return this.stores(workspace).read((ws) => ws.members[user]?.lang);
  }

  async setLang(workspace: string, user: string, lang: Lang): Promise<void> {
    await this.stores(workspace).update((ws) => { (ws.members[user] ??= {}).lang = lang; });
  }
}
