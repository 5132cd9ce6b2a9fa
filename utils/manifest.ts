/**
 * The CSV index written next to the PDFs, so an accountant can see every document and whether it was saved. Like the
 * ledger, its columns and values are machine-readable and never translated.
 */

/** One document in the manifest; amounts stay decimal strings. */
export interface ManifestRow {
  accountId: string;
  billingMonth: string;
  invoiceId: string;
  type: string;
  issuedDate: string;
  dueDate: string;
  seller: string;
  amount: string;
  currency: string;
  documentType: string;
  filePath: string;
  status: 'saved' | 'missing';
}

const HEADER = [
  'account',
  'billing_month',
  'invoice_id',
  'type',
  'issued',
  'due',
  'seller',
  'amount',
  'currency',
  'document_type',
  'file_path',
  'status',
];

// Spreadsheets run cells starting with these as formulas (CSV injection); tab and CR are documented vectors too.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Builds the manifest as RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, so Excel shows non-ASCII sellers right. */
export function buildManifestCsv(rows: ManifestRow[]): string {
  const lines = [
    toCsvLine(HEADER),
    ...rows.map((row) =>
      toCsvLine([
        row.accountId,
        row.billingMonth,
        row.invoiceId,
        row.type,
        row.issuedDate,
        row.dueDate,
        row.seller,
        row.amount,
        row.currency,
        row.documentType,
        row.filePath,
        row.status,
      ]),
    ),
  ];
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** Joins values into one CSV record (no line end), quoting and defusing each field as needed. */
export function toCsvLine(values: string[]): string {
  return values.map(formatField).join(',');
}

function formatField(value: string): string {
  // Negative amounts such as credit memos ("-12.50") must stay numbers, so only non-numbers get the "'" prefix.
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
