import { createLocalZip, type LocalZip } from '@/utils/jobs/local-zip';
import { answerWorkerRequests, type WorkerScopeLike } from '@/utils/jobs/offscreen-worker';
import { createWarmDocuments, fetchDocument } from '@/utils/jobs/warm-documents';
import type { WarmBroadcast } from '@/utils/messaging';

/**
 * Chrome only: the offscreen document's worker. It fetches documents ahead of a ZIP, builds ZIPs and makes their blob
 * URLs, on a thread of its own rather than the main thread the popup shares. Its name is WARM_CHANNEL, given by the
 * page, so this file needs no extension API.
 */
const scope = self as unknown as WorkerScopeLike & { name: string };
const warm = createWarmDocuments({ fetchDocument });
const zips = new Map<string, LocalZip>();

function getZip(zipId: string): LocalZip {
  let zip = zips.get(zipId);
  if (!zip) {
    zip = createLocalZip(warm);
    zips.set(zipId, zip);
  }
  return zip;
}

new BroadcastChannel(scope.name).onmessage = ({ data }: MessageEvent<WarmBroadcast>) => {
  if (data.type === 'warm') data.urls.forEach((url) => void warm.warm(url));
  else warm.clear();
};

answerWorkerRequests(
  {
    'offscreen:zip-paths': ({ zipId }) => zips.get(zipId)?.paths() ?? [],
    'offscreen:zip-fetch': ({ zipId, path, url, warmOnly }) => getZip(zipId).fetchInto(path, url, warmOnly),
    'offscreen:zip-finish': ({ zipId, texts }) => getZip(zipId).finish(texts),
    'offscreen:zip-dispose': ({ zipId }) => {
      zips.get(zipId)?.dispose();
      zips.delete(zipId);
    },
  },
  scope,
);
