// Personal practice and profile (issue 14, item 4): `/scenario practice` hands a member, privately, a
// past scenario chosen by spaced repetition (domain/practice.ts); `/answer practice N|WORDS` grades it as
// a challenge would, with practice points kept apart from every team board; `/coach me` shows their
// profile. Data goes through the store port (the member's `practice` record, with updateMember); the
// calls are in the small async functions at the end.
import { MAX_POINTS, type Lang, type Library, type Localized, type Scenario } from '../../content/model.js';
import type { Grader } from '../../domain/challenges.js';
import { MAX_ANSWER_CHARS } from '../../domain/challenges.js';
import { emptyPractice, pickPractice, profileOf, recordAttempt } from '../../domain/practice.js';
import type { Clock } from '../../domain/time.js';
import { feedbackMessage } from '../../grading/grade.js';
import type { GradeFacts } from '../../grading/feedback.js';
import type { StorePort, WorkspacePort } from '../../store/port.js';
import type { PracticeData } from '../../store/schema.js';
import { parseAnswer, tooShortToGrade } from '../answer-input.js';
import { pointsText } from '../board-i18n.js';
import { formatWhen } from '../challenge-i18n.js';
import { tm } from '../me-strings.js';
import { text, type Message, type MessageSection } from '../message.js';
import { blocksToSection } from '../playbook-message.js';
import type { Request } from '../request.js';
import { cleanName } from '../../text/display-name.js';

export interface PracticeDeps {
  library: Library;
  port: StorePort;
  clock: Clock;
  grader: Grader;
  /** The time zone dates are shown in (the configured default). */
  timeZone: string;
}

export class PracticeCommands {
  constructor(private readonly deps: PracticeDeps) {}

  handles(sub: string): boolean {
    return sub === 'me' || sub === 'moi';
  }

  helpLines(lang: Lang): string[] {
    return [tm(lang, 'helpPractice')];
  }

  async coach(req: Request, _sub: string, _args: string[], lang: Lang): Promise<Message[]> {
    return [await this.profile(req, lang)];
  }

  /** `/scenario practice`: the open practice scenario, else the next one by spaced repetition. */
  async scenario(req: Request, lang: Lang): Promise<Message[]> {
    const now = this.deps.clock.now();
    const ids = [...this.deps.library.scenarios].sort((a, b) => a.fr.number - b.fr.number).map((s) => s.id);
    const picked = await openPractice(this.deps.port.workspace(req.workspace), req.user, req.userName, ids, now);
    const pair = picked && this.scenarioOf(picked.scenarioId);
    if (!pair) return [text(tm(lang, 'noPractice'))];
    return [this.post(pair, picked.card, lang)];
  }

  /** `/answer practice N|WORDS`: grades the open practice scenario and records it apart from the team boards. */
  async answer(req: Request, args: string, lang: Lang): Promise<Message[]> {
    const store = this.deps.port.workspace(req.workspace);
    const open = (await store.member(req.user))?.practice?.open;
    const pair = open && this.scenarioOf(open.scenarioId);
    if (!open || !pair) return [text(tm(lang, 'noPractice'))];
    const parsed = parseAnswer(args);
    const count = pair[lang].choices.length;
    if (parsed.kind === 'not-a-choice' || (parsed.kind === 'choice' && (parsed.number < 1 || parsed.number > count)) || (parsed.kind === 'text' && tooShortToGrade(parsed.text))) {
      return [{ ...text(tm(lang, 'usage', { count })), lang }];
    }
    const grade = parsed.kind === 'choice'
      ? this.deps.grader.gradeChoice(pair, parsed.number - 1)
      : this.deps.grader.gradeText(pair, parsed.text.slice(0, MAX_ANSWER_CHARS), lang);
    const now = this.deps.clock.now();
    const result = await recordPractice(store, req.user, pair.id, grade, now);
    if (!result) return [text(tm(lang, 'noPractice'))];
    const facts: GradeFacts = parsed.kind === 'choice'
      ? { kind: 'choice', index: parsed.number - 1, score: grade.score, max: MAX_POINTS }
      : { kind: 'free-text', score: grade.score, max: MAX_POINTS, covered: grade.covered, missed: grade.missed, flags: grade.flags };
    const feedback = feedbackMessage(pair, facts, lang, this.deps.library);
    const note = tm(lang, 'recorded', { number: pair[lang].number, score: grade.score, points: pointsText(lang, result.points), when: formatWhen(new Date(result.due), lang, this.deps.timeZone) });
    return [{
      ...feedback,
      // The challenge's footnote promises a debrief at the reveal: practice has its own, on demand.
      footnote: note,
      actions: [{ label: tm(lang, 'next'), value: '/scenario practice' }],
      visibility: 'private',
      lang,
    }];
  }

  private post(pair: Localized<Scenario>, card: PracticeData['cards'][string] | undefined, lang: Lang): Message {
    const s = pair[lang];
    const question = blocksToSection(s.question);
    const intro = !card ? tm(lang, 'introNew', { number: s.number })
      : card.box === 0 ? tm(lang, 'introWorst', { number: s.number, score: card.score })
      : tm(lang, 'introDue', { number: s.number, score: card.score });
    return {
      heading: tm(lang, 'heading', { title: s.title }),
      sections: [{ parts: [{ kind: 'text', text: intro }] }, ...(question ? [question] : [])],
      actions: [
        ...s.choices.map((c, i) => ({ label: c.text, value: `/answer practice ${i + 1}` })),
        { label: tm(lang, 'ownWords'), value: '/answer practice ', input: { hint: tm(lang, 'ownWordsHint') } },
      ],
      footnote: tm(lang, 'footnote'),
      visibility: 'private',
      lang,
    };
  }

