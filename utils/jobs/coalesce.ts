/** Coalesces writes of a changing state: `soon()` schedules one, `now()` writes at once; writes never overlap. */
export function createCoalescedWriter(write: () => Promise<void>, intervalMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(write, write);
    return chain;
  };
  return {
    soon(): void {
      timer ??= setTimeout(() => void flush(), intervalMs);
    },
    now: flush,
  };
}

/**
 * Writes a changing state once changes have paused for `quietMs`, and at least every `maxWaitMs` while they go on;
 * `now()` writes at once. Writes never overlap.
 */
export function createDebouncedWriter(write: () => Promise<void>, quietMs: number, maxWaitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChange: number | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = firstChange = undefined;
    chain = chain.then(write, write);
    return chain;
  };
  return {
    soon(): void {
      const now = Date.now();
      firstChange ??= now;
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), Math.min(quietMs, firstChange + maxWaitMs - now));
    },
    now: flush,
  };
}
