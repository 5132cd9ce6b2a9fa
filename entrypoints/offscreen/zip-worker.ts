import { disposeLocalZip, getLocalZip, handleWarmBroadcast, listLocalZipPaths } from '@/utils/jobs/local-zip';
import { answerWorkerRequests, runImmediatesAsMicrotasks, type WorkerScopeLike } from '@/utils/jobs/offscreen-worker';
import type { WarmBroadcast } from '@/utils/messaging';
import { warmUpZipWriter } from '@/utils/zip';

/**
 * Chrome only: the offscreen document's worker. It fetches documents ahead of a ZIP, builds ZIPs and makes their blob
 * URLs, on a thread of its own rather than the main thread the popup shares. Its name is WARM_CHANNEL, given by the
 * page, so this file needs no extension API.
 */
const scope = self as unknown as WorkerScopeLike & { name: string; setImmediate?: unknown };

// The ZIP is written after the last document, so its time adds to the download's. With both, in bench runs, the ZIP of
// 120 documents took 25 to 37 ms from its request instead of 36 to 61 (each alone: about 45).
runImmediatesAsMicrotasks(scope);
void warmUpZipWriter();

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
