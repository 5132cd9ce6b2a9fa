import { describe, expect, it } from 'vitest';
import { buildDocumentPath, sanitizePathSegment } from '@/utils/filenames';
import {
  DEFAULT_NAMING_TEMPLATE,
  NAMING_TOKENS,
  buildNamingValues,
  previewNamingTemplate,
  renderDocumentPath,
  renderUniquePaths,
  validateNamingTemplate,
  type NamingValues,
} from '@/utils/naming-template';
import type { InvoiceRow } from '@/utils/types';

function values(overrides: Partial<NamingValues> = {}): NamingValues {
  return {
    account: '123456789012',
    profile: 'work',
    billingMonth: '2024-05',
    issuedDate: '2024-06-02',
    invoiceId: 'EUINDE24-123456',
    type: 'INVOICE',
    seller: 'Amazon Web Services EMEA SARL',
    amount: '123.45',
    currency: 'EUR',
    documentType: 'INVOICE',
    ...overrides,
  };
}

const SUPPLEMENT = { documentType: 'TAX_E_INVOICE', documentId: 'TEI-0001' } as const;

describe('renderDocumentPath with the default template', () => {
  it.each([
    ['an ordinary invoice', values()],
    ['its supplement', values(SUPPLEMENT)],
    ['a supplement without an ID', values({ documentType: 'SUPPLEMENT' })],
    ['an account and month that need sanitising', values({ account: '...', billingMonth: '' })],
    ['an invoice ID with forbidden characters', values({ invoiceId: 'a:b?c*d|e"f<g>h.' })],
    ['an empty invoice ID', values({ invoiceId: '' })],
    ['a very long invoice ID', values({ invoiceId: 'x'.repeat(300), ...SUPPLEMENT })],
  ])('gives what buildDocumentPath gives for %s', (_, v) => {
    expect(renderDocumentPath(DEFAULT_NAMING_TEMPLATE, v)).toBe(
      buildDocumentPath({
        accountId: v.account,
        month: v.billingMonth,
        invoiceId: v.invoiceId,
        documentType: v.documentType,
        ...(v.documentId ? { documentId: v.documentId } : {}),
      }),
    );
  });

  it('names the invoice PDF and a supplement as before', () => {
    expect(renderDocumentPath(DEFAULT_NAMING_TEMPLATE, values())).toBe(
      'AWS Invoices/123456789012/2024-05/EUINDE24-123456.pdf',
    );
    expect(renderDocumentPath(DEFAULT_NAMING_TEMPLATE, values(SUPPLEMENT))).toBe(
      'AWS Invoices/123456789012/2024-05/EUINDE24-123456-TAX_E_INVOICE-TEI-0001.pdf',
    );
  });
});

