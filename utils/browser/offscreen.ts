import { browser } from 'wxt/browser';
import { sleep } from '../jobs/pool';
import { offscreenChannel } from '../messaging';

const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Opens the offscreen document that builds ZIPs: Chrome's service worker has no URL.createObjectURL, so a blob URL
 * for downloads.download must come from a page. Chrome allows one offscreen document per extension.
 */
async function ensureOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) return;
  try {
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS'],
      justification: 'Build the invoice ZIP and give downloads a blob URL for it.',
    });
  } catch (error) {
    // Two jobs racing to open it: the second create fails although the document exists, which is fine.
    if (!/single offscreen/i.test(String(error))) throw error;
  }
}

/** True while the offscreen document is open. */
async function hasOffscreenDocument(): Promise<boolean> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  return contexts.length > 0;
}

/**
 * Opens the offscreen document if needed and waits until its worker, which builds ZIPs and fetches documents ahead,
 * listens; false if it never does. A document still loading (just created, maybe by a call racing this one) has no
 * listener for the port yet, so a refused connection is tried again for a while.
 */
export async function openOffscreenWorker(): Promise<boolean> {
  await ensureOffscreenDocument();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await offscreenChannel.send('offscreen:worker-ready', {});
    } catch {
      if (attempt >= 40) return false;
      await sleep(50);
    }
  }
}

/** Closes the offscreen document if it is open. */
export async function closeOffscreenDocument(): Promise<void> {
  offscreenChannel.disconnect();
  if (await hasOffscreenDocument()) await browser.offscreen.closeDocument();
}
