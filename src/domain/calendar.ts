/**
 * Calendar periods and stamps, written once: quarters (`2026Q3`) and half-years (`2026H1`) of ISO
 * dates, their first and last days, the day and minute a job ran (local time), and the one percent
 * text used in notes and summaries (`92.34%`, `—` for no value).
 */

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2026Q1` for a date in January–March 2026. */
export function quarterOf(iso: string): string {
  return `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

/** `2026H1` for a date in January–June 2026. */
export function halfOf(iso: string): string {
  return `${iso.slice(0, 4)}H${Number(iso.slice(5, 7)) <= 6 ? 1 : 2}`;
}

export function isQuarter(text: string): boolean {
  return /^\d{4}Q[1-4]$/.test(text);
}

export function isHalf(text: string): boolean {
  return /^\d{4}H[12]$/.test(text);
}

/** The quarters of a year, in order. */
export function yearQuarters(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
}

/** The half-years of a year, in order. */
export function yearHalves(year: number): string[] {
  return [`${year}H1`, `${year}H2`];
}

/** First and last day (ISO) of months `first`…`last` (1-based) of `year`. */
function monthsRange(year: number, first: number, last: number): { start: string; end: string } {
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { start: `${year}-${pad2(first)}-01`, end: `${year}-${pad2(last)}-${pad2(lastDay)}` };
}

/** First and last day of a quarter, ISO. */
export function quarterRange(q: string): { start: string; end: string } {
  const n = Number(q.slice(5));
  return monthsRange(Number(q.slice(0, 4)), (n - 1) * 3 + 1, n * 3);
}

/** First and last day of a quarter (`2026Q3`) or a half-year (`2026H1`), ISO. */
export function periodRange(period: string): { start: string; end: string } {
  if (period[4] === 'H') {
    const h = Number(period[5]);
    return monthsRange(Number(period.slice(0, 4)), h === 1 ? 1 : 7, h === 1 ? 6 : 12);
  }
  return quarterRange(period);
}

/** The quarter before `q`. */
export function previousQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  return n === 1 ? `${y - 1}Q4` : `${y}Q${n - 1}`;
}

/** The quarter after `q`. */
export function nextQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  return n === 4 ? `${y + 1}Q1` : `${y}Q${n + 1}`;
}

/** The local calendar day of `d`, ISO `YYYY-MM-DD` (what "today" means to the user). */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/**
 * "Today" for every job and face — the CLI, the pane, the reports: the day given (`--today YYYY-MM-DD`),
 * else the system's local date. The one place that decides what counts as the future.
 */
export function todayIso(given?: string, now: Date = new Date()): string {
  return given ?? isoDay(now);
}

/** The local time of `d` to the minute, `YYYY-MM-DD HH:mm` (a report's 生成时间). */
export function stampTime(d: Date): string {
  return `${isoDay(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A fraction as percent text: `formatPercent(0.92346)` is `92.35%` (toFixed rounding of the binary value); null/undefined/NaN is `—`. */
export function formatPercent(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(digits)}%`;
}
