/** Billing-month arithmetic on `YYYY-MM` strings. Every date here is UTC, as AWS bills in UTC. */

/** The earliest billing month offered: AWS billing (and the Invoicing API's accepted years) start in 2005. */
export const FIRST_BILLING_MONTH = '2005-01';

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** Parses `YYYY-MM` (surrounding whitespace allowed), or returns null when it is not a real month. */
export function parseBillingMonth(text: string): { year: number; month: number } | null {
  // Firefox renders <input type="month"> as a plain text field, so users can type stray spaces.
  const match = MONTH_PATTERN.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** Returns the UTC calendar month `now` falls in. */
export function getCurrentMonth(now: Date): string {
  return formatMonth(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/** Returns the month before `now`'s: the popup's default, since the invoice for month M is issued early in M+1. */
export function getPreviousMonth(now: Date): string {
  return shiftMonth(getCurrentMonth(now), -1);
}

/** Moves a month forwards (positive delta) or backwards by whole months. */
export function shiftMonth(month: string, delta: number): string {
  const { year, month: m } = parseOrThrow(month);
  if (!Number.isInteger(delta)) throw new RangeError(`Month delta must be an integer: ${delta}`);
  const index = year * 12 + (m - 1) + delta;
  return formatMonth(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1);
}

/** Returns the `YYYY-MM-DD` day AWS usually issues the month's invoice: the 2nd of the following month. */
export function getExpectedIssueDate(month: string): string {
  return `${shiftMonth(month, 1)}-02`;
}

/** Returns the month as a half-open UTC interval: start inclusive, end (1st of the next month) exclusive. */
export function getMonthInterval(month: string): { start: Date; end: Date } {
  const { year, month: m } = parseOrThrow(month);
  return { start: firstOfMonthUtc(year, m - 1), end: firstOfMonthUtc(year, m) };
}

/** Converts a month to the `BillingPeriod` shape ListInvoiceSummaries takes. */
export function toBillingPeriod(month: string): { Month: number; Year: number } {
  const { year, month: m } = parseOrThrow(month);
  return { Month: m, Year: year };
}

function parseOrThrow(month: string): { year: number; month: number } {
  const parsed = parseBillingMonth(month);
  if (!parsed) throw new RangeError(`Not a YYYY-MM billing month: ${JSON.stringify(month)}`);
  return parsed;
}

function formatMonth(year: number, month: number): string {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function firstOfMonthUtc(year: number, monthIndex: number): Date {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not (and rolls monthIndex 12 into the next year).
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, 1);
  return date;
}

/** Longest range one listing may cover: three years, one ListInvoiceSummaries call per month and account. */
export const MAX_RANGE_MONTHS = 36;

/** Every month from `from` to `to`, both included, in order; empty when `to` comes before `from`. */
export function listMonths(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < MAX_RANGE_MONTHS; month = shiftMonth(month, 1)) months.push(month);
  return months;
}
