import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { answerWorkerRequests, createOffscreenWorkerClient, runImmediatesAsMicrotasks, type WorkerHandlers, type WorkerLike, type WorkerScopeLike } from '@/utils/jobs/offscreen-worker';
import { createZipBuilder } from '@/utils/zip';
import type { OffscreenRequest, OffscreenWorkerMessage } from '@/utils/messaging';

/** A page and its worker in memory: messages cross asynchronously, as they do between threads. */
function pairWithWorker(handlers: Partial<WorkerHandlers>, { start = true } = {}) {
  const toPage: ((event: MessageEvent<OffscreenWorkerMessage>) => void)[] = [];
  const onError: (() => void)[] = [];
  const toWorker: ((event: MessageEvent<OffscreenRequest>) => void)[] = [];
  const posted: OffscreenRequest[] = [];
  const worker: WorkerLike = {
    postMessage(message) {
      posted.push(message);
      setTimeout(() => toWorker.forEach((listener) => listener({ data: message } as MessageEvent<OffscreenRequest>)));
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      (type === 'message' ? toPage : onError).push(listener);
    },
  };
  const scope: WorkerScopeLike = {
    postMessage(message) {
      setTimeout(() => toPage.forEach((listener) => listener({ data: message } as MessageEvent<OffscreenWorkerMessage>)));
    },
    addEventListener(_type, listener) {
      toWorker.push(listener);
    },
  };
  const client = createOffscreenWorkerClient(worker);
  const startWorker = () => answerWorkerRequests(handlers as WorkerHandlers, scope);
  if (start) startWorker();
  return { client, posted, startWorker, fail: () => onError.forEach((listener) => listener()) };
}

describe("the offscreen page and its worker", () => {
  it('is ready once the worker listens, and passes each request on and its answer back', async () => {
    const { client, startWorker } = pairWithWorker(
      {
        'offscreen:zip-paths': async ({ zipId }) => {
          await new Promise((resolve) => setTimeout(resolve, zipId === 'slow' ? 20 : 0));
          return [zipId];
        },
        'offscreen:zip-finish': () => {
          throw new Error('ZIP is gone');
        },
      },
      { start: false },
    );
    let ready: boolean | undefined;
    void client.ready.then((value) => (ready = value));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ready).toBeUndefined();
    startWorker();
    expect(await client.ready).toBe(true);
    const slow = client.send('offscreen:zip-paths', { zipId: 'slow' });
    const fast = client.send('offscreen:zip-paths', { zipId: 'fast' });
    expect(await fast).toEqual(['fast']);
    expect(await slow).toEqual(['slow']);
    await expect(client.send('offscreen:zip-finish', { zipId: 'x', texts: [] })).rejects.toThrow('ZIP is gone');
    await expect(client.send('offscreen:zip-dispose', { zipId: 'x' })).rejects.toThrow('Nothing answers offscreen:zip-dispose');
  });

  it('refuses what waits, and what comes, once the worker failed: a ZIP reports it instead of waiting for ever', async () => {
    const { client, posted, fail } = pairWithWorker({ 'offscreen:zip-paths': () => new Promise<string[]>(() => undefined) }, { start: false });
    const waiting = client.send('offscreen:zip-paths', { zipId: 'a' });
    fail();
    expect(await client.ready).toBe(false);
    await expect(waiting).rejects.toThrow('failed to start');
    await expect(client.send('offscreen:zip-paths', { zipId: 'b' })).rejects.toThrow('failed to start');
    expect(posted).toHaveLength(1);
  });
});

describe('runImmediatesAsMicrotasks', () => {
  it("runs setImmediate's callback with its arguments in a microtask, before any task", async () => {
    const scope: { setImmediate?: unknown } = {};
    runImmediatesAsMicrotasks(scope);
    const calls: string[] = [];
    setTimeout(() => calls.push('task'));
    (scope.setImmediate as (callback: (...args: unknown[]) => void, ...args: unknown[]) => void)((a, b) => calls.push(`immediate ${a} ${b}`), 1, 2);
    expect(calls).toEqual([]);
    await Promise.resolve();
    expect(calls).toEqual(['immediate 1 2']);
  });

  it('lets JSZip write a whole ZIP', async () => {
    const original = globalThis.setImmediate;
    runImmediatesAsMicrotasks(globalThis as { setImmediate?: unknown });
    try {
      const builder = createZipBuilder();
      for (let index = 0; index < 40; index++) builder.add(`${index}.pdf`, new Uint8Array(20_000).fill(index));
      const zip = await JSZip.loadAsync(await builder.generate());
      expect(Object.keys(zip.files)).toHaveLength(40);
      expect((await zip.file('39.pdf')?.async('uint8array'))?.[0]).toBe(39);
    } finally {
      globalThis.setImmediate = original;
    }
  });
});
