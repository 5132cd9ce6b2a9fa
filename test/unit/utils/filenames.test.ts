import { describe, expect, it } from 'vitest';
import { buildDocumentPath, buildZipFilename, makeUniquePaths, sanitizePathSegment } from '@/utils/filenames';

describe('sanitizePathSegment', () => {
  it('keeps ordinary names unchanged', () => {
    expect(sanitizePathSegment('EUINDE24-123456')).toBe('EUINDE24-123456');
    expect(sanitizePathSegment('Amazon Web Services Korea LLC')).toBe('Amazon Web Services Korea LLC');
    expect(sanitizePathSegment('請求書 2024')).toBe('請求書 2024');
  });

  it('replaces characters downloads.download rejects', () => {
    expect(sanitizePathSegment('a<b>c:d"e/f\\g|h?i*j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(sanitizePathSegment('a\u0000b\u001fc\u007fd')).toBe('a_b_c_d');
    // Zero-width and bidi-override format characters can disguise a file's extension.
    expect(sanitizePathSegment('inv\u202Efdp.exe')).toBe('inv_fdp.exe');
    expect(sanitizePathSegment('lone\uD800surrogate')).toBe('lone_surrogate');
  });

  it('collapses whitespace, including tabs and line breaks', () => {
    expect(sanitizePathSegment('a \t\n  b')).toBe('a b');
  });

  it('defuses ". " which Firefox > 126 rejects in folder names', () => {
    const result = sanitizePathSegment('Amazon Web Services, Inc. Korea');
    expect(result).not.toContain('. ');
    expect(result).toBe('Amazon Web Services, Inc._Korea');
  });

  it('strips leading and trailing dots and spaces, and a leading "~"', () => {
    expect(sanitizePathSegment('  .hidden. . ')).toBe('hidden');
    expect(sanitizePathSegment('~user')).toBe('_user');
    expect(sanitizePathSegment(' ~user')).toBe('_user');
    expect(sanitizePathSegment('a~b')).toBe('a~b');
  });

  it.each([
    ['CON', 'CON_'],
    ['nul', 'nul_'],
    ['Com1', 'Com1_'],
    ['lpt9', 'lpt9_'],
    ['con.pdf', 'con_.pdf'],
    ['AUX.tar.gz', 'AUX_.tar.gz'],
    ['con .pdf', 'con_ .pdf'],
  ])('renames the Windows device name %j', (input, expected) => {
    expect(sanitizePathSegment(input)).toBe(expected);
  });

  it('leaves names that only start like device names alone', () => {
    expect(sanitizePathSegment('console.pdf')).toBe('console.pdf');
    expect(sanitizePathSegment('com10')).toBe('com10');
    expect(sanitizePathSegment('com0')).toBe('com0');
  });

  it('defuses extensions Chrome treats as shell-integrated', () => {
    expect(sanitizePathSegment('invoice.lnk')).toBe('invoice.lnk_');
    expect(sanitizePathSegment('invoice.LOCAL')).toBe('invoice.LOCAL_');
  });

  it('caps the length at 120 UTF-16 units without splitting a surrogate pair', () => {
    expect(sanitizePathSegment('x'.repeat(300))).toBe('x'.repeat(120));
    const emoji = '😀'; // two UTF-16 units
    const cut = sanitizePathSegment(`${'a'.repeat(119)}${emoji}tail`);
    expect(cut).toBe('a'.repeat(119));
    expect(sanitizePathSegment(`${'a'.repeat(118)}${emoji}tail`)).toBe(`${'a'.repeat(118)}${emoji}`);
  });

  it('does not leave a trailing dot or space at the cut', () => {
    expect(sanitizePathSegment(`${'a'.repeat(119)}. b`)).toBe('a'.repeat(119));
  });

  it('never returns an empty or dot-only name', () => {
    expect(sanitizePathSegment('')).toBe('_');
    expect(sanitizePathSegment('.')).toBe('_');
    expect(sanitizePathSegment('..')).toBe('_');
    expect(sanitizePathSegment('   ')).toBe('_');
    expect(sanitizePathSegment('..', 'fallback')).toBe('fallback');
    expect(sanitizePathSegment('', '')).toBe('_');
    expect(sanitizePathSegment('', 'con')).toBe('con_');
  });

  it('is idempotent', () => {
    for (const input of ['Inc. Ltd', ' ~a:b. c ', 'con.pdf', `${'é'.repeat(200)}`, 'x\u0000y']) {
      const once = sanitizePathSegment(input);
      expect(sanitizePathSegment(once)).toBe(once);
    }
  });
});

describe('buildDocumentPath', () => {
  it('puts the invoice PDF under the account and month', () => {
    expect(
      buildDocumentPath({ accountId: '123456789012', month: '2024-05', invoiceId: 'EUINDE24-1', documentType: 'INVOICE' }),
    ).toBe('AWS Invoices/123456789012/2024-05/EUINDE24-1.pdf');
  });

  it('names supplemental documents after their invoice, type and ID', () => {
    expect(
      buildDocumentPath({
        accountId: '123456789012',
        month: '2024-05',
        invoiceId: '2024-0001',
        documentType: 'GOVERNMENT_INVOICE',
        documentId: 'NF-77',
      }),
    ).toBe('AWS Invoices/123456789012/2024-05/2024-0001-GOVERNMENT_INVOICE-NF-77.pdf');
  });

  it('sanitises every segment and keeps the .pdf extension even for very long IDs', () => {
    const path = buildDocumentPath({
      accountId: '../etc',
      month: '2024/05',
      invoiceId: `A:${'9'.repeat(300)}`,
      documentType: 'INVOICE',
    });
    const segments = path.split('/');
    expect(segments).toHaveLength(4);
    expect(segments[1]).toBe('_etc');
    expect(segments[2]).toBe('2024_05');
    expect(segments[3]).toBe(`A_${'9'.repeat(118)}.pdf`);
  });

  it('uses readable fallbacks for empty values', () => {
    expect(buildDocumentPath({ accountId: '', month: '', invoiceId: '', documentType: 'INVOICE' })).toBe(
      'AWS Invoices/unknown-account/unknown-month/invoice.pdf',
    );
  });
});

describe('buildZipFilename', () => {
  it('names the ZIP after the account and month', () => {
    expect(buildZipFilename('123456789012', '2024-05')).toBe('aws-invoices-123456789012-2024-05.zip');
  });

  it('sanitises what goes into the name', () => {
    expect(buildZipFilename('12/34', '2024:05')).toBe('aws-invoices-12_34-2024_05.zip');
  });
});

describe('makeUniquePaths', () => {
  it('keeps unique paths as they are', () => {
    expect(makeUniquePaths(['a/x.pdf', 'a/y.pdf', 'b/x.pdf'])).toEqual(['a/x.pdf', 'a/y.pdf', 'b/x.pdf']);
  });

  it('numbers repeats before the extension, case-insensitively', () => {
    expect(makeUniquePaths(['d/INV-1.pdf', 'd/inv-1.pdf', 'd/Inv-1.PDF'])).toEqual([
      'd/INV-1.pdf',
      'd/inv-1 (2).pdf',
      'd/Inv-1 (3).PDF',
    ]);
  });

  it('never reuses a name that a later input already has', () => {
    expect(makeUniquePaths(['d/a.pdf', 'd/a.pdf', 'd/a (2).pdf'])).toEqual(['d/a.pdf', 'd/a (3).pdf', 'd/a (2).pdf']);
  });

  it('avoids the names already taken, and adds its own to them for the next call', () => {
    const taken = new Set(['d/a.pdf', 'd/a (2).pdf']);
    expect(makeUniquePaths(['d/A.pdf', 'd/b.pdf'], taken)).toEqual(['d/A (3).pdf', 'd/b.pdf']);
    expect(makeUniquePaths(['d/b.pdf'], taken)).toEqual(['d/b (2).pdf']);
    expect([...taken]).toEqual(['d/a.pdf', 'd/a (2).pdf', 'd/a (3).pdf', 'd/b.pdf', 'd/b (2).pdf']);
  });

  it('appends the counter when there is no extension, ignoring dots in folder names', () => {
    expect(makeUniquePaths(['v1.2/readme', 'v1.2/readme'])).toEqual(['v1.2/readme', 'v1.2/readme (2)']);
  });

  it('returns as many distinct names as it was given', () => {
    const input = Array.from({ length: 50 }, () => 'AWS Invoices/1/2024-05/same.pdf');
    const output = makeUniquePaths(input);
    expect(new Set(output.map((path) => path.toLowerCase())).size).toBe(50);
    expect(output[49]).toBe('AWS Invoices/1/2024-05/same (50).pdf');
  });
});
