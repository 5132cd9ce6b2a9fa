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
