import { createLocalZip, getWarmDocuments, type LocalZip } from '@/utils/jobs/local-zip';
import { onOffscreenMessage } from '@/utils/messaging';

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

onOffscreenMessage('offscreen:zip-paths', ({ data }) => zips.get(data.zipId)?.paths() ?? []);
onOffscreenMessage('offscreen:zip-fetch', ({ data }) => getZip(data.zipId).fetchInto(data.path, data.url));
onOffscreenMessage('offscreen:zip-finish', ({ data }) => getZip(data.zipId).finish(data.texts));
onOffscreenMessage('offscreen:warm', ({ data }) => getWarmDocuments().warm(data.url));
onOffscreenMessage('offscreen:warm-clear', () => getWarmDocuments().clear());
onOffscreenMessage('offscreen:zip-dispose', ({ data }) => {
  zips.get(data.zipId)?.dispose();
  zips.delete(data.zipId);
});
