import { sleep } from './pool';

/** A bounded number of requests in flight, shared by GetInvoicePDF calls and document fetches. */
export interface RequestPool {
  /**
   * Runs `task` when a slot is free; a throttled task waits and runs again, so throttling never surfaces.
   * `urgent` tasks (saving a document) go before waiting ones (looking up document links ahead of time), so a
   * download finishes documents as it goes instead of queueing behind every lookup.
   */
  run<T>(task: () => Promise<T>, options?: { urgent?: boolean }): Promise<T>;
  /** Requests in flight right now (for tests). */
  readonly inFlight: number;
  /** The current limit, lowered on throttling and raised again after successes. */
  readonly limit: number;
}

export interface RequestPoolOptions {
  max: number;
  /** Tells a throttling failure apart, and how long AWS asked to wait (seconds) if it said. */
  classify(error: unknown): { throttled: boolean; retryAfterSeconds?: number };
  /** Longest a task keeps being retried for throttling before its error is let through. */
  giveUpAfterMs?: number;
  now?: () => number;
}

/**
 * Additive-increase, multiplicative-decrease: AWS does not publish Invoicing's rate limits, so the pool halves
 * its concurrency and pauses everyone when throttled (honouring a Retry-After), then creeps back up.
 */
export function createRequestPool({ max, classify, giveUpAfterMs = 5 * 60_000, now = Date.now }: RequestPoolOptions): RequestPool {
  let limit = max;
  let inFlight = 0;
  let pausedUntil = 0;
  let successes = 0;
  const waiting: (() => void)[] = [];
  const urgentWaiting: (() => void)[] = [];

  const release = () => {
    inFlight -= 1;
    wakeNext();
  };
  const wakeNext = () => {
    while (inFlight < limit && urgentWaiting.length + waiting.length > 0) {
      inFlight += 1;
      ((urgentWaiting.shift() ?? waiting.shift()) as () => void)();
    }
  };
  const acquire = async (urgent: boolean) => {
    for (;;) {
      const pause = pausedUntil - now();
      if (pause > 0) await sleep(pause);
      else break;
    }
    if (inFlight < limit) {
      inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => (urgent ? urgentWaiting : waiting).push(resolve));
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get limit() {
      return limit;
    },
    async run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
      const started = now();
      for (let attempt = 1; ; attempt += 1) {
        await acquire(options.urgent ?? false);
        try {
          const result = await task();
          successes += 1;
          if (successes >= limit && limit < max) {
            limit += 1;
            successes = 0;
            wakeNext();
          }
          return result;
        } catch (error) {
          const { throttled, retryAfterSeconds } = classify(error);
          if (!throttled || now() - started > giveUpAfterMs) throw error;
          limit = Math.max(1, Math.floor(limit / 2));
          successes = 0;
          const wait = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : Math.min(8000, 250 * 2 ** attempt);
          pausedUntil = Math.max(pausedUntil, now() + wait + Math.random() * 100);
        } finally {
          release();
        }
      }
    },
  };
}
