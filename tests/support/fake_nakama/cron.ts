/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), enough for leaderboard and
 * tournament reset schedules such as `0 0 * * *`. Supports `*`, lists, ranges and steps, and the usual
 * `@daily`-style shortcuts.
 * @module
 */

/** A parsed schedule. */
export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Whether day-of-month / day-of-week were restricted (cron ORs them when both are). */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const SHORTCUTS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function field(text: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number, hi: number;
    if (range === "*") {
      lo = min;
      hi = max;
    } else if (range.includes("-")) {
      [lo, hi] = range.split("-").map(Number);
    } else {
      lo = Number(range);
      hi = stepText === undefined ? lo : max;
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) {
      throw new RangeError(`invalid cron field "${text}"`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v);
  }
  return out;
}

/**
 * Parses a cron expression; throws a RangeError when it is not one.
 * @example Daily at midnight
 * ```ts
 * const cron = parseCron("0 0 * * *");
 * ```
 */
export function parseCron(expression: string): Cron {
  const text = SHORTCUTS[expression.trim()] ?? expression.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new RangeError(`invalid cron expression "${expression}"`);
  return {
    minutes: field(parts[0], 0, 59),
    hours: field(parts[1], 0, 23),
    days: field(parts[2], 1, 31),
    months: field(parts[3], 1, 12),
    weekdays: field(parts[4], 0, 7),
    dayRestricted: parts[2] !== "*",
    weekdayRestricted: parts[4] !== "*",
  };
}

function dayMatches(cron: Cron, date: Date): boolean {
  const dom = cron.days.has(date.getUTCDate());
  const dow = cron.weekdays.has(date.getUTCDay());
  if (cron.dayRestricted && cron.weekdayRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE = 60_000;

/**
 * The first time strictly after `afterSec` (Unix seconds) that matches, in Unix seconds.
 * @example Next midnight
 * ```ts
 * cronNext(parseCron("0 0 * * *"), 1795493588); // 1795564800
 * ```
 */
export function cronNext(cron: Cron, afterSec: number): number {
  let t = (Math.floor(afterSec / 60) + 1) * MINUTE;
  for (let guard = 0; guard < 600_000; guard++) {
    const d = new Date(t);
    if (!cron.months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    } else if (!dayMatches(cron, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    } else if (!cron.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
    } else if (!cron.minutes.has(d.getUTCMinutes())) {
      t += MINUTE;
    } else {
      return t / 1000;
    }
  }
  return 0;
}

/**
 * The last time at or before `atSec` (Unix seconds) that matches, in Unix seconds (0 when none within years).
 * @example Last midnight
 * ```ts
 * cronPrev(parseCron("0 0 * * *"), 1795493588); // 1795478400
 * ```
 */
export function cronPrev(cron: Cron, atSec: number): number {
  let t = Math.floor(atSec / 60) * MINUTE;
  for (let guard = 0; guard < 600_000; guard++) {
    const d = new Date(t);
    if (!cron.months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - MINUTE;
    } else if (!dayMatches(cron, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - MINUTE;
    } else if (!cron.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()) - MINUTE;
    } else if (!cron.minutes.has(d.getUTCMinutes())) {
      t -= MINUTE;
    } else {
      return t / 1000;
    }
  }
  return 0;
}
