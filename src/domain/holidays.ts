// Statutory holidays: no challenge is posted on them. Quebec's list by default (Act respecting labour
// standards, s. 60: New Year's Day, Good Friday, National Patriots' Day, June 24, July 1, Labour Day,
// Thanksgiving, Christmas), configurable through COACH_HOLIDAYS.

/** Parses COACH_HOLIDAYS: `quebec` (default), `none`, and/or fixed dates `MM-DD` or `YYYY-MM-DD`, comma-separated. */
export function parseHolidaySpec(spec: string): { ok: true; calendar: HolidayCalendar } | { ok: false; error: string } {
  const parts = spec.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  let quebec = false;
  const fixed: string[] = [];
  for (const part of parts) {
    if (part === 'quebec' || part === 'qc') quebec = true;
    else if (part === 'none') continue;
    else if (/^(\d{4}-)?\d{2}-\d{2}$/.test(part) && isRealDate(part)) fixed.push(part);
    else return { ok: false, error: `"${part}" is neither "quebec", "none", MM-DD nor YYYY-MM-DD` };
  }
  return { ok: true, calendar: new HolidayCalendar(quebec, fixed) };
}

function isRealDate(part: string): boolean {
  const full = part.length === 5 ? `2024-${part}` : part; // 2024 is a leap year: 02-29 is allowed
  const d = new Date(`${full}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === full;
}

export class HolidayCalendar {
  private readonly cache = new Map<number, Set<string>>();

  constructor(private readonly quebec: boolean, private readonly fixed: string[]) {}

  /** `day` is YYYY-MM-DD. */
  isHoliday(day: string): boolean {
    if (this.fixed.includes(day) || this.fixed.includes(day.slice(5))) return true;
    if (!this.quebec) return false;
    const year = Number(day.slice(0, 4));
    let days = this.cache.get(year);
    if (!days) {
      days = new Set(quebecHolidays(year));
      this.cache.set(year, days);
    }
    return days.has(day);
  }
}

export function quebecHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    ymd(year, 1, 1),
    shift(easter, -2), // Good Friday (the law lets the employer pick Easter Monday instead)
    mondayBefore(year, 5, 25), // Journée nationale des patriotes
    sundayToMonday(year, 6, 24), // Fête nationale: June 25 when June 24 is a Sunday
    sundayToMonday(year, 7, 1), // Canada Day: July 2 when July 1 is a Sunday
    nthWeekday(year, 9, 1, 1), // Labour Day: first Monday of September
    nthWeekday(year, 10, 1, 2), // Thanksgiving: second Monday of October
    ymd(year, 12, 25),
  ];
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (date: Date) => date.toISOString().slice(0, 10);

function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

function sundayToMonday(y: number, m: number, d: number): string {
  return utc(y, m, d).getUTCDay() === 0 ? ymd(y, m, d + 1) : ymd(y, m, d);
}

/** The last Monday strictly before the given date. */
function mondayBefore(y: number, m: number, d: number): string {
  const date = utc(y, m, d);
  do date.setUTCDate(date.getUTCDate() - 1);
  while (date.getUTCDay() !== 1);
  return iso(date);
}

function nthWeekday(y: number, m: number, weekday: number, n: number): string {
  const date = utc(y, m, 1);
  while (date.getUTCDay() !== weekday) date.setUTCDate(date.getUTCDate() + 1);
  date.setUTCDate(date.getUTCDate() + 7 * (n - 1));
  return iso(date);
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}
