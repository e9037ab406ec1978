// `/coach privacy` (anyone: what the coach keeps about them, for how long, how to erase it) and
// `/coach forget @member [confirm]` (an admin: a member's right to be forgotten, Quebec's Law 25; issue 16,
// item 5). Forgetting goes through the store port (WorkspacePort.forgetMember), which also rewrites the
// score log.
import type { Lang } from '../../content/model.js';
import { KEEP_ANSWERS_OF_LAST } from '../../store/port.js';
import type { ForgetReport } from '../../store/forget-member.js';
import type { StorePort } from '../../store/port.js';
import { cleanName } from '../../text/display-name.js';
import { text, type Message } from '../message.js';
import type { Request } from '../request.js';
import { pv } from '../privacy-strings.js';

export interface PrivacyDeps {
  port: StorePort;
  isAdmin: (workspace: string, user: string) => boolean;
  /** Forgets a member through the store; absent where nothing may be erased (the rehearsal room's copy). */
  forget?: (workspace: string, member: string) => Promise<ForgetReport>;
  /** Days of daily backups kept (0: none). */
  backupsKept: number;
  /**
   * How many of the member's answers wait in the review queue (issue 14). The queue is not in the store
   * port yet (it lives in the JSON document): composed with the older store path; absent counts none.
   */
  queued?: (workspace: string, member: string) => Promise<number>;
}

const SUBS = new Set(['privacy', 'confidentialite', 'confidentialité', 'forget', 'oublier']);

export class PrivacyCommands {
  constructor(private readonly deps: PrivacyDeps) {}

  handles(sub: string): boolean {
    return SUBS.has(sub);
  }

  helpLines(lang: Lang): string[] {
    return [pv(lang, 'helpPrivacy'), pv(lang, 'helpForget')];
  }

  async coach(req: Request, sub: string, args: string[], lang: Lang): Promise<Message[]> {
    if (sub === 'forget' || sub === 'oublier') return this.forget(req, args.filter(Boolean), lang);
    return [await this.privacy(req, lang)];
  }

  /** What is kept about the person asking, for how long, and how to erase it (private). */
  private async privacy(req: Request, lang: Lang): Promise<Message> {
    const footprint = await this.deps.port.workspace(req.workspace).footprint(req.user);
    const entry = footprint.member;
    const kept = {
      entry: Boolean(entry), name: cleanName(entry?.name), lang: entry?.lang, optOut: Boolean(entry?.optOut), target: entry?.personalTarget !== undefined,
      answers: footprint.answers, channels: footprint.channels, points: footprint.points,
      // Issue 14: practice and reminders are member fields; the queue's waiting items are counted apart.
      practice: Boolean(entry?.practice), remindersOff: entry?.reminders === false,
      queued: (await this.deps.queued?.(req.workspace, req.user)) ?? 0,
    };
    const entries = footprint.logEntries;
    const lines: string[] = [];
    if (kept.entry) {
      lines.push(kept.name ? pv(lang, 'nameKept', { name: kept.name }) : pv(lang, 'nameNone'));
      lines.push(kept.lang ? pv(lang, 'langKept', { lang: kept.lang === 'fr' ? (lang === 'fr' ? 'français' : 'French') : (lang === 'fr' ? 'anglais' : 'English') }) : pv(lang, 'langNone'));
      if (kept.optOut) lines.push(pv(lang, 'optOutKept'));
      if (kept.target) lines.push(pv(lang, 'targetKept'));
      if (kept.remindersOff) lines.push(pv(lang, 'remindersOff'));
      if (kept.practice) lines.push(pv(lang, 'practiceKept'));
    }
    if (kept.queued > 0) lines.push(pv(lang, 'queueKept', { items: pv(lang, 'queueItems', { n: kept.queued }) }));
    if (kept.answers > 0) lines.push(pv(lang, 'answersKept', { answers: pv(lang, 'answers', { n: kept.answers }), keep: KEEP_ANSWERS_OF_LAST }));
    if (kept.channels > 0) {
      lines.push(pv(lang, 'totalsKept', { points: pv(lang, 'points', { n: kept.points }), channels: pv(lang, 'channels', { n: kept.channels }) }));
    }
    if (entries > 0) lines.push(pv(lang, 'logKept', { entries: pv(lang, 'entries', { n: entries }) }));
    if (lines.length === 0) lines.push(pv(lang, 'nothingKept'));
    return {
      heading: pv(lang, 'privacyHeading'),
      sections: [{ parts: [{ kind: 'bullets', items: lines.map((line) => ({ text: line })) }, { kind: 'text', text: this.deps.backupsKept > 0 ? pv(lang, 'backupsKept', { days: this.deps.backupsKept }) : pv(lang, 'backupsNone') }] }],
      footnote: pv(lang, 'howToErase'),
      visibility: 'private',
      lang,
    };
  }

  /** `/coach forget @member` says what would go and asks for the confirmation; `… confirm` does it. */
  private async forget(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    if (!this.deps.isAdmin(req.workspace, req.user)) return [text(pv(lang, 'notAdmin'))];
    if (!this.deps.forget) return [text(pv(lang, 'rehearsal'))];
    const [who = '', confirm = '', ...extra] = args;
    const confirmed = /^(confirm|confirmer)$/i.test(confirm);
    if (!who || extra.length > 0 || (confirm && !confirmed)) return [text(pv(lang, 'forgetUsage'))];
    const id = who.replace(/^@/, '');
    const store = this.deps.port.workspace(req.workspace);
    const shownWho = (name: string | undefined) => (name && name !== id ? `${name} (${id})` : id);
    // Only someone the workspace keeps something about (this also stops a typo from creating anything).
    const known = /^[\p{L}\p{N}._:-]{1,200}$/u.test(id) && (await store.footprint(id)).known;
    if (!known) return [text(pv(lang, 'forgetUnknown', { who: id.slice(0, 60) }))];
    if (!confirmed) {
      // What would go: the same scrub, on a copy.
      const preview = await store.forgetPreview(id);
      const label = shownWho(cleanName(preview.name));
      const message = text(pv(lang, 'forgetPreview', { who: label, id, what: whatGoes(preview, lang) }));
      message.actions = [{ label: pv(lang, 'forgetButton', { who: label.slice(0, 60) }), value: `/coach forget @${id} confirm` }];
      return [{ ...message, lang }];
    }
    const report = await this.deps.forget(req.workspace, id);
    return [text(pv(lang, 'forgetDone', {
      who: shownWho(cleanName(report.name)),
      what: whatGoes(report, lang),
      points: pv(lang, 'points', { n: report.points }),
      pseudonym: report.pseudonym,
      days: this.deps.backupsKept,
    }))];
  }
}

function whatGoes(r: ForgetReport, lang: Lang): string {
  const parts: string[] = [];
  if (r.memberEntry) parts.push(pv(lang, 'whatEntry'));
  if (r.answers > 0) parts.push(pv(lang, 'whatAnswers', { answers: pv(lang, 'answers', { n: r.answers }) }));
  if (r.totals > 0) parts.push(pv(lang, 'whatTotals', { channels: pv(lang, 'channels', { n: r.totals }) }));
  if (r.incidents > 0) parts.push(pv(lang, 'whatIncidents', { incidents: pv(lang, 'incidents', { n: r.incidents }) }));
  if (r.logEntries > 0) parts.push(pv(lang, 'whatLog', { entries: pv(lang, 'entries', { n: r.logEntries }) }));
  return parts.join(', ');
}
