import { describe, expect, it } from 'vitest';
import { LEDGER_FILENAME, buildLedgerCsv, type LedgerEntry } from '@/utils/ledger';
import type { InvoiceRow } from '@/utils/types';

const HEADER =
  'account,profile,invoice_id,type,billing_month,issued,due,seller,original_invoice_id,purchase_order,' +
  'base_currency,base_total,base_before_tax,base_tax,payment_currency,payment_total,payment_before_tax,payment_tax,' +
  'tax_currency,tax_total,tax_before_tax,tax_tax,exchange_rate';
const COLUMNS = HEADER.split(',');

function invoice(overrides: Partial<InvoiceRow> = {}): InvoiceRow {
  return {
    accountId: '123456789012',
    invoiceId: 'EUINDE24-1',
    type: 'INVOICE',
    issuedDate: '2024-06-02',
    dueDate: '2024-07-02',
    billingMonth: '2024-05',
    seller: 'Amazon Web Services EMEA SARL',
    amount: '100.00',
    currency: 'USD',
    amounts: {
      base: { currency: 'USD', total: '100.00', beforeTax: '84.03', tax: '15.97' },
      payment: { currency: 'EUR', total: '92.10', beforeTax: '77.39', tax: '14.71', exchangeRate: '0.921' },
      tax: { currency: 'EUR', total: '92.10', beforeTax: '77.39', tax: '14.71', exchangeRate: '0.9210' },
    },
    ...overrides,
  };
}

/** A strict RFC 4180 reader: CRLF record ends only, quotes only around whole fields, nothing after a closing quote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') fail('quote or bare LF in an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    fields.push(field);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else {
      fail('expected "," or CRLF');
    }
  }
  if (fields.length > 0) fail('last record has no CRLF');
  for (const record of records) if (record.length !== records[0]!.length) fail('ragged record');
  return records;
}

/** Reads the ledger back as one object per row, keyed by header name. */
function readLedger(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual(COLUMNS);
  return rows.map((row) => Object.fromEntries(COLUMNS.map((column, index) => [column, row[index]!])));
}