describe('renderDocumentPath', () => {
  it('substitutes every token', () => {
    // One folder per token: a single file name holding them all would pass the 120-character cap.
    const template = NAMING_TOKENS.map((token) => `{${token}}`).join('/');
    expect(renderDocumentPath(template, values({ type: 'CREDIT_MEMO', amount: '-12.50', ...SUPPLEMENT }))).toBe(
      '123456789012/work/2024-05/2024-06-02/EUINDE24-123456/credit-memo/Amazon Web Services EMEA SARL/-12.50/EUR/TAX_E_INVOICE/TEI-0001.pdf',
    );
  });

  it.each([
    ['INVOICE', 'invoice'],
    ['CREDIT_MEMO', 'credit-memo'],
    ['PAYMENT_RECEIPT', 'payment-receipt'],
  ] as const)('writes the %s type as %j', (type, name) => {
    expect(renderDocumentPath('{type}/{invoiceId}', values({ type }))).toBe(`${name}/EUINDE24-123456.pdf`);
  });

  it('keeps a value with "/" in one folder and sanitises every segment after substitution', () => {
    const v = values({ profile: 'acme/prod', seller: 'Amazon Web Services, Inc.' });
    expect(renderDocumentPath('{profile}/{seller}/{invoiceId}', v)).toBe(
      'acme_prod/Amazon Web Services, Inc/EUINDE24-123456.pdf',
    );
  });

  it.each([
    ['forbidden characters', 'a:b?c*d|e"f<g>h'],
    ['a ".." value', '..'],
    ['a Windows device name', 'CON'],
    ['a Windows device name with an extension', 'aux.txt'],
    ['Firefox’s ". " rule', 'Amazon Web Services, Inc. Korea'],
    ['a leading "~"', '~root'],
    ['a shell extension', 'x.lnk'],
    ['line breaks', 'a\r\nb'],
  ])('applies sanitizePathSegment’s rules to %s in folder and file names', (_, raw) => {
    const path = renderDocumentPath('{seller}/{invoiceId} {seller}', values({ seller: raw }));
    const [folder, file] = path.split('/');
    expect(path.split('/')).toHaveLength(2);
    expect(folder).toBe(sanitizePathSegment(raw, 'unknown-seller'));
    expect(file).toBe(`${sanitizePathSegment(`EUINDE24-123456 ${raw}`)}.pdf`);
  });

  it('never leaves the Downloads folder, whatever the template', () => {
    for (const template of ['/{invoiceId}', '../{invoiceId}', 'a/../../{invoiceId}', '//x//{invoiceId}', 'C:/{invoiceId}']) {
      const path = renderDocumentPath(template, values());
      expect(path).not.toMatch(/^[\\/]|^[A-Za-z]:/);
      expect(path.split('/')).not.toContain('..');
      expect(path.split('/')).not.toContain('');
      expect(path.endsWith('/EUINDE24-123456.pdf') || path === 'EUINDE24-123456.pdf').toBe(true);
    }
    expect(renderDocumentPath('/{invoiceId}', values())).toBe('EUINDE24-123456.pdf');
    expect(renderDocumentPath('../{invoiceId}', values())).toBe(`${sanitizePathSegment('..')}/EUINDE24-123456.pdf`);
    expect(renderDocumentPath('C:/{invoiceId}', values())).toBe('C_/EUINDE24-123456.pdf');
  });

  it('appends ".pdf" only when the template does not end with it', () => {
    expect(renderDocumentPath('{invoiceId}', values())).toBe('EUINDE24-123456.pdf');
    expect(renderDocumentPath('{invoiceId}.pdf', values())).toBe('EUINDE24-123456.pdf');
    expect(renderDocumentPath('{invoiceId}.PDF', values())).toBe('EUINDE24-123456.pdf');
  });

  it('never lets the length cap cut off ".pdf"', () => {
    const path = renderDocumentPath('{invoiceId}.pdf', values({ invoiceId: 'x'.repeat(300) }));
    expect(path).toBe(`${'x'.repeat(120)}.pdf`);
  });

  it('adds the document type and ID to a supplement when the template names neither', () => {
    expect(renderDocumentPath('{billingMonth}/{invoiceId}', values(SUPPLEMENT))).toBe(
      '2024-05/EUINDE24-123456-TAX_E_INVOICE-TEI-0001.pdf',
    );
    expect(renderDocumentPath('{invoiceId}.pdf', values(SUPPLEMENT))).toBe('EUINDE24-123456-TAX_E_INVOICE-TEI-0001.pdf');
    expect(renderDocumentPath('{invoiceId}', values({ documentType: 'GOVERNMENT_INVOICE' }))).toBe(
      'EUINDE24-123456-GOVERNMENT_INVOICE.pdf',
    );
  });

  it('leaves the file name alone when the template names the document itself', () => {
    expect(renderDocumentPath('{invoiceId} ({documentType})', values(SUPPLEMENT))).toBe(
      'EUINDE24-123456 (TAX_E_INVOICE).pdf',
    );
    expect(renderDocumentPath('{documentType}/{invoiceId}', values(SUPPLEMENT))).toBe(
      'TAX_E_INVOICE/EUINDE24-123456.pdf',
    );
    expect(renderDocumentPath('{invoiceId}-{documentId}', values(SUPPLEMENT))).toBe('EUINDE24-123456-TEI-0001.pdf');
  });

  it('falls back for empty values instead of leaving gaps', () => {
    const empty = values({ account: '', profile: '', billingMonth: '', issuedDate: '', seller: ' ' });
    expect(renderDocumentPath('{account}/{profile}/{billingMonth}/{seller}/{issuedDate} {invoiceId}', empty)).toBe(
      'unknown-account/no-profile/unknown-month/unknown-seller/unknown-date EUINDE24-123456.pdf',
    );
  });

  it('drops an empty optional value together with its separator', () => {
    expect(renderDocumentPath('{invoiceId}-{documentType}-{documentId}', values())).toBe('EUINDE24-123456-INVOICE.pdf');
    expect(renderDocumentPath('{invoiceId} {amount} {currency}', values({ amount: '', currency: '' }))).toBe(
      'EUINDE24-123456.pdf',
    );
    expect(renderDocumentPath('{amount}/{invoiceId}', values({ amount: '' }))).toBe('EUINDE24-123456.pdf');
  });

  it('falls back to "invoice" when the file name renders empty', () => {
    expect(renderDocumentPath('{invoiceId}', values({ invoiceId: '' }))).toBe('invoice.pdf');
    expect(renderDocumentPath('x/{amount}', values({ amount: '' }))).toBe('x/invoice.pdf');
  });

  it('keeps unknown tokens as typed', () => {
    expect(renderDocumentPath('{nope}-{invoiceId}', values())).toBe('{nope}-EUINDE24-123456.pdf');
  });
});

