import { sumByCurrency } from '@/utils/decimal';
import type { InvoiceRow, InvoiceType } from '@/utils/types';

const TYPE_LABELS: Record<InvoiceType, string> = {
  INVOICE: 'Invoice',
  CREDIT_MEMO: 'Credit memo',
  PAYMENT_RECEIPT: 'Payment receipt',
};

/** The month's invoices with exact per-currency totals (amounts are decimal strings, never summed as floats). */
export function InvoiceTable({ invoices, month }: { invoices: InvoiceRow[]; month: string }) {
  const totals = sumByCurrency(invoices);
  return (
    <>
    <div class="table-scroll">
    <table class="invoices" aria-label={`Invoices for ${month}`}>
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
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.invoiceId}>
            <th scope="row">
              <span class="invoice-id">{invoice.invoiceId}</span>
              <span class="sub">{TYPE_LABELS[invoice.type] ?? invoice.type}</span>
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

/** Formats a decimal string for display without turning it into a float first where the engine allows. */
export function formatAmount(amount: string, currency: string): string {
  if (!amount) return '—';
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 20 }).format as (
      value: string,
    ) => string;
    return format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
