// The coach's command words and their aliases, in one table: the engine dispatches on it, and surfaces
// where the slash is optional (Teams) recognise commands with it.
export type CommandName = 'playbook' | 'coach' | 'scenario' | 'answer' | 'leaderboard' | 'help' | 'incident';

const ALIASES: Record<string, CommandName> = {
  playbook: 'playbook', playbooks: 'playbook',
  coach: 'coach',
  scenario: 'scenario', 'scénario': 'scenario', defi: 'scenario', 'défi': 'scenario',
  answer: 'answer', reponse: 'answer', 'réponse': 'answer',
  leaderboard: 'leaderboard', classement: 'leaderboard',
  help: 'help', aide: 'help',
  incident: 'incident', incidents: 'incident',
};

/** The command a word names (`/playbook`, `playbooks`, `/défi`…), or undefined. */
export function commandOf(word: string): CommandName | undefined {
  const key = word.toLowerCase().replace(/^\//, '');
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** Adds the slash to text that starts with a command word without one (`playbook outage`). */
export function withCommandSlash(text: string): string {
  const first = text.split(/\s+/)[0] ?? '';
  return !first.startsWith('/') && commandOf(first) ? `/${text}` : text;
}
