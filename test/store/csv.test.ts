// The score CSV in any spreadsheet, whatever its list separator (`,` in English, `;` in fr-CA, a tab when
// pasted): no cell can be split by what it holds, and no text cell can run as a formula.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvText, exportScores } from '../../src/cli/export.js';
import { openJsonStore, workspaceStore } from '../../src/store/json-store.js';
import { tempDir } from './tmp.js';

/** What a spreadsheet would start a formula with, also after spaces (OWASP's CSV injection list). */
const RUNS = /^(?:[\t\r]|[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/**
 * Checks a CSV text the way any spreadsheet reads it, whatever its separator: outside double quotes there
 * may only be commas, line ends and plain numbers (so `;` or a tab never splits a cell, and a new cell
 * starts only at a quote or a number); inside quotes, no cell starts like a formula.
 */
function expectSafeForAnySeparator(csv: string): void {
  let outside = '';
  let cell = '';
  let quoted = false;
  const cells: string[] = [];
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; cells.push(cell); cell = ''; } else cell += c;
    } else if (c === '"') quoted = true;
    else outside += c;
  }
  expect(quoted).toBe(false);
  expect(outside).toMatch(/^[0-9,.\-\r\n]*$/);
  for (const text of cells) expect(text).not.toMatch(RUNS);
}

/** A line cut at `delimiter` where it is outside double quotes. */
function splitOutsideQuotes(line: string, delimiter: string): string[] {
  const cells = [''];
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    if (c === delimiter && !quoted) cells.push('');
    else cells[cells.length - 1] += c;
  }
  return cells;
}

test('the issue’s reason `merci;=1+2`: one quoted cell, whatever the separator', () => {
  const csv = csvText([['T1', 'C1', 'merci;=1+2', 2]]);
  expect(csv).toBe('"T1","C1","merci;=1+2",2\r\n');
  expectSafeForAnySeparator(csv);
  for (const delimiter of [',', ';', '\t']) {
    // Read with that separator (quotes honoured, as spreadsheets do), no cell starts with =.
    expect(splitOutsideQuotes(csv.trimEnd(), delimiter).some((c) => /^=/.test(c.replace(/^"/, '')))).toBe(false);
  }
  expect(splitOutsideQuotes(csv.trimEnd(), ',')).toEqual(['"T1"', '"C1"', '"merci;=1+2"', '2']);
});

test.each([
  ['=1+2', "'=1+2"],
  ['+1 merci', "'+1 merci"],
  ['-3 pour le retard', "'-3 pour le retard"],
  ['@SOMME(A1:A9)', "'@SOMME(A1:A9)"],
  ['\t=1+2', "'\t=1+2"],
  ['\r=1+2', "'\r=1+2"],
  ['  =1+2', "'  =1+2"],
  ['\u00a0=HYPERLINK("http://x.example")', '\'\u00a0=HYPERLINK("http://x.example")'],
  ['\n=1+2', "'\n=1+2"],
  ['＝1+2', "'＝1+2"],
  ['merci;=1+2', 'merci;=1+2'],
  ['merci,=1+2', 'merci,=1+2'],
  ['merci\t=1+2', 'merci\t=1+2'],
  ['merci\r\n=1+2', 'merci\r\n=1+2'],
  ['il a dit "bravo"', 'il a dit "bravo"'],
  ['a=b', 'a=b'],
  ['fâché, 5 €', 'fâché, 5 €'],
  ['', ''],
])('%j is kept whole as %j', (value, cell) => {
  const csv = csvText([[value, -3, value]]);
  expectSafeForAnySeparator(csv);
  expect(parse(csv, { record_delimiter: '\r\n' })).toEqual([[cell, '-3', cell]]);
});

test('the export end to end: every reason and name survives whole and inert', async () => {
  const file = join(tempDir(), 'coach.json');
  const store = await openJsonStore(file, { backupsKept: 0 });
  const reasons = ['merci;=1+2', '=cmd|\' /C calc\'!A0', '  -2+3', 'ligne 1\nligne 2', 'tab\there', '"cité"', '@here bravo'];
  await workspaceStore(store, 'T1').update((ws) => {
    ws.members.U1 = { name: '=Ana;+1' };
    for (const reason of reasons) ws.scoreLog.push({ at: '2026-11-30T15:00:00.000Z', channel: 'C1', user: 'U1', delta: -2, kind: 'award', reason, by: 'lead' });
  });
  await store.close();
  let out = '';
  expect(await exportScores(['--file', file], { out: (s) => void (out += s), err: () => undefined, env: {} })).toBe(0);
  const [header, ...body] = out.split('\r\n');
  expect(header).toBe('workspace,channel,user,name,at,delta,kind,reason,by,challenge');
  const rest = body.join('\r\n');
  expectSafeForAnySeparator(rest);
  const rows = parse(rest, { record_delimiter: '\r\n' }) as string[][];
  expect(rows.map((r) => r[7])).toEqual(reasons.map((r) => (RUNS.test(r) ? `'${r}` : r)));
  expect(rows.every((r) => r[3] === "'=Ana;+1" && r[5] === '-2')).toBe(true);
});
