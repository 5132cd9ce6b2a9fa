import { describe, expect, it } from 'vitest';
import { buildManifestCsv, toCsvLine, type ManifestRow } from '@/utils/manifest';

const HEADER = 'account,billing_month,invoice_id,type,issued,due,seller,amount,currency,document_type,file_path,status';

function row(overrides: Partial<ManifestRow> = {}): ManifestRow {
  return {
    accountId: '123456789012',
    billingMonth: '2024-05',
    invoiceId: 'EUINDE24-1',
    type: 'INVOICE',
    issuedDate: '2024-06-02',
    dueDate: '2024-07-02',
    seller: 'Amazon Web Services EMEA SARL',
    amount: '123.45',
    currency: 'EUR',
    documentType: 'INVOICE',
    filePath: 'AWS Invoices/123456789012/2024-05/EUINDE24-1.pdf',
    status: 'saved',
    ...overrides,
  };
}

describe('buildManifestCsv', () => {
  it('starts with a BOM and the header, with CRLF after every record', () => {
    expect(buildManifestCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('writes the fields in header order', () => {
    const csv = buildManifestCsv([row(), row({ invoiceId: 'EUINDE24-2', status: 'missing', filePath: '' })]);
    expect(csv.split('\r\n')).toEqual([
      `\uFEFF${HEADER}`,
      '123456789012,2024-05,EUINDE24-1,INVOICE,2024-06-02,2024-07-02,Amazon Web Services EMEA SARL,123.45,EUR,INVOICE,AWS Invoices/123456789012/2024-05/EUINDE24-1.pdf,saved',
      '123456789012,2024-05,EUINDE24-2,INVOICE,2024-06-02,2024-07-02,Amazon Web Services EMEA SARL,123.45,EUR,INVOICE,,missing',
      '',
    ]);
  });

  it('keeps a credit memo’s negative amount a number', () => {
    const csv = buildManifestCsv([row({ type: 'CREDIT_MEMO', amount: '-12.50' })]);
    expect(csv).toContain(',CREDIT_MEMO,');
    expect(csv).toContain(',-12.50,EUR,');
    expect(csv).not.toContain("'-12.50");
  });

  it('quotes a seller with a comma and keeps non-ASCII text as is', () => {
    const csv = buildManifestCsv([row({ seller: 'Amazon Web Services Korea LLC, 서울' })]);
    expect(csv).toContain(',"Amazon Web Services Korea LLC, 서울",');
  });
});

describe('toCsvLine', () => {
  it('leaves plain fields bare', () => {
    expect(toCsvLine(['a', 'b c', '', '1.5'])).toBe('a,b c,,1.5');
  });

  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling inner quotes', () => {
    expect(toCsvLine(['a,b', 'say "hi"', 'two\r\nlines', 'cr\ronly', ' lead', 'trail '])).toBe(
      '"a,b","say ""hi""","two\r\nlines","cr\ronly"," lead","trail "',
    );
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    expect(toCsvLine(['=HYPERLINK("http://x","y")'])).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(toCsvLine(['+cmd', '-2+3', '@SUM(A1)'])).toBe("'+cmd,'-2+3,'@SUM(A1)");
    expect(toCsvLine(['\t=1'])).toBe("'\t=1");
    expect(toCsvLine(['\r=1'])).toBe(`"'\r=1"`);
  });

  it('does not touch plain numbers, even signed ones', () => {
    expect(toCsvLine(['-12.50', '+3', '-.5', '0.00'])).toBe('-12.50,+3,-.5,0.00');
  });

  it('can be parsed back by a strict RFC 4180 reader', () => {
    const values = ['x,"y"', '=1+1', 'a\r\nb', ' s ', '-1', 'ok'];
    expect(parseCsvRecord(toCsvLine(values))).toEqual(['x,"y"', "'=1+1", 'a\r\nb', ' s ', '-1', 'ok']);
  });
});

/** A minimal RFC 4180 reader for one record, so the test does not trust the writer's own logic. */
function parseCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) throw new Error('unterminated quote');
        field += line.slice(i, quote);
        i = quote + 1;
        if (line[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      field = line.slice(i, end);
      if (/["\r\n]/.test(field)) throw new Error(`bare field needs quoting: ${field}`);
      i = end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new Error(`expected a comma at ${i}`);
    i += 1;
  }
}
