import type { WarmBroadcast } from '../messaging';
import { createZipBuilder } from '../zip';
import { createWarmDocuments, fetchDocument, type FetchedDocument, type WarmDocuments } from './warm-documents';

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
  /**
   * Adds a document, taken from those fetched ahead (waiting for it if still on its way) or else fetched now. With
   * `warmOnly`, one not fetched ahead is not fetched: status 0.
   */
  fetchInto(path: string, url: string, warmOnly?: boolean): Promise<ZipFetchOutcome>;
  finish(texts: { path: string; text: string }[]): Promise<{ url: string; size: number }>;
  dispose(): void;
}

let warmDocuments: WarmDocuments | undefined;
/** This context's documents fetched ahead of a ZIP: Chrome's offscreen worker, Firefox's background page. */
function getWarmDocuments(): WarmDocuments {
  return (warmDocuments ??= createWarmDocuments({ fetchDocument }));
}

/** Fetches documents ahead in this context, or drops every one held, as the service worker asks. */
export function handleWarmBroadcast(message: WarmBroadcast): void {
  const warm = getWarmDocuments();
  if (message.type === 'warm') message.urls.forEach((url) => void warm.warm(url));
  else warm.clear();
}

/** This context's ZIPs by id, so a resumed job finds the one it was building. */
const localZips = new Map<string, LocalZip>();

/** The ZIP with this id, started empty (taking this context's documents fetched ahead) if there is none yet. */
export function getLocalZip(zipId: string): LocalZip {
  let zip = localZips.get(zipId);
  if (!zip) {
    zip = createLocalZip(getWarmDocuments());
    localZips.set(zipId, zip);
  }
  return zip;
}

/** The paths inside the ZIP with this id; none if it is not here (lost with a closed document). */
export function listLocalZipPaths(zipId: string): string[] {
  return localZips.get(zipId)?.paths() ?? [];
}

/** Drops the ZIP with this id and revokes its URL. */
export function disposeLocalZip(zipId: string): void {
  localZips.get(zipId)?.dispose();
  localZips.delete(zipId);
}

/** Starts an empty ZIP; documents warmed ahead of it are taken from `warm` instead of fetched again. */
export function createLocalZip(warm?: WarmDocuments): LocalZip {
  const builder = createZipBuilder();
  let blobUrl: string | undefined;
  const added: string[] = [];
  return {
    paths: () => [...added],
    async fetchInto(path, url, warmOnly) {
      // A resumed job may ask again for a document that made it in before the worker stopped.
      if (builder.has(path)) return { ok: true, status: 200, size: 0 };
      const fetched: FetchedDocument = await (warm?.take(url) ?? (warmOnly ? { ok: false, status: 0 } : fetchDocument(url)));
      if (!fetched.ok || !fetched.bytes) return { ok: false, status: fetched.status, size: 0 };
      builder.add(path, fetched.bytes);
      added.push(path);
      return { ok: true, status: fetched.status, size: fetched.bytes.byteLength };
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
