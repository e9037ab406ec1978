// A content problem, always tied to a file and line, always saying what to fix.
export interface Problem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export class ProblemList {
  readonly items: Problem[] = [];

  error(file: string, line: number, message: string): void {
    this.items.push({ file, line, severity: 'error', message });
  }

  warning(file: string, line: number, message: string): void {
    this.items.push({ file, line, severity: 'warning', message });
  }

  get errorCount(): number {
    return this.items.filter((p) => p.severity === 'error').length;
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
