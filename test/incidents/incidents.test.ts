// The incident timeline and its timers, the communication figures and a drill's score, on plain data.
import { scoreDrill, recordDrillScore } from '../../src/domain/incidents/drill-score.js';
import { communicationFigures } from '../../src/domain/incidents/figures.js';
import {
  addEvent, changeCadence, dueNow, openIncident, recordCommunication, recordEscalation, recordReminder, resolveIncident, snooze, peopleInvolved, nextIncidentId,
} from '../../src/domain/incidents/incidents.js';
import { emptyWorkspace, type IncidentData } from '../../src/store/schema.js';

const at = (hhmm: string) => new Date(`2100-03-06T${hhmm}:00Z`);
const iso = (hhmm: string) => at(hhmm).toISOString();

function open(drill = false): { ws: ReturnType<typeof emptyWorkspace>; incident: IncidentData } {
  const ws = emptyWorkspace();
  const incident = openIncident(ws, 'C1', {
    title: 'Lecteur S:', lang: 'fr', by: 'alice', byName: 'Alice', now: at('09:00'), draft: (i) => `brouillon ${i.id}`,
    ...(drill ? { drill: { script: 'file-server', trainee: 'alice', nextEvent: 0 } } : {}),
  });
  return { ws, incident };
}

test('opening: ids in order per workspace, the first nudge after 10 minutes, escalation two cadences after the due update', () => {
  const { ws, incident } = open();
  expect(incident).toMatchObject({ id: '1', owner: 'alice', draft: 'brouillon 1', updateDueAt: iso('09:30'), remindAt: iso('09:10'), escalateAt: iso('10:30'), resolvedAt: null });
  expect(nextIncidentId(ws)).toBe('2');
  openIncident(ws, 'C2', { title: 'x', lang: 'en', by: 'bob', now: at('09:01'), draft: () => '' });
  expect(nextIncidentId(ws)).toBe('3');
  expect(ws.channels.C1!.incidents).toHaveLength(1);
});

test('an update restarts the timers from the time it announced, else from the cadence; reminders repeat each cadence; snooze and escalation', () => {
  const { incident } = open();
  recordCommunication(incident, { by: 'alice', text: 'avis', now: at('09:02'), announced: at('09:35'), tips: [] });
  expect(incident.timeline.at(-1)).toMatchObject({ kind: 'notice', dueAt: iso('09:30') });
  expect(incident).toMatchObject({ updateDueAt: iso('09:35'), remindAt: iso('09:35'), escalateAt: iso('10:35') });
  recordCommunication(incident, { by: 'bob', text: 'maj', now: at('09:05'), announced: null, tips: ['next-update'] });
  expect(incident.timeline.at(-1)).toMatchObject({ kind: 'update', dueAt: iso('09:35'), tips: ['next-update'] });
  expect(incident).toMatchObject({ updateDueAt: iso('09:35'), remindAt: iso('09:35'), escalateAt: iso('10:35') });
  expect(dueNow(incident, at('09:25'))).toEqual({ reminder: false, escalation: false });
  expect(dueNow(incident, at('09:36'))).toEqual({ reminder: true, escalation: false });
  recordReminder(incident, at('09:36'));
  expect(incident.remindAt).toBe(iso('10:06'));
  snooze(incident, 15, 'alice', at('09:37'));
  expect(dueNow(incident, at('09:50'))).toEqual({ reminder: false, escalation: false });
  expect(dueNow(incident, at('09:52'))).toEqual({ reminder: true, escalation: false });
  expect(dueNow(incident, at('10:35'))).toEqual({ reminder: true, escalation: true });
  recordEscalation(incident, at('10:35'), ['lead']);
  expect(dueNow(incident, at('11:00')).escalation).toBe(false); // told once for this silence
  changeCadence(incident, 15, 'alice', at('10:36'));
  expect(incident.escalateAt).toBeNull();
  recordCommunication(incident, { by: 'alice', text: 'encore', now: at('10:40'), announced: null, tips: [] });
  expect(incident).toMatchObject({ updateDueAt: iso('10:55'), escalateAt: iso('11:25') });
  resolveIncident(incident, 'alice', at('10:50'), 'rétabli', 'Disque remplacé');
  expect(incident).toMatchObject({ resolvedAt: iso('10:50'), remindAt: null, escalateAt: null, summary: 'Disque remplacé' });
  expect(dueNow(incident, at('12:00'))).toEqual({ reminder: false, escalation: false });
});

