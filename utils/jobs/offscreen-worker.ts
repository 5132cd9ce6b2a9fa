import type {
  OffscreenData,
  OffscreenHandlers,
  OffscreenReply,
  OffscreenRequest,
  OffscreenReturn,
  OffscreenType,
  OffscreenWorkerMessage,
} from '../messaging';

/** What the offscreen document's worker answers: every offscreen message but the page's own question about it. */
export type WorkerHandlers = Omit<OffscreenHandlers, 'offscreen:worker-ready'>;

/** Runs a request's handler; a failure becomes a reply that carries its message (never a stack). */
export async function answerRequest(handlers: Partial<OffscreenHandlers>, { id, type, data }: OffscreenRequest): Promise<OffscreenReply> {
  try {
    const handler = handlers[type] as ((data: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`Nothing answers ${type}`);
    return { id, ok: true, value: await handler(data) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The part of a Worker the offscreen page uses, so unit tests can stand in for one. */
export interface WorkerLike {
  postMessage(message: OffscreenRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<OffscreenWorkerMessage>) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/**
 * The offscreen page's side of its worker (entrypoints/offscreen/zip-worker.ts): `ready` tells once the worker
 * listens (false if it failed to start); `send` passes a request on and resolves with its answer. Requests to a
 * worker that failed are refused, so the service worker reports the ZIP's failure instead of waiting for ever.
 */
export function createOffscreenWorkerClient(worker: WorkerLike): {
  ready: Promise<boolean>;
  send<K extends Exclude<OffscreenType, 'offscreen:worker-ready'>>(type: K, data: OffscreenData<K>): Promise<OffscreenReturn<K>>;
} {
  let nextId = 0;
  let failed = false;
  const waiting = new Map<number, (reply: OffscreenReply) => void>();
  let settleReady: (value: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve));
  const refusal = (id: number): OffscreenReply => ({ id, ok: false, message: 'The offscreen worker failed to start' });
  worker.addEventListener('message', ({ data }) => {
    if ('type' in data) return settleReady(true);
    waiting.get(data.id)?.(data);
    waiting.delete(data.id);
  });
  worker.addEventListener('error', () => {
    failed = true;
    settleReady(false);
    for (const [id, resolve] of waiting) resolve(refusal(id));
    waiting.clear();
  });
  return {
    ready,
    async send(type, data) {
      const id = ++nextId;
      const reply = failed
        ? refusal(id)
        : await new Promise<OffscreenReply>((resolve) => {
            waiting.set(id, resolve);
            worker.postMessage({ id, type, data } as OffscreenRequest);
          });
      if (!reply.ok) throw new Error(reply.message);
      return reply.value as never;
    },
  };
}

/** The part of a dedicated worker's global scope the worker side uses. */
export interface WorkerScopeLike {
  postMessage(message: OffscreenWorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<OffscreenRequest>) => void): void;
}

/** The worker's side: answers each request the page passes on with `handlers`, then says it listens. */
export function answerWorkerRequests(handlers: WorkerHandlers, scope: WorkerScopeLike): void {
  scope.addEventListener('message', async ({ data }) => scope.postMessage(await answerRequest(handlers, data)));
  scope.postMessage({ type: 'ready' });
}

/**
 * JSZip yields after each file through `setImmediate`, which the polyfill it brings makes a MessageChannel message in
 * a worker: hundreds of tasks for 120 documents, each waiting its turn on a busy core. This worker has nothing to
 * interleave with a ZIP being written, so those continuations run as microtasks. JSZip looks `setImmediate` up each
 * time it calls it, so this own property wins over the polyfill on the scope's prototype.
 */
export function runImmediatesAsMicrotasks(scope: { setImmediate?: unknown }): void {
  scope.setImmediate = (callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    queueMicrotask(() => callback(...args));
    return 0;
  };
}
