/**
 * Coalesces writes of a changing state: `soon()` schedules one once changes have paused for `quietMs`, and at most
 * `maxWaitMs` after the first unwritten change (by default the same, so a steady stream writes every `quietMs`);
 * `now()` writes at once. Writes never overlap.
 */
export function createCoalescedWriter(write: () => Promise<void>, quietMs: number, maxWaitMs = quietMs) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChange: number | undefined;
  let dueAt: number | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = firstChange = dueAt = undefined;
    chain = chain.then(write, write);
    return chain;
  };
  return {
    soon(): void {
      const now = Date.now();
      firstChange ??= now;
      const due = Math.min(now + quietMs, firstChange + maxWaitMs);
      // The same deadline keeps its timer: rescheduling would send it to the back of the timer queue each time.
      if (due === dueAt) return;
      clearTimeout(timer);
      dueAt = due;
      timer = setTimeout(() => void flush(), due - now);
    },
    now: flush,
  };
}
