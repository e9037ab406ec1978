// `coach incident list` and `coach incident report ID` (issue 11): the incidents the coach keeps, and one
// incident's report as Markdown in the content's dialect. On the data file, like `coach export`, it reads
// the file without opening the store (the data file is replaced atomically, never partly written), so it
// works while the coach is running; with DATABASE_URL (and no --file) it reads PostgreSQL through the
// store port. It never writes the store.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, loadLibrary } from '../app/build-coach.js';
import { INCIDENT_PLAYBOOK, incidentTexts } from '../content/incident-content.js';
import { buildReport, reportMarkdown } from '../core/incidents/incident-report.js';
import { allIncidents, isOpen } from '../domain/incidents/incidents.js';
import type { IncidentData } from '../store/schema.js';
import { openCliBackend } from './cli-backend.js';
import { isValidTimeZone } from '../domain/time.js';
import { errorText, writeFileDurably } from '../store/index.js';
import { readDataFileForCli } from './data-file.js';
import type { Io } from './io.js';

const USAGE = `usage: coach incident list [--workspace ID] [--file DATA_FILE]
       coach incident report ID [--workspace ID] [--out FILE] [--file DATA_FILE]
list: one line per incident, tab-separated, with a header line.
report: the incident's report as Markdown (to standard output unless --out is given). Incident ids are
numbers given in order within each workspace: with several workspaces, name one with --workspace.
The incidents are read from PostgreSQL when DATABASE_URL is set and --file is not given; else from the
data file, COACH_DATA_FILE (default ./data/coach.json) or --file. The report's headings come from the
outage playbook in COACH_CONTENT_DIR (default ./content).
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
  const kept = await readIncidents(io, values.file);
  if (!kept) return 1;
  const workspaces = Object.keys(kept.workspaces).filter((w) => values.workspace === undefined || w === values.workspace);
  if (values.workspace !== undefined && workspaces.length === 0) {
    io.err(`coach incident: there is no workspace "${values.workspace}" in ${kept.where}.\n`);
    return 1;
  }
  return verb === 'list' ? list(kept, workspaces, io) : report(kept, workspaces, positionals[0]!.replace(/^#/, ''), values.out, io);
}

/** A workspace's incidents, oldest first, with their channel, and the time zone of each such channel (if set). */
interface WorkspaceIncidents {
  incidents: { channel: string; incident: IncidentData }[];
  zones: Record<string, string | undefined>;
}

/** What the store keeps, by workspace, and how to name the store in messages; null once the reason was printed. */
async function readIncidents(io: Io, fileArg: string | undefined): Promise<{ where: string; workspaces: Record<string, WorkspaceIncidents> } | null> {
  const out: Record<string, WorkspaceIncidents> = {};
  if (io.env.DATABASE_URL?.trim() && fileArg === undefined) {
    const backend = await openCliBackend('coach incident', 'Nothing was read.', undefined, io);
    if (!backend) return null;
    try {
      for (const workspace of await backend.port.workspaces()) {
        const ws = backend.port.workspace(workspace);
        const incidents = await ws.incidents();
        const zones: Record<string, string | undefined> = {};
        for (const channel of new Set(incidents.map((x) => x.channel))) zones[channel] = (await ws.channel(channel))?.schedule?.timezone;
        out[workspace] = { incidents, zones };
      }
    } catch (err) {
      io.err(`coach incident: cannot read the database ${backend.where}: ${errorText(err)}\n`);
      return null;
    } finally {
      await backend.close();
    }
    return { where: backend.where, workspaces: out };
  }
  const read = await readDataFileForCli('coach incident', io, fileArg);
  if (!read) return null;
  for (const [workspace, ws] of Object.entries(read.data.workspaces)) {
    out[workspace] = { incidents: allIncidents(ws), zones: Object.fromEntries(Object.entries(ws.channels).map(([id, ch]) => [id, ch.schedule?.timezone])) };
  }
  return { where: read.file, workspaces: out };
}

const cell = (value: string) => value.replace(/[\t\r\n]+/g, ' ');

function list(kept: { workspaces: Record<string, WorkspaceIncidents> }, workspaces: string[], io: Io): number {
  const rows = [['workspace', 'id', 'channel', 'state', 'kind', 'started', 'resolved', 'owner', 'title'].join('\t')];
  for (const workspace of workspaces) {
    for (const { channel, incident } of kept.workspaces[workspace]!.incidents) {
      rows.push([
        workspace, incident.id, channel, isOpen(incident) ? 'open' : 'resolved', incident.drill ? `drill:${incident.drill.script}` : 'incident',
        incident.startedAt, incident.resolvedAt ?? '', incident.names[incident.owner] ?? incident.owner, incident.title,
      ].map(cell).join('\t'));
    }
  }
  io.out(rows.join('\n') + '\n');
  return 0;
}

async function report(kept: { workspaces: Record<string, WorkspaceIncidents> }, workspaces: string[], id: string, out: string | undefined, io: Io): Promise<number> {
  const found = workspaces.flatMap((workspace) => kept.workspaces[workspace]!.incidents.filter((x) => x.incident.id === id).map((x) => ({ workspace, ...x })));
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
  const zone = kept.workspaces[workspace]!.zones[channel] ?? io.env.COACH_TIMEZONE?.trim() ?? 'America/Toronto';
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
