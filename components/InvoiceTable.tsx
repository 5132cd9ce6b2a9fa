import type { ReadonlySignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { sumByCurrency } from '@/utils/decimal';
import { formatAmount, formatDate } from '@/utils/format';
import { t, type MessageKey } from '@/utils/i18n';
import type { InvoiceRow, InvoiceType } from '@/utils/types';

const TYPE_KEYS: Record<InvoiceType, MessageKey> = {
  INVOICE: 'typeInvoice',
  CREDIT_MEMO: 'typeCreditMemo',
  PAYMENT_RECEIPT: 'typePaymentReceipt',
};

interface Props {
  invoices: InvoiceRow[];
  /** What was listed, in words, for the table's name: "September 2026" or "July 2026 to September 2026". */
  period: string;
  /** Accounts in the listing with their labels; with several, rows are grouped by account. */
  accounts?: { accountId: string; label: string }[];
  /** Supplemental documents by invoice ID, known once the background has looked up each invoice's links. */
  counts: ReadonlySignal<Record<string, number>>;
}

/**
 * The listed invoices, grouped by account, with each credit memo right under the invoice it adjusts; filterable
 * by type and seller, with exact per-currency totals of what is shown (amounts are decimal strings, never floats).
 */
export function InvoiceTable({ invoices, period, accounts = [], counts }: Props) {
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
            {t('filterType')}{' '}
            <select value={type} onChange={(event) => setType(event.currentTarget.value)}>
              <option value="">{t('allTypes')}</option>
              {types.map((value) => (
                <option key={value} value={value}>
                  {describeType(value)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('seller')}{' '}
            <select value={seller} onChange={(event) => setSeller(event.currentTarget.value)}>
              <option value="">{t('allSellers')}</option>
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
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('invoicesForScrollable', period)}>
        <table class="invoices" aria-label={t('invoicesFor', period)}>
          <thead>
            <tr>
              <th scope="col">{t('columnInvoice')}</th>
              <th scope="col">{t('columnIssuedDue')}</th>
              <th scope="col">{t('seller')}</th>
              <th scope="col" class="num">
                {t('columnAmount')}
              </th>
              <th scope="col" class="num" title={t('columnExtraDocsTitle')}>
                {t('columnExtraDocs')}
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
                      {describeType(invoice.type)}
                      {invoice.originalInvoiceId ? `, ${t('adjustsInvoice', invoice.originalInvoiceId)}` : ''}
                    </span>
                  </th>
                  <td class="date">
                    {formatDate(invoice.issuedDate) || '—'}
                    <span class="sub">{invoice.dueDate ? t('dueOn', formatDate(invoice.dueDate)) : ''}</span>
                  </td>
                  <td>{invoice.seller}</td>
                  <td class="num">{formatAmount(invoice.amount, invoice.currency)}</td>
                  <td class="num">
                    <SupplementalCount counts={counts} invoiceId={invoice.invoiceId} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <dl class="totals" aria-label={t('totals')}>
        {totals.map((total) => (
          <div key={total.currency}>
            <dt>{t(total.count === 1 ? 'totalOne' : 'totalMany', total.currency, String(total.count))}</dt>
            <dd>{formatAmount(total.total, total.currency)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** A cell of its own: as counts arrive, these cells redraw, not the whole table. */
function SupplementalCount({ counts, invoiceId }: { counts: ReadonlySignal<Record<string, number>>; invoiceId: string }) {
  return <>{counts.value[invoiceId] ?? '…'}</>;
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

/** An invoice type in words; a type AWS adds later shows as AWS spells it. */
function describeType(type: InvoiceType): string {
  const key = TYPE_KEYS[type] as MessageKey | undefined;
  return key ? t(key) : type;
}
