/** One presigned URL fetched: the bytes of a PDF, or the HTTP status that stopped it (0: no answer). */
export interface FetchedDocument {
  ok: boolean;
  status: number;
  bytes?: Uint8Array;
}

/**
 * Documents fetched ahead of a ZIP download, in memory only. A listed month is nearly always downloaded next, and
 * the browser fetches S3's HTTP/1.1 URLs only 6 at a time, so the bytes are fetched while the person reads the
 * table; the ZIP then takes them instead of fetching again.
 */
export interface WarmDocuments {
  /** Fetches `url` unless it is held or being fetched already; resolves to its outcome (without the bytes). */
  warm(url: string): Promise<{ ok: boolean; status: number }>;
  /** The fetch of `url` if one was warmed, handed over once: a second ZIP fetches anew. */
  take(url: string): Promise<FetchedDocument> | undefined;
  /** Drops every held document (a new listing, a locked vault, a forgotten session). */
  clear(): void;
  /** Bytes held right now (for tests). */
  readonly heldBytes: number;
}

export interface WarmDocumentsOptions {
  fetchDocument(url: string): Promise<FetchedDocument>;
  /** At most this many bytes are held; further documents are not warmed (the ZIP fetches them itself). */
  maxBytes?: number;
  /** Held documents are dropped after this long unless taken. */
  keepMs?: number;
}

/** 64 MiB: several hundred invoices, small next to what a browser tab uses. */
const MAX_BYTES = 64 * 1024 * 1024;
const KEEP_MS = 10 * 60_000;

export function createWarmDocuments({ fetchDocument, maxBytes = MAX_BYTES, keepMs = KEEP_MS }: WarmDocumentsOptions): WarmDocuments {
  const held = new Map<string, { fetched: Promise<FetchedDocument>; size: number; timer?: ReturnType<typeof setTimeout> }>();
  let heldBytes = 0;

  const drop = (url: string) => {
    const entry = held.get(url);
    if (!entry) return;
    clearTimeout(entry.timer);
    heldBytes -= entry.size;
    held.delete(url);
  };

  return {
    async warm(url) {
      const existing = held.get(url);
      if (existing) {
        const { ok, status } = await existing.fetched;
        return { ok, status };
      }
      if (heldBytes >= maxBytes) return { ok: false, status: 0 };
      const entry: { fetched: Promise<FetchedDocument>; size: number; timer?: ReturnType<typeof setTimeout> } = {
        fetched: fetchDocument(url),
        size: 0,
      };
      held.set(url, entry);
      const fetched = await entry.fetched;
      if (held.get(url) === entry) {
        if (fetched.ok) {
          entry.size = fetched.bytes?.byteLength ?? 0;
          heldBytes += entry.size;
          entry.timer = setTimeout(() => drop(url), keepMs);
        } else {
          // A failed fetch is not kept: the download tries again with its own retries.
          held.delete(url);
        }
      }
      return { ok: fetched.ok, status: fetched.status };
    },
    take(url) {
      const entry = held.get(url);
      if (!entry) return undefined;
      const { fetched } = entry;
      // Still fetching: the entry leaves now and its bytes are never counted.
      drop(url);
      return fetched;
    },
    clear() {
      for (const url of [...held.keys()]) drop(url);
    },
    get heldBytes() {
      return heldBytes;
    },
  };
}

/** Fetches a presigned URL and checks that a PDF came back. Never throws. */
export async function fetchDocument(url: string): Promise<FetchedDocument> {
  let response: Response;
  let bytes: Uint8Array;
  try {
    // Presigned URLs carry their own authorisation: no cookies, no referrer.
    response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    if (!response.ok) return { ok: false, status: response.status };
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return { ok: false, status: 0 };
  }
  // S3 answers some failures with 200 and an XML body; a PDF always starts with "%PDF".
  if (!startsWithPdfMagic(bytes)) return { ok: false, status: 502 };
  return { ok: true, status: response.status, bytes };
}

function startsWithPdfMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}
