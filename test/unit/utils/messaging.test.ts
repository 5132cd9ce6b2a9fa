import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerOffscreenMessages, createOffscreenChannel, type OffscreenHandlers, type PortLike } from '@/utils/messaging';

type Listener = (message: never) => void;

/** Two connected ends of a runtime.Port, in memory; messages go through JSON as they do in Chrome. */
function createPortPair(name: string, senderId = fakeBrowser.runtime.id) {
  const listeners = { worker: [] as Listener[], page: [] as Listener[], workerGone: [] as (() => void)[], pageGone: [] as (() => void)[] };
  let open = true;
  const deliver = (to: Listener[], message: unknown) => {
    const copy = JSON.parse(JSON.stringify(message)) as never;
    queueMicrotask(() => open && to.forEach((listener) => listener(copy)));
  };
  const worker: PortLike & { posted: unknown[] } = {
    name,
    posted: [],
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      worker.posted.push(message);
      deliver(listeners.page, message);
    },
    disconnect() {
      open = false;
      listeners.pageGone.forEach((listener) => listener());
    },
    onMessage: { addListener: (listener) => void listeners.worker.push(listener) },
    onDisconnect: { addListener: (listener) => void listeners.workerGone.push(listener) },
  };
  const page = {
    name,
    sender: { id: senderId },
    postMessage(message: unknown) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      deliver(listeners.worker, message);
    },
    disconnect() {
      open = false;
      listeners.workerGone.forEach((listener) => listener());
    },
    onMessage: { addListener: (listener: Listener) => void listeners.page.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void listeners.pageGone.push(listener) },
  };
  return { worker, page };
}

/** An offscreen document answering on every port opened to it, and the worker's channel to it. */
function createOffscreen(handlers: Partial<OffscreenHandlers>) {
  const connectListeners: ((port: never) => void)[] = [];
  answerOffscreenMessages(handlers as OffscreenHandlers, { addListener: (listener) => void connectListeners.push(listener as never) });
  const pairs: ReturnType<typeof createPortPair>[] = [];
  const channel = createOffscreenChannel(() => {
    const pair = createPortPair('offscreen');
    pairs.push(pair);
    connectListeners.forEach((listener) => listener(pair.page as never));
    return pair.worker;
  });
  return { channel, pairs };
}

describe('the channel between the service worker and its offscreen document', () => {
  it('answers requests over one port, in any order, and reports a failure as a rejection', async () => {
    const { channel, pairs } = createOffscreen({
      'offscreen:zip-paths': async ({ zipId }) => {
        await new Promise((resolve) => setTimeout(resolve, zipId === 'slow' ? 20 : 0));
        return [zipId];
      },
      'offscreen:zip-finish': () => {
        throw new Error('ZIP is gone');
      },
    });
    const slow = channel.send('offscreen:zip-paths', { zipId: 'slow' });
    const fast = channel.send('offscreen:zip-paths', { zipId: 'fast' });
    expect(await fast).toEqual(['fast']);
    expect(await slow).toEqual(['slow']);
    await expect(channel.send('offscreen:zip-finish', { zipId: 'x', texts: [] })).rejects.toThrow('ZIP is gone');
    expect(pairs).toHaveLength(1);
  });

  it('fails what is waiting when the document goes, then opens a new port for the next request', async () => {
    const { channel, pairs } = createOffscreen({
      'offscreen:zip-paths': () => new Promise<string[]>(() => undefined),
      'offscreen:zip-dispose': () => undefined,
    });
    const waiting = channel.send('offscreen:zip-paths', { zipId: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    pairs[0]?.page.disconnect();
    await expect(waiting).rejects.toThrow();
    await expect(channel.send('offscreen:zip-dispose', { zipId: 'a' })).resolves.toBeUndefined();
    expect(pairs).toHaveLength(2);

    // Closing it on purpose (before offscreen.closeDocument) fails what waits as well.
    const pending = channel.send('offscreen:zip-paths', { zipId: 'b' });
    channel.disconnect();
    await expect(pending).rejects.toThrow();
  });

  it('answers only its own extension, on its own port name', async () => {
    const connect: ((port: never) => void)[] = [];
    answerOffscreenMessages({ 'offscreen:zip-paths': () => ['secret'] } as unknown as OffscreenHandlers, {
      addListener: (listener) => void connect.push(listener as never),
    });
    const stranger = createPortPair('offscreen', 'another-extension');
    const otherName = createPortPair('popup');
    const replies: unknown[] = [];
    for (const pair of [stranger, otherName]) {
      pair.worker.onMessage.addListener((message) => void replies.push(message));
      connect.forEach((listener) => listener(pair.page as never));
      pair.worker.postMessage({ id: 1, type: 'offscreen:zip-paths', data: { zipId: 'a' } });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies).toEqual([]);
  });
});
