// `coach lint-content [DIR]`: every content problem as `file:line: severity: message`; exit 1 on errors.
import { resolve } from 'node:path';
import { loadContent } from '../content/load-content.js';
import { formatProblem } from '../content/problems.js';
import type { Io } from './io.js';
import { wantsHelp } from './args.js';

const USAGE = 'usage: coach lint-content [DIR]   (DIR defaults to $COACH_CONTENT_DIR or ./content)\n';

export function lintContent(args: string[], io: Io): number {
  if (wantsHelp(args)) {
    io.out(USAGE);
    return 0;
  }
  if (args.length > 1 || args.some((a) => a.startsWith('-') && a !== '-')) {
    io.err(USAGE);
    return 2;
  }
  const dir = resolve(args[0] ?? io.env.COACH_CONTENT_DIR ?? 'content');
  const result = loadContent(dir);
  for (const p of result.problems) (p.severity === 'error' ? io.err : io.out)(formatProblem(p) + '\n');
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (errors > 0) {
    io.err(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${result.files} files.\n`);
    return 1;
  }
  const lib = result.library!;
  const drills = lib.drills.length ? `, ${lib.drills.length} drill${lib.drills.length === 1 ? '' : 's'}` : '';
  const reviews = lib.reviews?.length ? `, ${lib.reviews.length} review grids, ${lib.drafts?.length ?? 0} labelled drafts` : '';
  io.out(`content OK: ${lib.playbooks.length} playbooks, ${lib.scenarios.length} scenarios${drills}${reviews} in ${result.files} files` +
    (warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '') + '.\n');
  return 0;
}
