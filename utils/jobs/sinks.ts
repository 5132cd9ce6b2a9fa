import { DownloadError, downloadAndWait, listDownloadsSince, startDownload, waitForDownload } from '../browser/downloads';
import { closeOffscreenDocument, openOffscreenWorker } from '../browser/offscreen';
import { offscreenChannel, WARM_CHANNEL, type WarmBroadcast } from '../messaging';
import type { UserError } from '../types';
import type { JobState } from './job-state';
import type { ZipFetchOutcome } from './local-zip';
import { SaveError, type DocumentSink } from './run-job';

/** Saves each document straight from its presigned URL into the Downloads folder. */
export function createDownloadsSink(): DocumentSink {
  // Downloads a previous worker started for this job. Its last progress write may predate them, even predate the
  // documents' entries, so they are matched by file path both here and again before any new download starts, and
  // then also by the document's address: a download only just started has no file path yet.
  let earlier: { id: number; state: string; filename: string; url: string }[] = [];
  const findEarlier = (documentPath: string, downloadId?: number, url?: string) =>
    earlier.find((item) => item.id === downloadId) ??
    earlier
      .filter((item) => item.filename.replaceAll('\\', '/').endsWith(`/${documentPath}`) || (url && locate(item.url) === locate(url)))
      .at(-1);
  return {
    async reconcile(job) {
      earlier = await listDownloadsSince(job.startedAt);
      const started = earlier;
      await Promise.all(
        job.documents
          .filter((document) => document.status !== 'saved' && document.status !== 'failed')
          .map(async (document) => {
            const found = started.length ? findEarlier(document.path, document.downloadId) : undefined;
            if (!found || found.state === 'interrupted') {
              document.status = 'pending';
              document.downloadId = undefined;
              return;
            }
            document.downloadId = found.id;
            try {
              await waitForDownload(found.id);
              document.status = 'saved';
            } catch {
              document.status = 'pending';
              document.downloadId = undefined;
            }
          }),
      );
    },
    async save(document, url, onStarted) {
      const adopted = findEarlier(document.path, undefined, url);
      if (adopted && adopted.state !== 'interrupted') {
        earlier = earlier.filter((item) => item !== adopted);
        await onStarted(adopted.id);
        try {
          await waitForDownload(adopted.id);
          return;
        } catch {
          // It failed after all: download it anew below.
        }
      }
      try {
        const id = await startDownload(url, document.path);
        await onStarted(id);
        await waitForDownload(id);
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        throw new SaveError(toDownloadUserError(error), error.failure === 'forbidden');
      }
    },
    async finish() {},
    async dispose() {},
  };
}

/** Where a URL points, without its query: a presigned URL's signature changes each time it is asked for again. */
function locate(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return origin + pathname;
  } catch {
    return url;
  }
}

/** The same ZIP operations as LocalZip, but possibly in another context. */
type ZipTransport = {
  paths(): Promise<string[]>;
  fetchInto(path: string, url: string, warmOnly?: boolean): Promise<ZipFetchOutcome>;
  finish(texts: { path: string; text: string }[]): Promise<{ url: string; size: number }>;
  dispose(): Promise<void>;
};

/**
 * Collects documents into one ZIP and saves it at the end. On Chrome the ZIP lives in the offscreen document, which
 * fetches the presigned URLs itself so no PDF bytes cross extension messages (they are JSON and capped at 64 MiB).
 */
