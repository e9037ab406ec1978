// `coach` command-line entry: one sub-command per verb.
import { lintContent } from './lint-content.js';
import { exportScores } from './export.js';
import { forgetCommand } from './forget.js';
import { purgeCommand } from './purge.js';
import { grade } from './grade.js';
import { incidentCommand } from './incident.js';
import { recapCommand } from './recap.js';
import { migrateCommand } from './migrate.js';
import { review } from './review.js';
import { restore } from './restore.js';
import { route } from './route.js';
import { serveCommand, shellCommand, start, type StartIo } from './start.js';
import { processIo } from './io.js';

const USAGE = `usage: coach <command> [options]

commands:
  start                start the coach (what \`npm start\` runs): the terminal chat
  shell                the terminal chat
  serve                the Slack and Teams server (HTTP, or Slack Socket Mode), as configured
  route [--lang fr|en] [--chat] ["TEXT"]
                       which playbook a text routes to, as JSON (no TEXT: one per stdin line)
  lint-content [DIR]   check the coaching content (default $COACH_CONTENT_DIR or ./content)
  grade --scenario ID|N [--lang fr|en] "ANSWER" | grade --jsonl
                       grade an answer against a scenario's rubric, as JSON
  review --situation SITUATION [--lang fr|en] "DRAFT" | review --jsonl
                       review a draft reply to a user against the situation's principles, as JSON
  export [--workspace ID] [--out FILE] [--file DATA_FILE]
                       the score log (every change: who, when, why) as CSV
  incident list [--workspace ID] [--file DATA_FILE]
                       the incidents, one tab-separated line each
  incident report ID [--workspace ID] [--out FILE] [--file DATA_FILE]
                       an incident's report as Markdown
  recap [--channel ID] [--workspace ID] [--date YYYY-MM-DD] [--out FILE.png] [--file DATA_FILE]
                       a channel's weekly recap: its text, and its chart as a PNG with --out
  forget --workspace ID --member ID [--file DATA_FILE] [--yes]
                       remove a member's data (right to be forgotten); their score history is kept under a pseudonym
  purge --workspace ID [--file DATA_FILE] [--yes]
                       delete a workspace's data for good (members, channels, scores, its Slack installation)
  restore --from BACKUP | --empty [--file DATA_FILE] [--force] [--dry-run]
                       repair an unusable data file from a backup, replaying the score log
  migrate [--from DATA_FILE]
                       apply the PostgreSQL migrations to DATABASE_URL; --from imports a JSON data file
  help                 this text
`;

export async function main(argv: string[], io: StartIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return start(args, io);
    case 'shell':
      return shellCommand(args, io);
    case 'serve':
      return serveCommand(args, io);
    case 'route':
      return route(args, io);
    case 'grade':
      return grade(args, io);
    case 'review':
      return review(args, io);
    case 'export':
      return exportScores(args, io);
    case 'restore':
      return restore(args, io);
    case 'forget':
      return forgetCommand(args, io);
    case 'purge':
      return purgeCommand(args, io);
    case 'incident':
      return incidentCommand(args, io);
    case 'recap':
      return recapCommand(args, io);
    case 'migrate':
      return migrateCommand(args, io);
    case 'lint-content':
      return lintContent(args, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.err(`coach: unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}
