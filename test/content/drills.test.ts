// Outage drills in content/drills (issue 11) and what the incident coach needs from the outage playbook:
// the shipped content passes, and each broken variant gets one precise, fixable file:line message.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incidentTexts } from '../../src/content/incident-content.js';
import { loadContent } from '../../src/content/load-content.js';
import { formatProblem } from '../../src/content/problems.js';
import { LANGS } from '../../src/content/model.js';

const root = join(__dirname, '../..');
const shipped = loadContent(join(root, 'content'), root);

test('at least two drills, each in French and English, with the same events at the same minutes', () => {
  const drills = shipped.library!.drills;
  expect(drills.length).toBeGreaterThanOrEqual(2);
  for (const pair of drills) {
    for (const lang of LANGS) {
      const d = pair[lang];
      expect(d.lang).toBe(lang);
      expect(d.title && d.service).toBeTruthy();
      expect(d.intro.length).toBeGreaterThan(0);
      expect(d.events[0]!.minute).toBe(0);
      expect(d.events.length).toBeGreaterThanOrEqual(3);
    }
    expect(pair.en.events.map((e) => e.minute)).toEqual(pair.fr.events.map((e) => e.minute));
  }
});

test('the outage playbook gives the coach its template (with the placeholders it fills) and its 7-item outline', () => {
  const outage = shipped.library!.playbooks.find((p) => p.id === 'outage')!;
  for (const lang of LANGS) {
    const texts = incidentTexts(outage[lang])!;
    expect(texts.template.length).toBeGreaterThanOrEqual(5);
    expect(texts.template.map((l) => l.text).join('\n')).toMatch(/\[service\]/);
    expect(texts.outline).toHaveLength(7);
  }
});

describe('broken drills and templates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coach-drills-'));
    cpSync(join(root, 'content'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    writeFileSync(path, changed);
  };
  const problems = () => loadContent(dir, dir).problems.map(formatProblem);

  test('an event without its time, one out of order, a first event after 0 min', () => {
    edit('drills/file-server.fr.md', '- 10 min : Le téléphone', '- Le téléphone');
    edit('drills/file-server.fr.md', '- 35 min :', '- 15 min :');
    edit('drills/email.en.md', '- 0 min :', '- 2 min :');
    edit('drills/email.fr.md', '- 0 min :', '- 2 min :');
    const found = problems();
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^drills\/file-server\.fr\.md:\d+: error: this event does not start with its time: write `- 12 min : Le téléphone/),
      expect.stringMatching(/^drills\/file-server\.fr\.md:\d+: error: the event at 15 min comes after one at 20 min: list events in time order/),
      expect.stringMatching(/^drills\/email\.en\.md:\d+: error: the first event must be at 0 min/),
    ]));
    // The French file lost an event and moved another: the English one no longer matches it.
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^drills\/file-server\.en\.md:\d+: error: the events of the drill "file-server" are at 0, 10, 20, 35, 50, 70 here but at 0, 20, 15, 50, 70 in/)]));
  });

  test('a drill without its twin, or without events', () => {
    unlinkSync(join(dir, 'drills/email.en.md'));
    edit('drills/file-server.en.md', /=== "Timeline"[\s\S]*$/, '');
    const found = problems();
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^drills\/email\.fr\.md:2: error: missing translation: the drill "email" has no English file/),
      expect.stringMatching(/^drills\/file-server\.en\.md:\d+: error: no events: add a `=== "Déroulement"` tab/),
    ]));
  });

  test('a status template without [service] or times, an outline with a missing item', () => {
    edit('playbooks/outage.en.md', /\[service\]/g, 'the service');
    edit('playbooks/outage.en.md', 'Next update: [time]', 'Next update: soon');
    edit('playbooks/outage.fr.md', /    - Communications : .*\n/, '');
    const found = problems();
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^playbooks\/outage\.en\.md:\d+: error: the status update template has no `\[service\]` placeholder/),
      expect.stringMatching(/^playbooks\/outage\.en\.md:\d+: error: the status update template needs two time placeholders/),
      expect.stringMatching(/^playbooks\/outage\.fr\.md:\d+: error: the incident report outline needs exactly 7 bullets/),
    ]));
    expect(loadContent(dir, dir).library).toBeNull();
  });
});
