// Checks that span files: ids unique, both languages present and in agreement, references resolve.
import { foldKey } from '../text/fold.js';
import { checkIncidentContent } from './incident-content.js';
import { didYouMean } from './did-you-mean.js';
import { LANGS, type Drill, type Lang, type Library, type Localized, type Playbook, type Scenario } from './model.js';
import type { ProblemList } from './problems.js';

type Item = Playbook | Scenario | Drill;

/** Where a front-matter field of an item is, or the top of its file. */
function at(item: Item, field: string): [string, number] {
  return [item.source.file, item.source.fields?.[field] ?? item.source.line];
}

export function checkLibrary(playbooks: Playbook[], scenarios: Scenario[], problems: ProblemList, unreadableIds = new Set<string>(), drills: Drill[] = []): Library {
  const pb = pairUp('playbook', playbooks, problems, unreadableIds);
  const sc = pairUp('scenario', scenarios, problems, unreadableIds);
  const dr = pairUp('drill', drills, problems, unreadableIds);
  for (const pair of dr.pairs) checkDrillParity(pair, problems);
  checkIncidentContent(playbooks, problems);
  for (const p of playbooks) {
    if (sc.ids.has(p.id)) problems.error(...at(p, 'id'), `duplicate id "${p.id}": a scenario uses it too. Give each playbook and scenario its own id.`);
  }
  checkAliases(playbooks, problems);
  checkScenarioNumbers(scenarios, problems);
  for (const s of scenarios) {
    for (const ref of s.playbooks) {
      if (!pb.ids.has(ref)) {
        problems.error(...at(s, 'playbooks'), `unknown playbook reference "${ref}" in \`playbooks\`:${didYouMean(ref, [...pb.ids].sort())} Use one of ${[...pb.ids].sort().join(', ') || '(no playbook yet)'}.`);
      }
    }
  }
  for (const pair of pb.pairs) checkPlaybookParity(pair, problems);
  for (const pair of sc.pairs) checkScenarioParity(pair, problems);
  return {
    playbooks: pb.pairs.sort((a, b) => a.fr.order - b.fr.order || a.id.localeCompare(b.id)),
    scenarios: sc.pairs.sort((a, b) => a.fr.number - b.fr.number),
    drills: dr.pairs.sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** Both languages of a drill run the same script: the same events at the same minutes. */
function checkDrillParity({ id, fr, en }: Localized<Drill>, problems: ProblemList): void {
  const minutes = (d: Drill) => d.events.map((e) => e.minute).join(', ');
  if (minutes(fr) !== minutes(en)) {
    problems.error(en.source.file, en.events[0]?.source.line ?? en.source.line, `the events of the drill "${id}" are at ${minutes(en) || 'no minute'} here but at ${minutes(fr) || 'no minute'} in ${fr.source.file}: translate every event, at the same minute.`);
  }
}

function pairUp<T extends Item>(kind: string, items: T[], problems: ProblemList, unreadableIds: Set<string>): { pairs: Localized<T>[]; ids: Set<string> } {
  const byId = new Map<string, Partial<Record<Lang, T>>>();
  for (const item of items) {
    const entry = byId.get(item.id) ?? {};
    const existing = entry[item.lang];
    if (existing) {
      problems.error(...at(item, 'id'), `duplicate id "${item.id}" in ${item.lang}: ${existing.source.file} already defines this ${kind}. Rename one of them.`);
      continue;
    }
    entry[item.lang] = item;
    byId.set(item.id, entry);
  }
  const pairs: Localized<T>[] = [];
  for (const [id, entry] of byId) {
    const missing = LANGS.filter((l) => !entry[l]);
    if (missing.length) {
      if (unreadableIds.has(id)) continue;
      const present = LANGS.map((l) => entry[l]).find(Boolean)!;
      for (const lang of missing) {
        problems.error(...at(present, 'id'), `missing translation: the ${kind} "${id}" has no ${lang === 'fr' ? 'French' : 'English'} file. Add one with \`id: ${id}\` and \`lang: ${lang}\`.`);
      }
      continue;
    }
    pairs.push({ id, ...(entry as Record<Lang, T>) });
  }
  return { pairs, ids: new Set(byId.keys()) };
}

function checkAliases(playbooks: Playbook[], problems: ProblemList): void {
  const owner = new Map<string, Playbook>();
  for (const p of playbooks) {
    for (const alias of p.aliases) {
      const key = `${p.lang}:${foldKey(alias)}`;
      const other = owner.get(key);
      if (other && other.id !== p.id) {
        problems.error(...at(p, 'aliases'), `the alias "${alias}" also belongs to the playbook "${other.id}" (${other.source.file}): an alias must point to one playbook only.`);
      }
      owner.set(key, p);
    }
  }
}

function checkScenarioNumbers(scenarios: Scenario[], problems: ProblemList): void {
  const seen = new Map<string, Scenario>();
  for (const s of scenarios) {
    const key = `${s.lang}:${s.number}`;
    const other = seen.get(key);
    if (other && other.id !== s.id) {
      problems.error(...at(s, 'number'), `duplicate scenario number ${s.number}: "${other.id}" (${other.source.file}) has it too. Give each scenario its own number.`);
    }
    seen.set(key, s);
  }
}

function checkPlaybookParity({ id, fr, en }: Localized<Playbook>, problems: ProblemList): void {
  if (fr.order !== en.order) problems.error(...at(en, 'order'), `\`order\` is ${en.order} here but ${fr.order} in ${fr.source.file}: the playbook "${id}" must have one place in the index.`);
  const kinds = (p: Playbook) => p.sections.map((s) => s.kind).join(',');
  if (kinds(fr) !== kinds(en)) {
    problems.error(en.source.file, en.source.line, `the tabs do not match the French file (${fr.sections.map((s) => s.title).join(', ')}): translate every tab, in the same order.`);
  }
}

function checkScenarioParity({ id, fr, en }: Localized<Scenario>, problems: ProblemList): void {
  if (fr.number !== en.number) problems.error(...at(en, 'number'), `\`number\` is ${en.number} here but ${fr.number} in ${fr.source.file}: use the same number in both languages.`);
  if ([...fr.playbooks].sort().join() !== [...en.playbooks].sort().join()) {
    problems.error(...at(en, 'playbooks'), `\`playbooks\` differ from the French file (${fr.playbooks.join(', ')}): list the same playbooks in both languages.`);
  }
  compareIds('rubric point', fr.rubric, en.rubric, fr, en, problems);
  compareIds('red flag', fr.redFlags, en.redFlags, fr, en, problems);
  for (const p of en.rubric) {
    const twin = fr.rubric.find((q) => q.id === p.id);
    if (twin && twin.weight !== p.weight) problems.error(p.source.file, p.source.line, `rubric point "${p.id}" weighs ${p.weight} here but ${twin.weight} in French: use the same weight.`);
  }
  for (const f of en.redFlags) {
    const twin = fr.redFlags.find((q) => q.id === f.id);
    if (twin && twin.cap !== f.cap) problems.error(f.source.file, f.source.line, `red flag "${f.id}" caps at ${f.cap} here but ${twin.cap} in French: use the same cap.`);
  }
  if (fr.choices.length !== en.choices.length) {
    problems.error(en.source.file, en.source.line, `${en.choices.length} options here but ${fr.choices.length} in ${fr.source.file}: translate every option.`);
    return;
  }
  en.choices.forEach((c, i) => {
    const twin = fr.choices[i]!;
    if (c.best !== twin.best) problems.error(c.source.file, c.source.line, `option ${i + 1} is ${c.best ? '' : 'not '}the best here but ${twin.best ? '' : 'not '}in French: tick the same option in both languages.`);
    if (c.points !== twin.points) problems.error(c.source.file, c.source.line, `option ${i + 1} is worth ${c.points} points here but ${twin.points} in French: use the same points.`);
  });
}

function compareIds(what: string, frList: { id: string }[], enList: { id: string }[], fr: Scenario, en: Scenario, problems: ProblemList): void {
  const frIds = new Set(frList.map((x) => x.id));
  const enIds = new Set(enList.map((x) => x.id));
  for (const id of frIds) if (!enIds.has(id)) problems.error(...at(en, what === 'rubric point' ? 'rubric' : 'red_flags'), `missing translation: ${what} "${id}" of ${fr.source.file} is not in this file. Add it with the same id.`);
  for (const id of enIds) if (!frIds.has(id)) problems.error(...at(fr, what === 'rubric point' ? 'rubric' : 'red_flags'), `missing translation: ${what} "${id}" of ${en.source.file} is not in this file. Add it with the same id.`);
  const seen = new Set<string>();
  for (const list of [frList, enList]) {
    seen.clear();
    for (const x of list as ({ id: string; source: { file: string; line: number } })[]) {
      if (seen.has(x.id)) problems.error(x.source.file, x.source.line, `duplicate id "${x.id}" among the ${what}s: give each its own id.`);
      seen.add(x.id);
    }
  }
}