test('figures: time to first notice, updates, share on time, longest silence', () => {
  const { incident } = open();
  recordCommunication(incident, { by: 'alice', text: 'a', now: at('09:04'), announced: at('09:30'), tips: [] });
  recordCommunication(incident, { by: 'alice', text: 'b', now: at('09:40'), announced: null, tips: [] }); // 10 min late
  recordCommunication(incident, { by: 'alice', text: 'c', now: at('10:05'), announced: null, tips: [] });
  resolveIncident(incident, 'alice', at('10:30'), 'fin', undefined);
  expect(communicationFigures(incident, at('12:00'))).toEqual({
    firstNoticeMs: 4 * 60_000, updates: 3, communications: 4, onTime: 3, onTimeShare: 0.75, longestSilenceMs: 36 * 60_000,
  });
  // Still open: the silence runs until now.
  const { incident: quiet } = open();
  expect(communicationFigures(quiet, at('09:45'))).toMatchObject({ firstNoticeMs: null, updates: 0, onTimeShare: null, longestSilenceMs: 45 * 60_000 });
});

test('people involved: everyone who acted, never the coach, the owner even when silent', () => {
  const { incident } = open();
  addEvent(incident, 'note', 'bob', at('09:10'), 'le fournisseur arrive');
  recordReminder(incident, at('09:11'));
  incident.owner = 'carol';
  expect(peopleInvolved(incident).map((p) => [p.id, p.did])).toEqual([['alice', ['opened']], ['bob', ['note']], ['carol', []]]);
});

test('a perfect drill scores 10; each criterion loses its points for its own reason', () => {
  const { ws, incident } = open(true);
  recordCommunication(incident, { by: 'alice', text: 'a', now: at('09:04'), announced: at('09:30'), tips: [] });
  recordCommunication(incident, { by: 'alice', text: 'b', now: at('09:29'), announced: at('09:55'), tips: [] });
  for (const kind of ['impact', 'cause', 'prevention'] as const) addEvent(incident, kind, 'alice', at('09:50'), `${kind} text`);
  resolveIncident(incident, 'alice', at('09:52'), 'fin', undefined);
  expect(scoreDrill(incident, at('09:52'))).toMatchObject({ points: 10, max: 10 });

  const { incident: poor } = open(true);
  recordCommunication(poor, { by: 'alice', text: 'a', now: at('09:15'), announced: null, tips: ['apology', 'next-update', 'jargon'] });
  recordCommunication(poor, { by: 'alice', text: 'b', now: at('10:00'), announced: null, tips: ['promise'] }); // 15 min late
  addEvent(poor, 'cause', 'alice', at('10:01'), 'disque');
  resolveIncident(poor, 'alice', at('10:10'), 'fin', undefined);
  const score = scoreDrill(poor, at('10:10'));
  expect(Object.fromEntries(score.criteria.map((c) => [c.id, c.points]))).toEqual({
    'first-notice': 1, 'on-time': 1, apology: 0, 'next-update': 0, 'no-promise': 0, 'no-jargon': 0, report: 0,
  });
  expect(score.points).toBe(2);

  // Recorded once: the points go to the trainee's totals and to the log, as a drill.
  expect(recordDrillScore(ws, 'C1', incident, at('09:52'), '2100-03-06')).toBe(true);
  expect(recordDrillScore(ws, 'C1', incident, at('09:53'), '2100-03-06')).toBe(false);
  expect(ws.channels.C1!.totals.alice!.points).toBe(10);
  expect(ws.scoreLog).toEqual([expect.objectContaining({ kind: 'drill', delta: 10, user: 'alice', incidentId: '1', reason: 'drill file-server' })]);
});

test('a drill with no notice at all earns nothing for the silence it kept', () => {
  const { incident } = open(true);
  // Resolved before the first update was even due: the "service restored" notice was on time, but alone.
  resolveIncident(incident, 'alice', at('09:20'), 'fin', undefined);
  const score = scoreDrill(incident, at('09:20'));
  expect(score.criteria.map((c) => c.points)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  expect(score.points).toBe(0);
});
