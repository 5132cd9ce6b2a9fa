import { browser, type Browser } from 'wxt/browser';

/** How a download ended when it did not complete. `forbidden` usually means the presigned URL expired. */
export type DownloadFailure = 'forbidden' | 'network' | 'server' | 'file' | 'cancelled' | 'unknown';

export class DownloadError extends Error {
  constructor(readonly failure: DownloadFailure, readonly reason: string) {
    super(`Download ${failure}: ${reason}`);
  }
}

/** Longest silence from the downloads API before a download counts as stalled. */
const STALL_TIMEOUT_MS = 120_000;

/**
 * Saves `url` as `filename` (relative to the Downloads folder, sub-folders allowed) and resolves once the browser
 * reports the file complete, so callers can count it as saved and retry it otherwise.
 */
export async function downloadAndWait(url: string, filename: string): Promise<number> {
  const settled = new Map<number, { state?: string; error?: string }>();
  const waiters = new Map<number, (change: { state?: string; error?: string }) => void>();
  // The change can arrive before download() resolves with the id, so collect from the start.
  const listener = (delta: Browser.downloads.DownloadDelta) => {
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return;
    const change = { state, error: delta.error?.current };
    const waiter = waiters.get(delta.id);
    if (waiter) waiter(change);
    else settled.set(delta.id, change);
  };
  browser.downloads.onChanged.addListener(listener);
  try {
    let id: number;
    try {
      id = await browser.downloads.download({ url, filename, conflictAction: 'overwrite', saveAs: false });
    } catch (error) {
      throw new DownloadError('file', error instanceof Error ? error.message : String(error));
    }
    const early = settled.get(id);
    const change =
      early ??
      (await new Promise<{ state?: string; error?: string }>((resolve) => {
        waiters.set(id, resolve);
        // A download may also have finished between download() resolving and the listener seeing it.
        void browser.downloads.search({ id }).then(([item]) => {
          if (item?.state === 'complete' || item?.state === 'interrupted') resolve({ state: item.state, error: item.error });
        });
        setTimeout(() => resolve({ state: 'interrupted', error: 'STALLED' }), STALL_TIMEOUT_MS);
      }));
    if (change.state !== 'complete') throw new DownloadError(classifyInterrupt(change.error ?? ''), change.error ?? '');
    return id;
  } finally {
    browser.downloads.onChanged.removeListener(listener);
  }
}

function classifyInterrupt(reason: string): DownloadFailure {
  if (reason === 'SERVER_FORBIDDEN' || reason === 'SERVER_UNAUTHORIZED') return 'forbidden';
  if (reason.startsWith('NETWORK_') || reason === 'STALLED') return 'network';
  if (reason.startsWith('SERVER_')) return 'server';
  if (reason.startsWith('FILE_')) return 'file';
  if (reason.startsWith('USER_')) return 'cancelled';
  return 'unknown';
}
