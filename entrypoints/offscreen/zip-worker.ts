import { disposeLocalZip, getLocalZip, handleWarmBroadcast, listLocalZipPaths } from '@/utils/jobs/local-zip';
import { answerWorkerRequests, type WorkerScopeLike } from '@/utils/jobs/offscreen-worker';
import type { WarmBroadcast } from '@/utils/messaging';

/**
 * Chrome only: the offscreen document's worker. It fetches documents ahead of a ZIP, builds ZIPs and makes their blob
 * URLs, on a thread of its own rather than the main thread the popup shares. Its name is WARM_CHANNEL, given by the
 * page, so this file needs no extension API.
 */
const scope = self as unknown as WorkerScopeLike & { name: string };

new BroadcastChannel(scope.name).onmessage = ({ data }: MessageEvent<WarmBroadcast>) => handleWarmBroadcast(data);

answerWorkerRequests(
  {
    'offscreen:zip-paths': ({ zipId }) => listLocalZipPaths(zipId),
    'offscreen:zip-fetch': ({ zipId, path, url, warmOnly }) => getLocalZip(zipId).fetchInto(path, url, warmOnly),
    'offscreen:zip-finish': ({ zipId, texts }) => getLocalZip(zipId).finish(texts),
    'offscreen:zip-dispose': ({ zipId }) => disposeLocalZip(zipId),
  },
  scope,
);
