import { createZipBuilder } from '../zip';

/** The outcome of fetching one presigned URL into a ZIP; a status instead of an exception so it crosses messages. */
export interface ZipFetchOutcome {
  ok: boolean;
  status: number;
  size: number;
}

/** A ZIP being built where `fetch` and `URL.createObjectURL` both work: Chrome's offscreen document, Firefox's background page. */
export interface LocalZip {
  /** The documents already inside. */
  paths(): string[];
  fetchInto(path: string, url: string): Promise<ZipFetchOutcome>;
  finish(texts: { path: string; text: string }[]): Promise<{ url: string; size: number }>;
  dispose(): void;
}

/** Starts an empty ZIP. */
export function createLocalZip(): LocalZip {
  const builder = createZipBuilder();
  let blobUrl: string | undefined;
  const added: string[] = [];
  return {
    paths: () => [...added],
    async fetchInto(path, url) {
      // A resumed job may ask again for a document that made it in before the worker stopped.
      if (builder.has(path)) return { ok: true, status: 200, size: 0 };
      let response: Response;
      try {
        // Presigned URLs carry their own authorisation: no cookies, no referrer.
        response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
      } catch {
        return { ok: false, status: 0, size: 0 };
      }
      if (!response.ok) return { ok: false, status: response.status, size: 0 };
      const bytes = new Uint8Array(await response.arrayBuffer());
      // S3 answers some failures with 200 and an XML body; a PDF always starts with "%PDF".
      if (!startsWithPdfMagic(bytes)) return { ok: false, status: 502, size: bytes.length };
      builder.add(path, bytes);
      added.push(path);
      return { ok: true, status: response.status, size: bytes.length };
    },
    async finish(texts) {
      for (const { path, text } of texts) builder.addText(path, text);
      const blob = await builder.generateBlob();
      blobUrl = URL.createObjectURL(blob);
      return { url: blobUrl, size: blob.size };
    },
    dispose() {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = undefined;
    },
  };
}

function startsWithPdfMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}
