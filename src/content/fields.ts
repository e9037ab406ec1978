// Reads front-matter fields with a precise, fixable message for each wrong or missing one.
import type { FrontMatter, YamlPath } from './front-matter.js';
import type { ProblemList } from './problems.js';

export class FieldReader {
  constructor(
    private readonly fm: FrontMatter,
    private readonly file: string,
    private readonly problems: ProblemList,
    private readonly base: YamlPath = [],
    private readonly data: Record<string, unknown> = fm.data,
  ) {}

  line(key?: string | number): number {
    return this.fm.lineOf(key === undefined ? this.base : [...this.base, key]);
  }

  /** The line of entry `index` of the list `key`. */
  itemLine(key: string, index: number): number {
    return this.fm.lineOf([...this.base, key, index]);
  }

  private where(key: string): string {
    // Read as written in YAML paths: `rubric[2].weight` (entries counted from 1, as "entry 2" says).
    return [...this.base, key].map((k, i) => (typeof k === 'number' ? `[${k + 1}]` : `${i > 0 ? '.' : ''}${k}`)).join('');
  }

  private fail(key: string, message: string): void {
    this.problems.error(this.file, this.line(key), message);
  }

  has(key: string): boolean {
    return this.data[key] !== undefined && this.data[key] !== null;
  }

  string(key: string, hint: string, required = true): string {
    const value = this.data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(key, `missing \`${this.where(key)}\`: ${hint}`);
    } else {
      this.fail(key, `\`${this.where(key)}\` must be text: ${hint}`);
    }
    return '';
  }

  integer(key: string, min: number, max: number, hint: string, required = true): number {
    const value = this.data[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    if (value === undefined || value === null) {
      if (required) this.fail(key, `missing \`${this.where(key)}\`: ${hint}`);
    } else {
      this.fail(key, `\`${this.where(key)}\` must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}: ${hint}`);
    }
    return min;
  }

  stringList(key: string, min: number, hint: string): string[] {
    const value = this.data[key];
    if (value === undefined || value === null) {
      if (min > 0) this.fail(key, `missing \`${this.where(key)}\`: ${hint}`);
      return [];
    }
    const list = Array.isArray(value) ? value : [value];
    const strings = list.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean);
    if (strings.length !== list.length) this.fail(key, `every entry of \`${this.where(key)}\` must be plain text: ${hint}`);
    if (strings.length < min) this.fail(key, `\`${this.where(key)}\` needs at least ${min} ${min === 1 ? 'entry' : 'entries'}: ${hint}`);
    return strings;
  }

  /** A list of mappings, each read by its own FieldReader. */
  objects(key: string, hint: string): FieldReader[] {
    const value = this.data[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(key, `\`${this.where(key)}\` must be a list of entries (each starting with \`- id: …\`): ${hint}`);
      return [];
    }
    const readers: FieldReader[] = [];
    value.forEach((item, i) => {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        readers.push(new FieldReader(this.fm, this.file, this.problems, [...this.base, key, i], item as Record<string, unknown>));
      } else {
        this.problems.error(this.file, this.fm.lineOf([...this.base, key, i]), `entry ${i + 1} of \`${this.where(key)}\` must be a set of fields (\`id: …\` and the others): ${hint}`);
      }
    });
    return readers;
  }
}
