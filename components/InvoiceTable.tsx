import { useState } from 'preact/hooks';
import { sumByCurrency } from '@/utils/decimal';
import type { InvoiceRow, InvoiceType } from '@/utils/types';

const TYPE_LABELS: Record<InvoiceType, string> = {
  INVOICE: 'Invoice',
  CREDIT_MEMO: 'Credit memo',
  PAYMENT_RECEIPT: 'Payment receipt',
};

interface Props {
  invoices: InvoiceRow[];
  /** What was listed, for the table's name: "2026-09" or "2026-07 to 2026-09". */
  period: string;
  /** Accounts in the listing with their labels; with several, rows are grouped by account. */
  accounts?: { accountId: string; label: string }[];
}

/**
 * The listed invoices, grouped by account, with each credit memo right under the invoice it adjusts; filterable
 * by type and seller, with exact per-currency totals of what is shown (amounts are decimal strings, never floats).
 */
export function InvoiceTable({ invoices, period, accounts = [] }: Props) {
  const [type, setType] = useState('');
  const [seller, setSeller] = useState('');
  const sellers = [...new Set(invoices.map((invoice) => invoice.seller).filter(Boolean))].sort();
  const types = [...new Set(invoices.map((invoice) => invoice.type))];
  const shown = invoices.filter((invoice) => (!type || invoice.type === type) && (!seller || invoice.seller === seller));
  const groups = groupByAccount(shown, accounts);
  const totals = sumByCurrency(shown);
  return (
    <>
      {(types.length > 1 || sellers.length > 1) && (
        <div class="filters">
          <label>
            Type{' '}
            <select value={type} onChange={(event) => setType(event.currentTarget.value)}>
              <option value="">All types</option>
              {types.map((value) => (
                <option key={value} value={value}>
                  {TYPE_LABELS[value] ?? value}
                </option>
              ))}
            </select>
          </label>
          <label>
            Seller{' '}
            <select value={seller} onChange={(event) => setSeller(event.currentTarget.value)}>
              <option value="">All sellers</option>
              {sellers.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {/* Focusable so keyboard users can scroll a long table. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`Invoices for ${period}, scrollable`}>
        <table class="invoices" aria-label={`Invoices for ${period}`}>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Issued / due</th>
              <th scope="col">Seller</th>
              <th scope="col" class="num">
                Amount
              </th>
              <th scope="col" class="num" title="Supplemental documents">
                Extra docs
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.accountId}>
              {groups.length > 1 && (
                <tr class="group">
                  <th scope="rowgroup" colSpan={5}>
                    {group.label === group.accountId ? group.accountId : `${group.label} · ${group.accountId}`}
                  </th>
                </tr>
              )}
              {group.rows.map((invoice) => (
                <tr key={invoice.invoiceId} class={invoice.type === 'CREDIT_MEMO' && invoice.originalInvoiceId ? 'adjusts' : undefined}>
                  <th scope="row">
                    <span class="invoice-id">{invoice.invoiceId}</span>
                    <span class="sub">
                      {TYPE_LABELS[invoice.type] ?? invoice.type}
                      {invoice.originalInvoiceId ? `, adjusts ${invoice.originalInvoiceId}` : ''}
                    </span>
                  </th>
                  <td class="date">
                    {invoice.issuedDate || '—'}
                    <span class="sub">{invoice.dueDate ? `due ${invoice.dueDate}` : ''}</span>
                  </td>
                  <td>{invoice.seller}</td>
                  <td class="num">{formatAmount(invoice.amount, invoice.currency)}</td>
                  <td class="num">{invoice.supplementalCount ?? '…'}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <dl class="totals" aria-label="Totals">
        {totals.map((total) => (
          <div key={total.currency}>
            <dt>
              Total {total.currency} ({total.count} {total.count === 1 ? 'invoice' : 'invoices'})
            </dt>
            <dd>{formatAmount(total.total, total.currency)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Rows per account in the listing's order; in each, by issue date, with credit memos after what they adjust. */
export function groupByAccount(
  invoices: InvoiceRow[],
  accounts: { accountId: string; label: string }[],
): { accountId: string; label: string; rows: InvoiceRow[] }[] {
  const order = [...accounts.map((account) => account.accountId), ...invoices.map((invoice) => invoice.accountId)];
  const ids = [...new Set(order)].filter((id) => invoices.some((invoice) => invoice.accountId === id));
  return ids.map((accountId) => {
    const rows = invoices
      .filter((invoice) => invoice.accountId === accountId)
      .sort((a, b) => a.issuedDate.localeCompare(b.issuedDate) || a.invoiceId.localeCompare(b.invoiceId));
    const byId = new Set(rows.map((row) => row.invoiceId));
    const adjusting = (row: InvoiceRow) => row.type === 'CREDIT_MEMO' && row.originalInvoiceId && byId.has(row.originalInvoiceId);
    const placed: InvoiceRow[] = [];
    for (const row of rows) {
      if (adjusting(row)) continue;
      placed.push(row, ...rows.filter((memo) => adjusting(memo) && memo.originalInvoiceId === row.invoiceId));
    }
    return { accountId, label: accounts.find((account) => account.accountId === accountId)?.label ?? accountId, rows: placed };
  });
}

/** Formats a decimal string for display without turning it into a float first where the engine allows. */
export function formatAmount(amount: string, currency: string): string {
  if (!amount) return '—';
  try {
    return getCurrencyFormat(currency)(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Building an Intl.NumberFormat costs about a millisecond: one per currency, not one per row and redraw. */
const currencyFormats = new Map<string, (value: string) => string>();
function getCurrencyFormat(currency: string): (value: string) => string {
  let format = currencyFormats.get(currency);
  if (!format) {
    // Given a string, format() keeps every digit (Intl.NumberFormat v3) instead of rounding through a double.
    format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 20 }).format as (value: string) => string;
    currencyFormats.set(currency, format);
  }
  return format;
}