describe('buildLedgerCsv', () => {
  it('starts with a BOM and the exact header, with CRLF after every record', () => {
    expect(buildLedgerCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
    expect(LEDGER_FILENAME).toBe('invoices.csv');
  });

  it('writes every column from the invoice and its three currency views', () => {
    const csv = buildLedgerCsv([
      { invoice: invoice({ originalInvoiceId: 'X-0', purchaseOrderNumber: 'PO-7' }), profile: 'work' },
    ]);
    expect(csv).toBe(
      `\uFEFF${HEADER}\r\n` +
        '123456789012,work,EUINDE24-1,INVOICE,2024-05,2024-06-02,2024-07-02,Amazon Web Services EMEA SARL,X-0,PO-7,' +
        'USD,100.00,84.03,15.97,EUR,92.10,77.39,14.71,EUR,92.10,77.39,14.71,0.921\r\n',
    );
  });

  it('parses back cell by cell with a strict RFC 4180 reader', () => {
    const entries: LedgerEntry[] = [
      { invoice: invoice({ seller: 'Amazon Web Services, Inc. "US"' }), profile: 'a,b' },
      { invoice: invoice({ invoiceId: 'EUINDE24-2', seller: 'Line\r\nbreak', purchaseOrderNumber: ' padded ' }) },
      { invoice: invoice({ invoiceId: 'EUINDE24-3', seller: 'Amazon Web Services Korea LLC (아마존)' }) },
    ];
    const rows = readLedger(buildLedgerCsv(entries));
    expect(rows.map((row) => row.seller)).toEqual([
      'Amazon Web Services, Inc. "US"',
      'Line\r\nbreak',
      'Amazon Web Services Korea LLC (아마존)',
    ]);
    expect(rows[0]).toMatchObject({ profile: 'a,b', base_total: '100.00', payment_currency: 'EUR', exchange_rate: '0.921' });
    expect(rows[1]).toMatchObject({ profile: '', purchase_order: ' padded ', original_invoice_id: '' });
  });

  it('quotes a seller with a comma and doubles its quotes', () => {
    const csv = buildLedgerCsv([{ invoice: invoice({ seller: 'Amazon Web Services, Inc. "US"' }) }]);
    expect(csv).toContain(',"Amazon Web Services, Inc. ""US""",');
  });

  it('keeps a credit memo’s negative amount a number but defuses formula-like text', () => {
    const memo = invoice({
      invoiceId: 'CM-1',
      type: 'CREDIT_MEMO',
      seller: '=HYPERLINK("http://x")',
      purchaseOrderNumber: '@SUM(A1)',
      amount: '-12.50',
      amounts: {
        base: { currency: 'USD', total: '-12.50', beforeTax: '-10.50', tax: '-2.00' },
        payment: { currency: 'USD', total: '-12.50', beforeTax: '-10.50', tax: '-2.00' },
      },
    });
    const [row] = readLedger(buildLedgerCsv([{ invoice: memo, profile: '+cmd' }]));
    expect(row).toMatchObject({
      base_total: '-12.50',
      base_before_tax: '-10.50',
      base_tax: '-2.00',
      payment_total: '-12.50',
      seller: `'=HYPERLINK("http://x")`,
      purchase_order: "'@SUM(A1)",
      profile: "'+cmd",
    });
  });

  it('falls back to the summary amount for the base columns when AWS sent no currency views', () => {
    const { amounts: _, ...plain } = invoice({ amount: '55.10', currency: 'JPY' });
    const [row] = readLedger(buildLedgerCsv([{ invoice: plain }]));
    expect(row).toMatchObject({
      base_currency: 'JPY',
      base_total: '55.10',
      base_before_tax: '',
      base_tax: '',
      payment_currency: '',
      payment_total: '',
      tax_currency: '',
      tax_total: '',
      exchange_rate: '',
    });
  });

  it('does not repeat the payment amount as base when only the payment view exists', () => {
    const only = invoice({
      amount: '92.10',
      currency: 'EUR',
      amounts: { payment: { currency: 'EUR', total: '92.10', beforeTax: '77.39', tax: '14.71' } },
    });
    const [row] = readLedger(buildLedgerCsv([{ invoice: only }]));
    expect(row).toMatchObject({ base_currency: '', base_total: '', payment_total: '92.10', exchange_rate: '' });
  });

  it('takes the exchange rate from the payment view, else from the tax view', () => {
    const taxRateOnly = invoice({
      amounts: {
        base: { currency: 'USD', total: '100.00', beforeTax: '90.91', tax: '9.09' },
        payment: { currency: 'USD', total: '100.00', beforeTax: '90.91', tax: '9.09' },
        tax: { currency: 'KRW', total: '137000', beforeTax: '124545', tax: '12455', exchangeRate: '1370.00' },
      },
    });
    const [withBoth, withTaxOnly] = readLedger(
      buildLedgerCsv([{ invoice: invoice() }, { invoice: { ...taxRateOnly, invoiceId: 'EUINDE24-2' } }]),
    );
    expect(withBoth!.exchange_rate).toBe('0.921');
    expect(withTaxOnly!.exchange_rate).toBe('1370.00');
  });

  it('keeps amounts exactly as AWS sent them, such as KRW without decimals', () => {
    const krw = invoice({
      seller: 'Amazon Web Services Korea LLC',
      amount: '15000',
      currency: 'KRW',
      amounts: {
        base: { currency: 'KRW', total: '15000', beforeTax: '13637', tax: '1363' },
        payment: { currency: 'KRW', total: '15000', beforeTax: '13637', tax: '1363' },
        tax: { currency: 'KRW', total: '15000', beforeTax: '13637', tax: '1363' },
      },
    });
    const precise = invoice({
      invoiceId: 'EUINDE24-2',
      amounts: { base: { currency: 'USD', total: '0.0000001', beforeTax: '1e3', tax: '0.10' } },
    });
    const [first, second] = readLedger(buildLedgerCsv([{ invoice: krw }, { invoice: precise }]));
    expect(first).toMatchObject({ base_total: '15000', base_before_tax: '13637', base_tax: '1363', tax_total: '15000' });
    expect(second).toMatchObject({ base_total: '0.0000001', base_before_tax: '1e3', base_tax: '0.10' });
  });

  it('sorts by account, billing month, issue date and invoice ID, each credit memo after its invoice', () => {
    const entries: LedgerEntry[] = [
      { invoice: invoice({ accountId: '222222222222', invoiceId: 'B-1' }) },
      // Issued later than its invoice's neighbours, so plain sorting would put it last.
      { invoice: invoice({ invoiceId: 'CM-1', type: 'CREDIT_MEMO', originalInvoiceId: 'A-1', issuedDate: '2024-06-20' }) },
      { invoice: invoice({ invoiceId: 'A-2', issuedDate: '2024-06-02' }) },
      { invoice: invoice({ invoiceId: 'A-1', issuedDate: '2024-06-02' }) },
      { invoice: invoice({ invoiceId: 'A-0', billingMonth: '2024-04', issuedDate: '2024-05-02' }) },
      { invoice: invoice({ invoiceId: 'A-3', issuedDate: '2024-06-10' }) },
      // Its invoice is not in the list: sorted like any other row.
      { invoice: invoice({ invoiceId: 'CM-9', type: 'CREDIT_MEMO', originalInvoiceId: 'GONE', issuedDate: '2024-06-05' }) },
      { invoice: invoice({ invoiceId: 'CM-0', type: 'CREDIT_MEMO', originalInvoiceId: 'A-1', issuedDate: '2024-06-15' }) },
      // Same invoice ID in another account: not the invoice this memo adjusts.
      { invoice: invoice({ accountId: '222222222222', invoiceId: 'CM-2', type: 'CREDIT_MEMO', originalInvoiceId: 'A-2' }) },
    ];
    const rows = readLedger(buildLedgerCsv(entries));
    expect(rows.map((row) => `${row.account!.slice(0, 1)}:${row.invoice_id}`)).toEqual([
      '1:A-0',
      '1:A-1',
      '1:CM-0',
      '1:CM-1',
      '1:A-2',
      '1:CM-9',
      '1:A-3',
      '2:B-1',
      '2:CM-2',
    ]);
  });

  it('keeps every row when credit memos point at each other', () => {
    const rows = readLedger(
      buildLedgerCsv([
        { invoice: invoice({ invoiceId: 'CM-2', type: 'CREDIT_MEMO', originalInvoiceId: 'CM-1' }) },
        { invoice: invoice({ invoiceId: 'CM-1', type: 'CREDIT_MEMO', originalInvoiceId: 'CM-2' }) },
        { invoice: invoice({ invoiceId: 'CM-3', type: 'CREDIT_MEMO', originalInvoiceId: 'CM-3' }) },
      ]),
    );
    expect(rows.map((row) => row.invoice_id)).toEqual(['CM-1', 'CM-2', 'CM-3']);
  });

  it('does not reorder the caller’s array', () => {
    const entries = [{ invoice: invoice({ invoiceId: 'B' }) }, { invoice: invoice({ invoiceId: 'A' }) }];
    buildLedgerCsv(entries);
    expect(entries.map((entry) => entry.invoice.invoiceId)).toEqual(['B', 'A']);
  });
});
