import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createZipBuilder } from '@/utils/zip';

const PDF_A = new TextEncoder().encode('%PDF-1.7\nfake invoice A\n%%EOF\n');
// Bytes that are not valid UTF-8 must still come back untouched.
const PDF_B = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256);

/** Reads every local file header: name, compression method (0 = STORE) and stored size. */
function readLocalHeaders(zip: Uint8Array): { name: string; method: number; compressedSize: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const headers = [];
  let offset = 0;
  while (view.getUint32(offset, true) === 0x04034b50) {
    const method = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 30, offset + 30 + nameLength));
    headers.push({ name, method, compressedSize });
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return headers;
}

describe('createZipBuilder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('round-trips paths and bytes exactly', async () => {
    const builder = createZipBuilder();
    builder.add('AWS Invoices/1/2024-05/A.pdf', PDF_A);
    builder.add('AWS Invoices/1/2024-05/B-SUPPLEMENT-9.pdf', PDF_B);
    builder.addText('AWS Invoices/1/2024-05/manifest.csv', '\uFEFFseller\r\n서울 €\r\n');

    const read = await JSZip.loadAsync(await builder.generate());
    expect(Object.keys(read.files).sort()).toEqual([
      'AWS Invoices/1/2024-05/A.pdf',
      'AWS Invoices/1/2024-05/B-SUPPLEMENT-9.pdf',
      'AWS Invoices/1/2024-05/manifest.csv',
    ]);
    expect(await read.file('AWS Invoices/1/2024-05/A.pdf')!.async('uint8array')).toEqual(PDF_A);
    expect(await read.file('AWS Invoices/1/2024-05/B-SUPPLEMENT-9.pdf')!.async('uint8array')).toEqual(PDF_B);
  });

  it('writes text as UTF-8', async () => {
    const builder = createZipBuilder();
    builder.addText('m.csv', '\uFEFF서울 €');
    const read = await JSZip.loadAsync(await builder.generate());
    const bytes = await read.file('m.csv')!.async('uint8array');
    expect(Array.from(bytes)).toEqual([
      0xef, 0xbb, 0xbf, 0xec, 0x84, 0x9c, 0xec, 0x9a, 0xb8, 0x20, 0xe2, 0x82, 0xac,
    ]);
  });

  it('stores files uncompressed, with no extra folder entries', async () => {
    const builder = createZipBuilder();
    // Highly compressible content: DEFLATE would shrink it to a few bytes.
    const zeros = new Uint8Array(10_000);
    builder.add('a/zeros.pdf', zeros);
    builder.add('a/b.pdf', PDF_A);
    const zip = await builder.generate();

    expect(readLocalHeaders(zip)).toEqual([
      { name: 'a/zeros.pdf', method: 0, compressedSize: 10_000 },
      { name: 'a/b.pdf', method: 0, compressedSize: PDF_A.length },
    ]);
    expect(zip.length).toBeGreaterThan(10_000 + PDF_A.length);
    expect(zip.length).toBeLessThan(10_000 + PDF_A.length + 300);
  });

  it('produces identical bytes for identical input, at any time', async () => {
    const build = async () => {
      const builder = createZipBuilder();
      builder.add('x/A.pdf', PDF_A);
      builder.addText('x/manifest.csv', 'a,b\r\n');
      return builder.generate();
    };
    // Only Date is faked: JSZip's own scheduling must keep running.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-02T10:00:00Z'));
    const first = await build();
    vi.setSystemTime(new Date('2025-11-19T17:45:30Z'));
    expect(await build()).toEqual(first);
    const read = await JSZip.loadAsync(first);
    expect(read.file('x/A.pdf')!.date.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('tracks its files and refuses to overwrite one', () => {
    const builder = createZipBuilder();
    expect(builder.size).toBe(0);
    builder.add('a.pdf', PDF_A);
    builder.addText('b.csv', 'x');
    expect(builder.size).toBe(2);
    expect(builder.has('a.pdf')).toBe(true);
    expect(builder.has('c.pdf')).toBe(false);
    expect(() => builder.add('a.pdf', PDF_B)).toThrow(/a\.pdf/);
    expect(builder.size).toBe(2);
  });

  it('also returns the ZIP as a Blob with the ZIP MIME type', async () => {
    const builder = createZipBuilder();
    builder.add('a.pdf', PDF_A);
    const blob = await builder.generateBlob();
    expect(blob.type).toBe('application/zip');
    const read = await JSZip.loadAsync(new Uint8Array(await blob.arrayBuffer()));
    expect(await read.file('a.pdf')!.async('uint8array')).toEqual(PDF_A);
  });
});