describe('renderUniquePaths', () => {
  it('never gives two documents the same name', () => {
    const paths = renderUniquePaths('{account}/{invoiceId}', [
      values(),
      values(),
      values({ invoiceId: 'euinde24-123456' }),
      values({ invoiceId: 'EUINDE24-123456 (2)' }),
    ]);
    expect(paths).toEqual([
      '123456789012/EUINDE24-123456.pdf',
      '123456789012/EUINDE24-123456 (3).pdf',
      '123456789012/euinde24-123456 (4).pdf',
      '123456789012/EUINDE24-123456 (2).pdf',
    ]);
    expect(new Set(paths.map((path) => path.toLowerCase())).size).toBe(paths.length);
  });

  it('keeps names that sanitise to the same text apart', () => {
    const paths = renderUniquePaths('{seller}/{invoiceId}', [values({ seller: 'A:B' }), values({ seller: 'A?B' })]);
    expect(paths).toEqual(['A_B/EUINDE24-123456.pdf', 'A_B/EUINDE24-123456 (2).pdf']);
  });
});

describe('validateNamingTemplate', () => {
  it.each([
    DEFAULT_NAMING_TEMPLATE,
    '{invoiceId}',
    '{invoiceId}.pdf',
    '{account}/{billingMonth}/{issuedDate} {seller} {invoiceId} {type} {amount} {currency}',
    '{profile}/{invoiceId}-{documentType}-{documentId}',
    'Invoices {billingMonth}/{invoiceId}',
  ])('accepts %j', (template) => {
    expect(validateNamingTemplate(template)).toEqual({ ok: true });
  });

  it.each([
    ['', { ok: false, issue: 'empty' }],
    ['   ', { ok: false, issue: 'empty' }],
    ['/{invoiceId}', { ok: false, issue: 'absolute' }],
    ['\\{invoiceId}', { ok: false, issue: 'absolute' }],
    ['C:/{invoiceId}', { ok: false, issue: 'absolute' }],
    ['../{invoiceId}', { ok: false, issue: 'parent-folder' }],
    ['a/ .. /{invoiceId}', { ok: false, issue: 'parent-folder' }],
    ['a\\..\\{invoiceId}', { ok: false, issue: 'parent-folder' }],
    ['{acount}/{invoiceId}', { ok: false, issue: 'unknown-token', token: '{acount}' }],
    ['{Account}/{invoiceId}', { ok: false, issue: 'unknown-token', token: '{Account}' }],
    ['{}/{invoiceId}', { ok: false, issue: 'unknown-token', token: '{}' }],
    ['{account}/{billingMonth}', { ok: false, issue: 'no-invoice-id' }],
  ])('refuses %j', (template, expected) => {
    expect(validateNamingTemplate(template)).toEqual(expected);
  });
});

describe('previewNamingTemplate', () => {
  it('shows an invoice PDF and its supplement under the default template', () => {
    expect(previewNamingTemplate(DEFAULT_NAMING_TEMPLATE)).toEqual([
      'AWS Invoices/123456789012/2024-05/2451234567.pdf',
      'AWS Invoices/123456789012/2024-05/2451234567-TAX_E_INVOICE-TEI-0001.pdf',
    ]);
  });

  it('shows how a seller with a comma and a profile with a slash are written', () => {
    expect(previewNamingTemplate('{profile}/{seller}/{invoiceId}')).toEqual([
      'acme_production/Amazon Web Services, Inc/2451234567.pdf',
      'acme_production/Amazon Web Services, Inc/2451234567-TAX_E_INVOICE-TEI-0001.pdf',
    ]);
  });

  it.each(['{invoiceId}', '{account}/{invoiceId} {type}', '{invoiceId}-{documentId}', '{documentId}/{invoiceId}'])(
    'gives the two samples different names under %j',
    (template) => {
      const [invoice, supplement] = previewNamingTemplate(template);
      expect(invoice).toMatch(/\.pdf$/);
      expect(supplement).toMatch(/\.pdf$/);
      expect(invoice).not.toBe(supplement);
    },
  );
});

describe('buildNamingValues', () => {
  it('takes every value from the listed invoice and the document', () => {
    const invoice: InvoiceRow = {
      accountId: '123456789012',
      invoiceId: 'EUINDE24-123456',
      type: 'CREDIT_MEMO',
      issuedDate: '2024-06-02',
      dueDate: '2024-07-02',
      billingMonth: '2024-05',
      seller: 'Amazon Web Services EMEA SARL',
      amount: '-12.50',
      currency: 'EUR',
    };
    expect(buildNamingValues(invoice, SUPPLEMENT, 'work')).toEqual(
      values({ type: 'CREDIT_MEMO', amount: '-12.50', ...SUPPLEMENT }),
    );
    expect(buildNamingValues(invoice, { documentType: 'INVOICE' })).toEqual(
      values({ type: 'CREDIT_MEMO', amount: '-12.50', profile: '' }),
    );
  });
});
