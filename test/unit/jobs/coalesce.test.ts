import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoalescedWriter, createDebouncedWriter } from '@/utils/jobs/coalesce';

afterEach(() => {
  vi.useRealTimers();
});

/** A write that records when it ran and can be held open, to see that writes never overlap. */
function createWrites() {
  const times: number[] = [];
  let open = 0;
  let overlapped = false;
  return {
    times,
    get overlapped() {
      return overlapped;
    },
    async write() {
      open += 1;
      if (open > 1) overlapped = true;
      times.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 30));
      open -= 1;
    },
  };
}

describe('coalesced writes', () => {
  it('writes a steady stream of changes once per interval', async () => {
    vi.useFakeTimers({ now: 0 });
    const writes = createWrites();
    const writer = createCoalescedWriter(() => writes.write(), 250);
    for (let t = 0; t < 1000; t += 50) {
      writer.soon();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.times).toEqual([250, 500, 750, 1000]);
  });

  it('debounced, waits for changes to pause, yet writes at least once per limit', async () => {
    vi.useFakeTimers({ now: 0 });
    const writes = createWrites();
    const writer = createDebouncedWriter(() => writes.write(), 500, 2000);
    // Changes every 100 ms for 3 s: no pause, so only the limit writes.
    for (let t = 0; t < 3000; t += 100) {
      writer.soon();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(writes.times).toEqual([2000]);
    // Then they stop: one write half a second after the last change.
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.times).toEqual([2000, 3400]);
  });

  it('writes at once on request, cancelling the pending write, and never overlaps writes', async () => {
    vi.useFakeTimers({ now: 0 });
    const writes = createWrites();
    const writer = createCoalescedWriter(() => writes.write(), 250);
    writer.soon();
    const first = writer.now();
    const second = writer.now();
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([first, second]);
    expect(writes.times).toEqual([0, 30]);
    expect(writes.overlapped).toBe(false);
  });
});
