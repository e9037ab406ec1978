// `coach` command-line entry: one sub-command per verb.
import { lintContent } from './lint-content.js';
import { start } from './start.js';
import { processIo, type Io } from './io.js';

const USAGE = `usage: coach <command> [options]

commands:
  start                start the coach (what \`npm start\` runs)
  lint-content [DIR]   check the coaching content (default $COACH_CONTENT_DIR or ./content)
  help                 this text
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return start(args, io);
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
