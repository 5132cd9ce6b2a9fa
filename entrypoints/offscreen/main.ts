import { createOffscreenWorkerClient } from '@/utils/jobs/offscreen-worker';
import { answerOffscreenMessages, WARM_CHANNEL } from '@/utils/messaging';
// Built by Vite as a worker of its own. Not `new Worker(new URL(..., import.meta.url))`: WXT rewrites import.meta.url,
// which hides that pattern from Vite (wxt-dev/wxt#2032).
import zipWorkerUrl from './zip-worker?worker&url';

// Chrome only: the service worker cannot make blob URLs, so ZIPs are built here, in this document's worker (see
// zip-worker.ts); this page only passes the service worker's requests on to it.
const worker = createOffscreenWorkerClient(new Worker(zipWorkerUrl, { name: WARM_CHANNEL }));

answerOffscreenMessages({
  'offscreen:worker-ready': () => worker.ready,
  'offscreen:zip-paths': (data) => worker.send('offscreen:zip-paths', data),
  'offscreen:zip-fetch': (data) => worker.send('offscreen:zip-fetch', data),
  'offscreen:zip-finish': (data) => worker.send('offscreen:zip-finish', data),
  'offscreen:zip-dispose': (data) => worker.send('offscreen:zip-dispose', data),
});
