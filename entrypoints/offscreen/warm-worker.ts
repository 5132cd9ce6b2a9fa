import { createWarmDocuments, fetchDocument } from '@/utils/jobs/warm-documents';
import type { WarmBroadcast, WarmWorkerReply, WarmWorkerRequest } from '@/utils/messaging';

/**
 * Chrome only: the offscreen document's worker, which fetches documents ahead of a ZIP on a thread of its own (see
 * WARM_CHANNEL). Its name is that channel's, given by the page, so this file needs no extension API.
 */
const scope = self as unknown as {
  name: string;
  postMessage(message: WarmWorkerReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WarmWorkerRequest>) => void) | null;
};
const warm = createWarmDocuments({ fetchDocument });

new BroadcastChannel(scope.name).onmessage = ({ data }: MessageEvent<WarmBroadcast>) => {
  if (data.type === 'warm') data.urls.forEach((url) => void warm.warm(url));
  else warm.clear();
};
scope.onmessage = async ({ data: { id, url } }) => {
  const fetched = await warm.take(url);
  scope.postMessage({ type: 'taken', id, ...(fetched ? { fetched } : {}) }, fetched?.bytes ? [fetched.bytes.buffer] : []);
};
scope.postMessage({ type: 'ready' }, []);
