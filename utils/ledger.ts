/**
 * The CSV ledger of listed invoices: one row per invoice with all three currency views, for bookkeeping. Its name,
 * columns and values (YYYY-MM, plain decimals) are the same in every UI language, so spreadsheets and scripts read
 * any user's file alike: nothing here goes through utils/i18n.ts.
 */
import { toCsvLine } from './manifest';
import type { CurrencyAmount, InvoiceRow } from './types';

/** The ledger's download name. */
export const LEDGER_FILENAME = 'invoices.csv';

/** One invoice for the ledger, with the profile it was listed under (if any). */
export interface LedgerEntry {
  invoice: InvoiceRow;
  profile?: string;
}

const HEADER = [
  'account',
  'profile',
  'invoice_id',
  'type',
  'billing_month',
  'issued',
  'due',
  'seller',
  'original_invoice_id',
  'purchase_order',
  'base_currency',
  'base_total',
  'base_before_tax',
  'base_tax',
  'payment_currency',
  'payment_total',
  'payment_before_tax',
  'payment_tax',
  'tax_currency',
  'tax_total',
  'tax_before_tax',
  'tax_tax',
  'exchange_rate',
];

/** Builds the ledger as RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, like the manifest. */
export function buildLedgerCsv(rows: LedgerEntry[]): string {
  const lines = [toCsvLine(HEADER), ...sortLedgerEntries(rows).map((entry) => toCsvLine(toLedgerFields(entry)))];
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** Orders entries by account, billing month, issue date and invoice ID, each credit memo right after its invoice. */
export function sortLedgerEntries(rows: LedgerEntry[]): LedgerEntry[] {
  const sorted = [...rows].sort((a, b) => compareInvoices(a.invoice, b.invoice));
  const byId = new Map<string, LedgerEntry>();
  for (const entry of sorted) {
    const key = invoiceKey(entry.invoice.accountId, entry.invoice.invoiceId);
    if (!byId.has(key)) byId.set(key, entry);
  }

  const parents = new Map<LedgerEntry, LedgerEntry>();
  for (const entry of sorted) {
    const { type, accountId, originalInvoiceId } = entry.invoice;
    const parent =
      type === 'CREDIT_MEMO' && originalInvoiceId ? byId.get(invoiceKey(accountId, originalInvoiceId)) : undefined;
    if (parent) parents.set(entry, parent);
  }
  // Memos that point at each other (or themselves) have no invoice to follow: they keep their sorted place.
  const inCycle = new Set(sorted.filter((entry) => isInCycle(entry, parents)));

  const children = new Map<LedgerEntry, LedgerEntry[]>();
  const roots: LedgerEntry[] = [];
  for (const entry of sorted) {
    const parent = inCycle.has(entry) ? undefined : parents.get(entry);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), entry]);
    else roots.push(entry);
  }

  const result: LedgerEntry[] = [];
  const place = (entry: LedgerEntry): void => {
    result.push(entry);
    for (const child of children.get(entry) ?? []) place(child);
  };
  roots.forEach(place);
  return result;
}

function isInCycle(entry: LedgerEntry, parents: Map<LedgerEntry, LedgerEntry>): boolean {
  const seen = new Set<LedgerEntry>();
  for (let current = parents.get(entry); current; current = parents.get(current)) {
    if (current === entry) return true;
    // A loop further up, not through this entry: this entry still hangs under its own parent.
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}

function toLedgerFields({ invoice, profile }: LedgerEntry): string[] {
  const { base, payment, tax } = invoice.amounts ?? {};
  // Without any currency view (older listings), the summary amount is the best base figure there is;
  // when only the payment view exists, invoice.amount is that view already, so it is not repeated as base.
  const baseAmount =
    base ?? (payment ? undefined : { currency: invoice.currency, total: invoice.amount, beforeTax: '', tax: '' });
  return [
    invoice.accountId,
    profile ?? '',
    invoice.invoiceId,
    invoice.type,
    invoice.billingMonth,
    invoice.issuedDate,
    invoice.dueDate,
    invoice.seller,
    invoice.originalInvoiceId ?? '',
    invoice.purchaseOrderNumber ?? '',
    ...toAmountFields(baseAmount),
    ...toAmountFields(payment),
    ...toAmountFields(tax),
    payment?.exchangeRate || tax?.exchangeRate || '',
  ];
}

// Amounts are copied as AWS sent them: reformatting "15000" KRW or "-12.50" could change what an accountant reads.
function toAmountFields(amount: CurrencyAmount | undefined): string[] {
  return amount ? [amount.currency, amount.total, amount.beforeTax, amount.tax] : ['', '', '', ''];
}

// Plain code-unit order: IDs and ISO dates are ASCII, and the ledger must not depend on the user's locale.
function compareInvoices(a: InvoiceRow, b: InvoiceRow): number {
  return (
    compareText(a.accountId, b.accountId) ||
    compareText(a.billingMonth, b.billingMonth) ||
    compareText(a.issuedDate, b.issuedDate) ||
    compareText(a.invoiceId, b.invoiceId)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invoiceKey(accountId: string, invoiceId: string): string {
  return `${accountId}\n${invoiceId}`;
}
