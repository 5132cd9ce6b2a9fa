import { describe, expect, it } from 'vitest';
import { sleep } from '@/utils/jobs/pool';
import { createRequestPool } from '@/utils/jobs/request-pool';

const classify = (error: unknown) => ({
  throttled: (error as { name?: string }).name === 'ThrottlingException',
  retryAfterSeconds: (error as { retryAfterSeconds?: number }).retryAfterSeconds,
});

describe('request pool', () => {
  it('never has more than the limit in flight', async () => {
    const pool = createRequestPool({ max: 3, classify });
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        pool.run(async () => {
          peak = Math.max(peak, pool.inFlight);
          await sleep(5);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(pool.inFlight).toBe(0);
  });

  it('retries throttled tasks until they pass, halving the limit and honouring Retry-After', async () => {
    const pool = createRequestPool({ max: 8, classify });
    const starts: number[] = [];
    let throttles = 2;
    const result = await pool.run(async () => {
      starts.push(Date.now());
      if (throttles-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', retryAfterSeconds: 0.05 });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(starts).toHaveLength(3);
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(45);
    expect(pool.limit).toBe(2);
  });

  it('lets other failures through at once, and gives up on throttling after its deadline', async () => {
    const pool = createRequestPool({ max: 2, classify, giveUpAfterMs: 30 });
    await expect(pool.run(async () => Promise.reject(new Error('denied')))).rejects.toThrow('denied');
    await expect(
      pool.run(async () => Promise.reject(Object.assign(new Error('slow down'), { name: 'ThrottlingException', retryAfterSeconds: 0.02 }))),
    ).rejects.toThrow('slow down');
  });

  it('creeps back up to the maximum after successes', async () => {
    const pool = createRequestPool({ max: 4, classify });
    let once = true;
    await pool.run(async () => {
      if (once) {
        once = false;
        throw Object.assign(new Error('x'), { name: 'ThrottlingException', retryAfterSeconds: 0 });
      }
    });
    expect(pool.limit).toBe(2);
    for (let i = 0; i < 10; i++) await pool.run(async () => undefined);
    expect(pool.limit).toBe(4);
  });
});

describe('request pool priorities', () => {
  it('starts urgent tasks before ones that were waiting longer', async () => {
    const pool = createRequestPool({ max: 1, classify });
    const order: string[] = [];
    const blocker = pool.run(() => sleep(10));
    const lookups = ['a', 'b'].map((name) => pool.run(async () => void order.push(name)));
    const save = pool.run(async () => void order.push('save'), { urgent: true });
    await Promise.all([blocker, ...lookups, save]);
    expect(order).toEqual(['save', 'a', 'b']);
  });
});
