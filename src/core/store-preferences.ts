// Preferences kept in the store, per workspace and member, through the store port.
import type { Lang } from '../content/model.js';
import type { StorePort } from '../store/port.js';
import type { PreferenceStore } from './preferences.js';

export class StorePreferences implements PreferenceStore {
  constructor(private readonly port: StorePort) {}

  async getLang(workspace: string, user: string): Promise<Lang | undefined> {
    return (await this.port.workspace(workspace).member(user))?.lang;
  }

  async setLang(workspace: string, user: string, lang: Lang): Promise<void> {
    await this.port.workspace(workspace).updateMember(user, (member) => { member.lang = lang; }, { create: true });
  }
}
