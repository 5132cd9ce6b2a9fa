import { createRequestPool } from './request-pool';

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
 *
 * They are fetched a few at a time here, where they are kept, rather than one by one at the service worker's
 * request: answering each fetch through a worker busy with GetInvoicePDF calls held the connections idle.
 */
export interface WarmDocuments {
  /** Fetches `url` unless it is held or being fetched already; resolves to its outcome (without the bytes). */
  warm(url: string): Promise<{ ok: boolean; status: number }>;
  /** The fetch of `url` if one was warmed (done, running or queued), handed over once: a second ZIP fetches anew. */
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
  /** Fetches in flight at once; the rest wait their turn in order. */
  maxInFlight?: number;
}

/** 64 MiB: several hundred invoices, small next to what a browser tab uses. */
const MAX_BYTES = 64 * 1024 * 1024;
const KEEP_MS = 10 * 60_000;
/**
 * Browsers open 6 HTTP/1.1 connections per host; two more wait inside the browser, so a freed connection starts the
 * next document at once.
 */
export const WARM_IN_FLIGHT = 8;

type Entry = {
  fetched: Promise<FetchedDocument>;
  size: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Handed to a ZIP, which waits for it even if everything else is cleared. */
  taken?: boolean;
};

export function createWarmDocuments({
  fetchDocument,
  maxBytes = MAX_BYTES,
  keepMs = KEEP_MS,
  maxInFlight = WARM_IN_FLIGHT,
}: WarmDocumentsOptions): WarmDocuments {
  const held = new Map<string, Entry>();
  let heldBytes = 0;
  // The shared pool's queue, with nothing to classify as throttling: a failed fetch is the ZIP's to retry.
  const slots = createRequestPool({ max: maxInFlight, classify: () => ({ throttled: false }) });

  const drop = (url: string) => {
    const entry = held.get(url);
    if (!entry) return;
    clearTimeout(entry.timer);
    heldBytes -= entry.size;
    held.delete(url);
  };

  /**
   * Fetches once a slot is free, unless by then nobody wants it: it was cleared, or the memory cap was reached
   * while it waited. A document a ZIP took is fetched regardless. The bytes count against the cap before the slot
   * passes on, so the next in line sees them.
   */
  const fetchInTurn = (url: string, entry: Entry): Promise<FetchedDocument> =>
    slots.run(async () => {
      const kept = held.get(url) === entry;
      if (!entry.taken && !(kept && heldBytes < maxBytes)) {
        if (kept) held.delete(url);
        return { ok: false, status: 0 };
      }
      const fetched = await fetchDocument(url);
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
      return fetched;
    });

  return {
    async warm(url) {
      let entry = held.get(url);
      if (!entry) {
        if (heldBytes >= maxBytes) return { ok: false, status: 0 };
        entry = { size: 0 } as Entry;
        held.set(url, entry);
        entry.fetched = fetchInTurn(url, entry);
      }
      const { ok, status } = await entry.fetched;
      return { ok, status };
    },
    take(url) {
      const entry = held.get(url);
      if (!entry) return undefined;
      // Still fetching (or waiting its turn): the entry leaves now and its bytes are never counted.
      entry.taken = true;
      drop(url);
      return entry.fetched;
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
