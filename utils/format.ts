/**
 * Months, dates, amounts and lists as the chosen language writes them (see utils/i18n.ts). For display only: file
 * names, the CSV ledger and manifest.csv keep their machine-readable forms (YYYY-MM, plain decimals) in every language,
 * so that scripts and spreadsheets read them the same way whoever made them.
 */
import { parseBillingMonth } from './billing-month';
import { getLocale, t } from './i18n';
import type { InvoiceFilter } from './jobs/job-state';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "October 2026" or "2026년 10월" for the `YYYY-MM` month; anything else is returned as it is. */
export function formatMonth(month: string): string {
  const parsed = parseBillingMonth(month);
  if (!parsed) return month;
  // UTC on both sides: AWS bills in UTC, and a local time zone could move the 1st into the month before.
  return getFormat('month', () => new Intl.DateTimeFormat(getLocale(), { year: 'numeric', month: 'long', timeZone: 'UTC' })).format(
    Date.UTC(parsed.year, parsed.month - 1, 1),
  );
}

/** "Oct 2, 2026" or "2026. 10. 2." for a `YYYY-MM-DD` day; '' and anything else are returned as they are. */
export function formatDate(day: string): string {
  const match = DAY_PATTERN.exec(day);
  if (!match) return day;
  return getFormat('date', () => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' })).format(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
  );
}

/**
 * An amount with its currency ("$1,234.56", "₩1,234,567"). AWS's amounts are decimal strings; `format` takes the
 * string itself (Intl.NumberFormat v3, Chrome 106+, Firefox 116+), so no digit is lost to a binary float.
 */
export function formatAmount(amount: string, currency: string): string {
  if (!amount) return '—';
  try {
    const { format } = getFormat(`amount ${currency}`, () => new Intl.NumberFormat(getLocale(), { style: 'currency', currency, maximumFractionDigits: 20 }));
    return (format as (value: string) => string)(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "Acme, Beta and Gamma" or "Acme, Beta 및 Gamma". */
export function formatList(items: string[]): string {
  return getFormat('list', () => new Intl.ListFormat(getLocale(), { type: 'conjunction' })).format(items);
}

/** A month, or a range of months, in words: "September 2026" or "July 2026 to September 2026". */
export function describePeriod(month: string, toMonth?: string): string {
  return toMonth && toMonth !== month ? t('monthRange', formatMonth(month), formatMonth(toMonth)) : formatMonth(month);
}

/**
 * What a job downloads, in words, for its status line and notification ("September 2026 bill", "invoices issued in
 * October 2026"). Made from the job's filter when shown, so it follows the language chosen now.
 */
export function describeJobTitle(filter: InvoiceFilter): string {
  const from = formatMonth(filter.month);
  if (filter.toMonth && filter.toMonth !== filter.month) {
    const to = formatMonth(filter.toMonth);
    return filter.by === 'issued-in' ? t('jobTitleIssuedRange', from, to) : t('jobTitleBillRange', from, to);
  }
  return filter.by === 'issued-in' ? t('jobTitleIssued', from) : t('jobTitleBill', from);
}

/**
 * Builds the formatters a table of invoices uses, ahead of it. The first Intl formatter of a page loads the language's
 * data, which took 30 to 60 ms of the popup's thread in bench runs; done while the person fills the form, that time no
 * longer delays the table, nor competes with the lookups that start when it draws. Amounts are warmed in US dollars,
 * the currency most invoices are in; another currency's formatter is built at its first use.
 */
export function warmFormats(): void {
  formatMonth('2026-01');
  formatDate('2026-01-01');
  formatAmount('0', 'USD');
}

/**
 * Building an Intl formatter costs about a millisecond, and a table draws hundreds of dates and amounts: each is
 * built once per language (the language can change while a page is open).
 */
const formats = new Map<string, { format(value: never): string }>();
function getFormat<T extends { format(value: never): string }>(kind: string, create: () => T): T {
  const key = `${getLocale()} ${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = create();
    formats.set(key, format);
  }
  return format as T;
}