  /** `/coach me`: principles covered and missed most, the trend, and what to practise next. */
  private async profile(req: Request, lang: Lang): Promise<Message> {
    const practice = (await this.deps.port.workspace(req.workspace).member(req.user))?.practice;
    const p = profileOf(practice);
    if (p.answers === 0) return { ...text(tm(lang, 'meNothing')), lang };
    const label = this.principleLabels(lang);
    const line = (x: { id: string; covered: number; missed: number }) => ({ text: tm(lang, 'principleLine', { point: label(x.id)?.point ?? x.id, covered: x.covered, missed: x.missed }) });
    const sections: MessageSection[] = [
      { parts: [{ kind: 'text', text: tm(lang, 'answers', { n: p.answers, points: pointsText(lang, p.practicePoints) }) }] },
      { title: tm(lang, 'strongTitle'), parts: [p.strongest.length ? { kind: 'bullets', items: p.strongest.map(line) } : { kind: 'text', text: tm(lang, 'noPrinciples') }] },
      { title: tm(lang, 'weakTitle'), parts: [p.weakest.length ? { kind: 'bullets', items: p.weakest.map(line) } : { kind: 'text', text: tm(lang, 'noPrinciples') }] },
    ];
    const trendKey = p.lastAverage === null ? 'trendNone' : p.trend === 'up' ? 'trendUp' : p.trend === 'down' ? 'trendDown' : p.trend === 'steady' ? 'trendSteady' : 'trendUnknown';
    sections.push({ title: tm(lang, 'trendTitle'), parts: [{ kind: 'text', text: tm(lang, trendKey, { last: decimal(p.lastAverage ?? 0, lang), before: decimal(p.previousAverage ?? 0, lang) }) }] });
    const ids = [...this.deps.library.scenarios].sort((a, b) => a.fr.number - b.fr.number).map((s) => s.id);
    const nextId = practice?.open?.scenarioId ?? pickPractice(practice, ids, this.deps.clock.now());
    const next: { text: string }[] = [];
    const nextPair = nextId ? this.scenarioOf(nextId) : undefined;
    if (nextPair) next.push({ text: tm(lang, 'nextScenario', { title: nextPair[lang].title }) });
    const weakest = p.weakest[0] && label(p.weakest[0].id);
    if (weakest?.playbook) next.push({ text: tm(lang, 'nextPlaybook', { point: weakest.point, playbook: weakest.playbook }) });
    if (next.length) sections.push({ title: tm(lang, 'nextTitle'), parts: [{ kind: 'bullets', items: next }] });
    return { heading: tm(lang, 'meHeading'), sections, actions: [{ label: tm(lang, 'next'), value: '/scenario practice' }], footnote: tm(lang, 'meFootnote'), visibility: 'private', lang };
  }

  /** A rubric point's sentence in `lang` and the first playbook of a scenario that has it. */
  private principleLabels(lang: Lang): (id: string) => { point: string; playbook?: string } | undefined {
    const labels = new Map<string, { point: string; playbook?: string }>();
    for (const pair of [...this.deps.library.scenarios].sort((a, b) => a.fr.number - b.fr.number)) {
      for (const point of pair[lang].rubric) {
        if (!labels.has(point.id)) labels.set(point.id, { point: point.point, ...(pair[lang].playbooks[0] ? { playbook: pair[lang].playbooks[0] } : {}) });
      }
    }
    return (id) => labels.get(id);
  }

  private scenarioOf(id: string): Localized<Scenario> | undefined {
    return this.deps.library.scenarios.find((s) => s.id === id);
  }
}

/** "6,5" in French, "6.5" in English. */
function decimal(n: number, lang: Lang): string {
  return lang === 'fr' ? String(n).replace('.', ',') : String(n);
}

// Data access: one port operation each (updateMember: atomic, on the JSON file and on PostgreSQL alike).

/** The member's open practice scenario, else the next by spaced repetition, recorded as open. */
async function openPractice(ws: WorkspacePort, user: string, userName: string | undefined, ids: string[], now: Date): Promise<{ scenarioId: string; card?: PracticeData['cards'][string] } | null> {
  // The callback may run again (a retried transaction): the last run is the one recorded.
  let picked: { scenarioId: string; card?: PracticeData['cards'][string] } | null = null;
  await ws.updateMember(user, (member) => {
    const name = cleanName(userName);
    if (!member.name && name) member.name = name;
    const practice = (member.practice ??= emptyPractice());
    const scenarioId = practice.open && ids.includes(practice.open.scenarioId) ? practice.open.scenarioId : pickPractice(practice, ids, now);
    picked = null;
    if (!scenarioId) return;
    if (practice.open?.scenarioId !== scenarioId) practice.open = { scenarioId, at: now.toISOString() };
    const card = practice.cards[scenarioId];
    picked = { scenarioId, ...(card ? { card: { ...card } } : {}) };
  }, { create: true });
  return picked;
}

/** Records a practice answer to the open scenario `scenarioId`: its card, principles and practice points; null when it is no longer open. */
async function recordPractice(ws: WorkspacePort, user: string, scenarioId: string, grade: { score: number; covered: string[]; missed: string[] }, now: Date): Promise<{ points: number; due: string } | null> {
  let recorded: { points: number; due: string } | null = null;
  await ws.updateMember(user, (member) => {
    recorded = null;
    const practice = member.practice;
    if (!practice?.open || practice.open.scenarioId !== scenarioId) return;
    recordAttempt(practice, { scenarioId, score: grade.score, covered: grade.covered, missed: grade.missed, at: now, kind: 'practice' });
    practice.points += grade.score;
    delete practice.open;
    recorded = { points: practice.points, due: practice.cards[scenarioId]!.due };
  });
  return recorded;
}
