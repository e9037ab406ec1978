// The private feedback on a graded answer, as the project's neutral Message, in the answerer's language:
// the score, the points covered and missed (free text) or the option's own explanation (choice), the red
// flags that capped the score, and the playbooks to review. Never the best option or the model answer:
// those come with the debrief (in the challenge's thread, and privately to each person who answered).
import type { Lang, Library, Localized, Scenario } from '../content/model.js';
import type { Message, MessageSection } from '../core/message.js';
import { plainInline } from '../core/playbook-message.js';
import { BUILT_IN_FLAGS, type BuiltInFlag } from './built-in-flags.js';
import type { GradeResult } from './grade.js';
import { gt } from './strings.js';
import { pointsText } from '../core/board-i18n.js';

/** Playbook titles by id and language, when the whole Library is not at hand. */
export type PlaybookTitles = Record<string, Partial<Record<Lang, string>>>;

/** What feedback needs of a grade: a full GradeResult, or the same facts as stored with an answer. */
export type GradeFacts =
  | Pick<Extract<GradeResult, { kind: 'free-text' }>, 'kind' | 'score' | 'max' | 'covered' | 'missed' | 'flags'>
  | Pick<Extract<GradeResult, { kind: 'choice' }>, 'kind' | 'score' | 'max' | 'index'>;

export function feedbackMessage(
  scenario: Localized<Scenario>,
  result: GradeFacts,
  lang: Lang,
  playbooks: Library | PlaybookTitles,
): Message {
  const s = scenario[lang];
  const sections: MessageSection[] = [];
  if (result.kind === 'free-text') {
    const sentence = new Map(s.rubric.map((p) => [p.id, p.point]));
    const covered = result.covered.map((id) => ({ text: sentence.get(id) ?? id }));
    const missed = result.missed.map((id) => ({ text: sentence.get(id) ?? id }));
    sections.push({
      title: gt(lang, 'covered'),
      parts: [covered.length ? { kind: 'bullets', items: covered } : { kind: 'text', text: gt(lang, 'noneCovered') }],
    });
    sections.push({
      title: gt(lang, 'missed'),
      parts: [missed.length ? { kind: 'bullets', items: missed } : { kind: 'text', text: gt(lang, 'allCovered') }],
    });
    const flags = s.redFlags.filter((f) => result.flags.includes(f.id));
    // A disrespectful tone and a bare list of words are flagged on any scenario: named by the grader's strings.
    const builtIn = (Object.keys(BUILT_IN_FLAGS) as BuiltInFlag[]).filter((id) => result.flags.includes(id));
    if (flags.length || builtIn.length) {
      sections.push({
        title: gt(lang, 'flags'),
        parts: [{ kind: 'bullets', items: [
          ...flags.map((f) => ({ text: gt(lang, 'flagItem', { flag: f.flag, cap: f.cap, max: result.max }) })),
          ...builtIn.map((id) => ({ text: gt(lang, 'flagItem', { flag: gt(lang, id), cap: BUILT_IN_FLAGS[id], max: result.max }) })),
        ] }],
      });
    }
  } else {
    // How this choice did and why, and nothing about the others: the best choice and the model answer
    // come with the debrief, so nobody can tell the channel before it.
    const choice = s.choices[result.index];
    sections.push({
      title: gt(lang, 'yourChoice', { points: pointsText(lang, result.score), max: result.max }),
      parts: [
        { kind: 'text', text: plainInline(choice?.text ?? '') },
        { kind: 'text', text: plainInline(choice?.explanation ?? '') },
      ],
    });
  }
  const lines = s.playbooks.map((id) => gt(lang, 'playbookLine', { id, title: playbookTitle(playbooks, id, lang) ?? id }));
  if (lines.length) sections.push({ title: gt(lang, 'playbooks'), parts: [{ kind: 'bullets', items: lines.map((text) => ({ text })) }] });
  return {
    heading: gt(lang, 'heading', { number: s.number, title: s.title, score: result.score, max: result.max }),
    sections,
    footnote: gt(lang, 'footnote'),
    visibility: 'private',
    lang,
  };
}

function playbookTitle(playbooks: Library | PlaybookTitles, id: string, lang: Lang): string | undefined {
  if (isLibrary(playbooks)) {
    const pair = playbooks.playbooks.find((p) => p.id === id);
    return pair?.[lang].title;
  }
  const titles = playbooks[id];
  return titles?.[lang] ?? titles?.fr ?? titles?.en;
}

function isLibrary(value: Library | PlaybookTitles): value is Library {
  return Array.isArray((value as Library).playbooks) && Array.isArray((value as Library).scenarios);
}
