import { createLocalZip, type LocalZip } from '@/utils/jobs/local-zip';
import { createWarmWorkerClient } from '@/utils/jobs/warm-documents';
import { answerOffscreenMessages, WARM_CHANNEL } from '@/utils/messaging';
// Built by Vite as a worker of its own. Not `new Worker(new URL(..., import.meta.url))`: WXT rewrites import.meta.url,
// which hides that pattern from Vite (wxt-dev/wxt#2032).
import warmWorkerUrl from './warm-worker?worker&url';

// Chrome only: builds ZIPs for the service worker, which cannot make blob URLs itself. Documents fetched ahead are
// fetched and held by a worker of this document, off the main thread the popup shares (see WARM_CHANNEL).
const warm = createWarmWorkerClient(new Worker(warmWorkerUrl, { name: WARM_CHANNEL }));
const zips = new Map<string, LocalZip>();

function getZip(zipId: string): LocalZip {
  let zip = zips.get(zipId);
  if (!zip) {
    zip = createLocalZip(warm);
    zips.set(zipId, zip);
  }
  return zip;
}

answerOffscreenMessages({
  'offscreen:zip-paths': ({ zipId }) => zips.get(zipId)?.paths() ?? [],
  'offscreen:zip-fetch': ({ zipId, path, url, warmOnly }) => getZip(zipId).fetchInto(path, url, warmOnly),
  'offscreen:zip-finish': ({ zipId, texts }) => getZip(zipId).finish(texts),
  'offscreen:warm-ready': () => warm.ready,
  'offscreen:zip-dispose': ({ zipId }) => {
    zips.get(zipId)?.dispose();
    zips.delete(zipId);
  },
});
