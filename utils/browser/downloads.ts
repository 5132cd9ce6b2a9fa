import { browser, type Browser } from 'wxt/browser';

/** How a download ended when it did not complete. `forbidden` usually means the presigned URL expired. */
export type DownloadFailure = 'forbidden' | 'network' | 'server' | 'file' | 'cancelled' | 'unknown';

export class DownloadError extends Error {
  constructor(
    readonly failure: DownloadFailure,
    readonly reason: string,
  ) {
    super(`Download ${failure}: ${reason}`);
  }
}

/** Longest silence from the downloads API before a download counts as stalled. */
const STALL_TIMEOUT_MS = 120_000;

/** Starts saving `url` as `filename` (relative to Downloads, sub-folders allowed); resolves with the download id. */
export async function startDownload(url: string, filename: string): Promise<number> {
  try {
    return await browser.downloads.download({ url, filename, conflictAction: 'overwrite', saveAs: false });
  } catch (error) {
    throw new DownloadError('file', error instanceof Error ? error.message : String(error));
  }
}

/** Resolves once the browser reports the download complete; throws a DownloadError when it is interrupted. */
export function waitForDownload(id: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (state: string | undefined, error: string | undefined) => {
      if (state !== 'complete' && state !== 'interrupted') return;
      browser.downloads.onChanged.removeListener(listener);
      clearTimeout(timer);
      if (state === 'complete') resolve();
      else reject(new DownloadError(classifyInterrupt(error ?? ''), error ?? ''));
    };
    const listener = (delta: Browser.downloads.DownloadDelta) => {
      if (delta.id === id) settle(delta.state?.current, delta.error?.current);
    };
    const timer = setTimeout(() => settle('interrupted', 'STALLED'), STALL_TIMEOUT_MS);
    browser.downloads.onChanged.addListener(listener);
    // The download may have finished before the listener was added.
    void browser.downloads.search({ id }).then(([item]) => {
      if (!item) settle('interrupted', 'NOT_FOUND');
      else settle(item.state, item.error);
    });
  });
}

/** Saves `url` as `filename` and waits until the file is complete. */
export async function downloadAndWait(url: string, filename: string): Promise<number> {
  const id = await startDownload(url, filename);
  await waitForDownload(id);
  return id;
}

/**
 * Every download started since `time` (epoch ms): its id, state, full file path (empty until Chrome has chosen it)
 * and URL.
 */
export async function listDownloadsSince(time: number): Promise<{ id: number; state: string; filename: string; url: string }[]> {
  const items = await browser.downloads.search({ startedAfter: new Date(time - 1000).toISOString() });
  return items.map((item) => ({ id: item.id, state: item.state ?? 'in_progress', filename: item.filename, url: item.url }));
}

function classifyInterrupt(reason: string): DownloadFailure {
  if (reason === 'SERVER_FORBIDDEN' || reason === 'SERVER_UNAUTHORIZED') return 'forbidden';
  if (reason.startsWith('NETWORK_') || reason === 'STALLED') return 'network';
  if (reason.startsWith('SERVER_')) return 'server';
  if (reason.startsWith('FILE_')) return 'file';
  if (reason.startsWith('USER_')) return 'cancelled';
  return 'unknown';
}
