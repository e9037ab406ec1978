// `coach incident list` and `coach incident report ID` (issue 11): the incidents kept in the data file,
// and one incident's report as Markdown in the content's dialect. Like `coach export`, it reads the files
// without opening the store (the data file is replaced atomically, never partly written), so it works
// while the coach is running; it never writes the data file.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, loadLibrary } from '../app/build-coach.js';
import { INCIDENT_PLAYBOOK, incidentTexts } from '../content/incident-content.js';
import { buildReport, reportMarkdown } from '../core/incidents/incident-report.js';
import { allIncidents, isOpen } from '../domain/incidents/incidents.js';
import { isValidTimeZone } from '../domain/time.js';
import { errorText, writeFileDurably, type CoachData } from '../store/index.js';
import { readDataFileForCli } from './data-file.js';
import type { Io } from './io.js';

const USAGE = `usage: coach incident list [--workspace ID] [--file DATA_FILE]
       coach incident report ID [--workspace ID] [--out FILE] [--file DATA_FILE]
list: one line per incident, tab-separated, with a header line.
report: the incident's report as Markdown (to standard output unless --out is given). Incident ids are
numbers given in order within each workspace: with several workspaces, name one with --workspace.
The data file is COACH_DATA_FILE (default ./data/coach.json) unless --file is given; the report's
headings come from the outage playbook in COACH_CONTENT_DIR (default ./content).
`;

export async function incidentCommand(argv: string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'list' && verb !== 'report') {
    io.err(verb === undefined || verb === 'help' || verb === '--help' ? USAGE : `coach incident: unknown command "${verb}".\n${USAGE}`);
    return verb === 'help' || verb === '--help' ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { workspace: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' } } });
  } catch (err) {
    io.err(`coach incident: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if ((verb === 'list' && (positionals.length > 0 || values.out)) || (verb === 'report' && positionals.length !== 1)) {
    io.err(verb === 'report' && positionals.length === 0 ? `coach incident report: which incident? Give its id (see \`coach incident list\`).\n${USAGE}` : USAGE);
    return 2;
  }
  const read = await readDataFileForCli('coach incident', io, values.file);
  if (!read) return 1;
  const { file, data } = read;
  const workspaces = Object.keys(data.workspaces).filter((w) => values.workspace === undefined || w === values.workspace);
  if (values.workspace !== undefined && workspaces.length === 0) {
    io.err(`coach incident: there is no workspace "${values.workspace}" in ${file}.\n`);
    return 1;
  }
  return verb === 'list' ? list(data, workspaces, io) : report(data, workspaces, positionals[0]!.replace(/^#/, ''), values.out, io);
}

const cell = (value: string) => value.replace(/[\t\r\n]+/g, ' ');

function list(data: CoachData, workspaces: string[], io: Io): number {
  const rows = [['workspace', 'id', 'channel', 'state', 'kind', 'started', 'resolved', 'owner', 'title'].join('\t')];
  for (const workspace of workspaces) {
    for (const { channel, incident } of allIncidents(data.workspaces[workspace]!)) {
      rows.push([
        workspace, incident.id, channel, isOpen(incident) ? 'open' : 'resolved', incident.drill ? `drill:${incident.drill.script}` : 'incident',
        incident.startedAt, incident.resolvedAt ?? '', incident.names[incident.owner] ?? incident.owner, incident.title,
      ].map(cell).join('\t'));
    }
  }
  io.out(rows.join('\n') + '\n');
  return 0;
}

async function report(data: CoachData, workspaces: string[], id: string, out: string | undefined, io: Io): Promise<number> {
  const found = workspaces.flatMap((workspace) => allIncidents(data.workspaces[workspace]!).filter((x) => x.incident.id === id).map((x) => ({ workspace, ...x })));
  if (found.length === 0) {
    io.err(`coach incident: no incident ${id}${workspaces.length === 1 ? ` in workspace "${workspaces[0]}"` : ''}. \`coach incident list\` shows them.\n`);
    return 1;
  }
  if (found.length > 1) {
    io.err(`coach incident: incident ${id} exists in several workspaces (${found.map((f) => f.workspace).join(', ')}): name one with --workspace.\n`);
    return 1;
  }
  const { workspace, channel, incident } = found[0]!;
  const contentDir = resolve(io.env.COACH_CONTENT_DIR?.trim() || './content');
  let texts;
  try {
    const playbook = loadLibrary(contentDir).playbooks.find((p) => p.id === INCIDENT_PLAYBOOK);
    texts = playbook && incidentTexts(playbook[incident.lang]);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    io.err(`${err.lines.join('\n')}\ncoach incident: the content in ${contentDir} has errors (listed above). Check it with \`npx coach lint-content\`.\n`);
    return 1;
  }
  if (!texts) {
    io.err(`coach incident: the content in ${contentDir} has no outage playbook with an incident report outline.\n`);
    return 1;
  }
  const channelData = data.workspaces[workspace]!.channels[channel];
  const zone = channelData?.schedule?.timezone ?? io.env.COACH_TIMEZONE?.trim() ?? 'America/Toronto';
  const timeZone = zone && isValidTimeZone(zone) ? zone : 'America/Toronto';
  const markdown = reportMarkdown(buildReport(incident, texts, timeZone, new Date()), { workspace, channel, incident });
  if (!out) {
    io.out(markdown);
    return 0;
  }
  try {
    await writeFileDurably(out, markdown);
  } catch (err) {
    io.err(`coach incident: cannot write ${out}: ${errorText(err)}\n`);
    return 1;
  }
  io.err(`the report of incident ${id} was written to ${out}\n`);
  return 0;
}
