// `/coach scenarios [off|on N]` (issue 16, item 4): which scenarios a channel's rotation draws from.
// Anyone may list them; only an admin may take one out or put it back. The set lives in
// ChannelData.scenariosOff; the rotation (domain/rotation.ts) draws from the rest without repeats.
import type { Lang, Library, Localized, Scenario } from '../../content/model.js';
import { scenariosInPlay } from '../../domain/rotation.js';
import type { StorePort } from '../../store/port.js';
import { text, type Message } from '../message.js';
import type { Request } from '../request.js';
import { sc } from '../scenario-choice-strings.js';

export interface ScenarioChoiceDeps {
  library: Library;
  port: StorePort;
  isAdmin: (workspace: string, user: string) => boolean;
}

/**
 * The scenario `which` names: its number (1-based position in the library, as shown by the list and the
 * posts' "Problem N") or its id (case-insensitive). Undefined when none matches.
 */
export function findScenario(library: Library, which: string): Localized<Scenario> | undefined {
  const key = which.trim().toLowerCase();
  if (/^\d{1,4}$/.test(key)) return library.scenarios.find((s) => s.fr.number === Number(key)) ?? library.scenarios[Number(key) - 1];
  return library.scenarios.find((s) => s.id.toLowerCase() === key);
}

/** Handles `/coach scenarios ARGS` for `req`, answering in `lang`. */
export async function scenariosCommand(deps: ScenarioChoiceDeps, req: Request, args: string[], lang: Lang): Promise<Message[]> {
  const { library } = deps;
  const count = library.scenarios.length;
  const mode = (args[0] ?? '').toLowerCase();
  if (mode === '' || mode === 'list' || mode === 'liste') return [await listMessage(deps, req, lang)];
  if ((mode !== 'off' && mode !== 'on') || args.length !== 2) return [text(sc(lang, 'usage', { count }))];
  if (!deps.isAdmin(req.workspace, req.user)) return [text(sc(lang, 'notAdmin'))];
  const scenario = findScenario(library, args[1]!);
  if (!scenario) return [text(sc(lang, 'unknown', { which: args[1]!.slice(0, 40), count }))];
  const vars = { number: numberOf(library, scenario), title: scenario[lang].title };
  const all = library.scenarios.map((s) => s.id);
  const store = deps.port.workspace(req.workspace);
  const known = (await store.channel(req.channel)) !== null;
  const decide = (channel: { scenariosOff?: string[] } | null) => {
    const current = channel?.scenariosOff;
    const off = new Set(Array.isArray(current) ? current.filter((id) => all.includes(id)) : []);
    if (mode === 'on') {
      if (!off.has(scenario.id)) return { outcome: 'alreadyOn' as const };
      off.delete(scenario.id);
    } else {
      if (off.has(scenario.id)) return { outcome: 'alreadyOff' as const };
      if (scenariosInPlay(all, [...off]).length <= 1) return { outcome: 'lastOne' as const };
      off.add(scenario.id);
    }
    return { outcome: mode === 'on' ? ('turnedOn' as const) : ('turnedOff' as const), off };
  };
  // Nothing to change for an unknown channel is said without creating it.
  const first = known ? null : decide(null);
  const changed = first && !first.off ? null : await store.updateChannel(req.channel, (channel) => {
    const decision = decide(channel);
    if (decision.off) {
      if (decision.off.size === 0) delete channel.scenariosOff;
      else channel.scenariosOff = all.filter((id) => decision.off.has(id));
    }
    return decision.outcome;
  });
  const outcome = changed?.found ? changed.result : first!.outcome;
  if (outcome !== 'turnedOff') return [text(sc(lang, outcome, vars))];
  const left = scenariosInPlay(all, changed?.found ? changed.settings.scenariosOff : undefined).length;
  return [text(sc(lang, left === 1 ? 'turnedOffOneLeft' : 'turnedOff', { ...vars, left }))];
}

function numberOf(library: Library, scenario: Localized<Scenario>): number {
  return scenario.fr.number || library.scenarios.indexOf(scenario) + 1;
}

/** The list: each scenario's number, title, id and whether it is in this channel's rotation. */
async function listMessage(deps: ScenarioChoiceDeps, req: Request, lang: Lang): Promise<Message> {
  const { library } = deps;
  const all = library.scenarios.map((s) => s.id);
  const off = (await deps.port.workspace(req.workspace).channel(req.channel))?.scenariosOff;
  const inPlay = new Set(scenariosInPlay(all, off));
  const items = library.scenarios.map((s) => ({
    text: `${numberOf(library, s)}. ${s[lang].title} (${s.id}) · ${sc(lang, inPlay.has(s.id) ? 'on' : 'off')}`,
  }));
  const out = all.length - inPlay.size;
  const summary = out === 0
    ? sc(lang, 'summaryAll', { count: all.length })
    : sc(lang, 'summarySome', {
      on: sc(lang, 'inPlay', { n: inPlay.size }),
      off: sc(lang, 'takenOut', { n: out }),
      count: all.length,
    });
  return {
    heading: sc(lang, 'heading'),
    sections: [{ parts: [{ kind: 'text', text: summary }, { kind: 'bullets', items }] }],
    footnote: sc(lang, 'howTo'),
    visibility: 'private',
    lang,
  };
}