export async function createZipSink(job: JobState): Promise<DocumentSink> {
  job.zipId ??= crypto.randomUUID();
  const zipId = job.zipId;
  // Imported only on Firefox, so Chrome's service worker never carries jszip (the offscreen document does).
  const transport = import.meta.env.FIREFOX ? openLocalZip(await import('./local-zip'), zipId) : await openOffscreenZip(zipId);
  return {
    async reconcile(current) {
      // A new job has nothing to reconcile; skipping spares a round trip to the offscreen document.
      if (current.documents.length === 0) return;
      // What the ZIP holds is the truth: a document marked saved in a ZIP that was lost must be fetched again.
      const inside = new Set(await transport.paths());
      for (const document of current.documents) {
        if (document.status === 'failed') continue;
        document.status = inside.has(document.path) ? 'saved' : 'pending';
      }
    },
    async save(document, url) {
      const outcome = await transport.fetchInto(document.path, url);
      if (outcome.ok) return;
      throw new SaveError(toFetchUserError(outcome.status), outcome.status === 403);
    },
    async saveWarm(document, url) {
      return (await transport.fetchInto(document.path, url, true)).ok;
    },
    async finish(current, texts) {
      const { url } = await transport.finish(texts);
      const filename = current.zipFilename ?? 'aws-invoices.zip';
      try {
        await downloadAndWait(url, filename);
      } catch (error) {
        if (error instanceof DownloadError) throw new SaveError(toDownloadUserError(error));
        throw error;
      }
    },
    dispose: () => transport.dispose(),
  };
}

/**
 * Fetches an invoice's documents into memory where ZIPs are built, ahead of a download (see warm-documents.ts). On
 * Chrome the offscreen document's worker must be listening already; if it is not, nothing is warmed and the ZIP
 * fetches them.
 */
export function warmDocuments(urls: string[]): Promise<void> {
  return postWarm({ type: 'warm', urls });
}

/** Drops the documents fetched ahead (a new listing, a forgotten session, a download that is not a ZIP). */
export function clearWarmDocuments(): Promise<void> {
  // Posted blindly on Chrome: with no offscreen document open, there is nothing to drop.
  return postWarm({ type: 'clear' });
}

let warmChannel: BroadcastChannel | undefined;
/** Firefox fetches ahead in the background page itself; Chrome's offscreen worker listens on WARM_CHANNEL. */
async function postWarm(message: WarmBroadcast): Promise<void> {
  if (import.meta.env.FIREFOX) return (await import('./local-zip')).handleWarmBroadcast(message);
  (warmChannel ??= new BroadcastChannel(WARM_CHANNEL)).postMessage(message);
}

/** Firefox keeps its ZIPs in the background page itself, by id, so a resumed job in the same page finds its ZIP. */
function openLocalZip(module: typeof import('./local-zip'), zipId: string): ZipTransport {
  const local = module.getLocalZip(zipId);
  return {
    paths: async () => module.listLocalZipPaths(zipId),
    fetchInto: local.fetchInto,
    finish: local.finish,
    async dispose() {
      module.disposeLocalZip(zipId);
    },
  };
}

async function openOffscreenZip(zipId: string): Promise<ZipTransport> {
  if (!(await openOffscreenWorker())) throw new SaveError({ code: 'unknown', detail: 'The offscreen document did not start' });
  return {
    paths: () => offscreenChannel.send('offscreen:zip-paths', { zipId }),
    fetchInto: (path, url, warmOnly) => offscreenChannel.send('offscreen:zip-fetch', { zipId, path, url, warmOnly }),
    finish: (texts) => offscreenChannel.send('offscreen:zip-finish', { zipId, texts }),
    async dispose() {
      await offscreenChannel.send('offscreen:zip-dispose', { zipId }).catch(() => undefined);
      await closeOffscreenDocument().catch(() => undefined);
    },
  };
}

function toFetchUserError(status: number): UserError {
  if (status === 0) return { code: 'network' };
  if (status === 403) return { code: 'link-refused' };
  if (status === 429) return { code: 'throttled' };
  if (status >= 500) return { code: 'server', detail: `HTTP ${status}` };
  return { code: 'unknown', detail: `HTTP ${status}` };
}

function toDownloadUserError(error: DownloadError): UserError {
  switch (error.failure) {
    case 'network':
      return { code: 'network', detail: error.reason };
    case 'server':
    case 'forbidden':
      return { code: 'server', detail: error.reason };
    default:
      return { code: 'unknown', detail: error.reason };
  }
}
