// `coach start` (and `npm start`): validate configuration and content, then run the coach.
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { loadContent } from '../content/load-content.js';
import { formatProblem } from '../content/problems.js';
import type { Io } from './io.js';

export async function start(args: string[], io: Io): Promise<number> {
  if (args.length > 0) {
    io.err(`usage: coach start   (configured by environment variables, see .env.example)\n`);
    return 2;
  }
  const configResult = loadConfig(io.env);
  if (!configResult.ok) {
    io.err(`Support Coach cannot start: the configuration is invalid.\n${configResult.errors.map((e) => `  ${e}\n`).join('')}`);
    return 1;
  }
  const { config } = configResult;
  const content = loadContent(resolve(config.contentDir));
  if (!content.library) {
    for (const p of content.problems) io.err(formatProblem(p) + '\n');
    io.err(`Support Coach cannot start: the content in ${config.contentDir} has errors (listed above). Fix them, then check with \`npx coach lint-content\`.\n`);
    return 1;
  }
  const { playbooks, scenarios } = content.library;
  io.out(`Support Coach: ${playbooks.length} playbooks and ${scenarios.length} scenarios loaded from ${config.contentDir}.\n`);
  return 0;
}
