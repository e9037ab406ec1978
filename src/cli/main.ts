// `coach` command-line entry: one sub-command per verb.
import { lintContent } from './lint-content.js';
import { route } from './route.js';
import { start, type StartIo } from './start.js';
import { processIo } from './io.js';

const USAGE = `usage: coach <command> [options]

commands:
  start                start the coach (what \`npm start\` runs): the terminal chat
  shell                the terminal chat
  route [--lang fr|en] [--chat] ["TEXT"]
                       which playbook a text routes to, as JSON (no TEXT: one per stdin line)
  lint-content [DIR]   check the coaching content (default $COACH_CONTENT_DIR or ./content)
  help                 this text
`;

export async function main(argv: string[], io: StartIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
    case 'shell':
      return start(args, io);
    case 'route':
      return route(args, io);
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
