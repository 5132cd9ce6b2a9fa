import { createLocalZip, getWarmDocuments, type LocalZip } from '@/utils/jobs/local-zip';
import { answerOffscreenMessages } from '@/utils/messaging';

// Chrome only: builds ZIPs for the service worker, which cannot make blob URLs itself.
const zips = new Map<string, LocalZip>();

function getZip(zipId: string): LocalZip {
  let zip = zips.get(zipId);
  if (!zip) {
    zip = createLocalZip(getWarmDocuments());
    zips.set(zipId, zip);
  }
  return zip;
}

answerOffscreenMessages({
  'offscreen:zip-paths': ({ zipId }) => zips.get(zipId)?.paths() ?? [],
  'offscreen:zip-fetch': ({ zipId, path, url, warmOnly }) => getZip(zipId).fetchInto(path, url, warmOnly),
  'offscreen:zip-finish': ({ zipId, texts }) => getZip(zipId).finish(texts),
  'offscreen:warm': ({ urls }) => urls.forEach((url) => void getWarmDocuments().warm(url)),
  'offscreen:warm-clear': () => getWarmDocuments().clear(),
  'offscreen:zip-dispose': ({ zipId }) => {
    zips.get(zipId)?.dispose();
    zips.delete(zipId);
  },
});
