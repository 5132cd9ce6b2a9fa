import { DownloadError, downloadAndWait } from '../browser/downloads';
import { closeOffscreenDocument, ensureOffscreenDocument } from '../browser/offscreen';
import { sendOffscreenMessage } from '../messaging';
import type { UserError } from '../types';
import type { JobState } from './job-state';
import { createLocalZip, type LocalZip, type ZipFetchOutcome } from './local-zip';
import { SaveError, getZipFilename, type DocumentSink } from './run-job';

/** Saves each document straight from its presigned URL into the Downloads folder. */
export function createDownloadsSink(): DocumentSink {
  return {
    async save(document, url) {
      try {
        await downloadAndWait(url, document.path);
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        throw new SaveError(toDownloadUserError(error), error.failure === 'forbidden');
      }
    },
    async finish() {},
    async dispose() {},
  };
}

/** The same ZIP operations as LocalZip, but possibly in another context. */
type ZipTransport = {
  fetchInto(path: string, url: string): Promise<ZipFetchOutcome>;
  finish(texts: { path: string; text: string }[]): Promise<{ url: string; size: number }>;
  dispose(): Promise<void>;
};

/**
 * Collects documents into one ZIP and saves it at the end. On Chrome the ZIP lives in the offscreen document, which
 * fetches the presigned URLs itself so no PDF bytes cross extension messages (they are JSON and capped at 64 MiB).
 */
export async function createZipSink(): Promise<DocumentSink> {
  const transport = import.meta.env.FIREFOX ? wrapLocal(createLocalZip()) : await openOffscreenZip();
  return {
    async save(document, url) {
      const outcome = await transport.fetchInto(document.path, url);
      if (outcome.ok) return;
      throw new SaveError(toFetchUserError(outcome.status), outcome.status === 403);
    },
    async finish(job: JobState, texts) {
      const { url } = await transport.finish(texts);
      const filename = getZipFilename(job);
      try {
        await downloadAndWait(url, filename);
      } catch (error) {
        if (error instanceof DownloadError) throw new SaveError(toDownloadUserError(error));
        throw error;
      }
      job.zipFilename = filename;
    },
    dispose: () => transport.dispose(),
  };
}

function wrapLocal(zip: LocalZip): ZipTransport {
  return { fetchInto: zip.fetchInto, finish: zip.finish, dispose: async () => zip.dispose() };
}

async function openOffscreenZip(): Promise<ZipTransport> {
  await ensureOffscreenDocument();
  const zipId = crypto.randomUUID();
  return {
    fetchInto: (path, url) => sendOffscreenMessage('offscreen:zip-fetch', { zipId, path, url }),
    finish: (texts) => sendOffscreenMessage('offscreen:zip-finish', { zipId, texts }),
    async dispose() {
      await sendOffscreenMessage('offscreen:zip-dispose', { zipId }).catch(() => undefined);
      await closeOffscreenDocument().catch(() => undefined);
    },
  };
}

function toFetchUserError(status: number): UserError {
  if (status === 0) return { code: 'network' };
  if (status === 403) return { code: 'access-denied', detail: 'The document link was refused (HTTP 403).' };
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
