import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalZip } from '@/utils/jobs/local-zip';
import { createWarmDocuments, type FetchedDocument } from '@/utils/jobs/warm-documents';

const pdf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46]);
  return bytes;
};

/** A fake network: each URL answers with a PDF of the size after its last slash, and counts its requests. */
function createNetwork() {
  const requests: string[] = [];
  return {
    requests,
    async fetchDocument(url: string): Promise<FetchedDocument> {
      requests.push(url);
      if (url.endsWith('/403')) return { ok: false, status: 403 };
      return { ok: true, status: 200, bytes: pdf(Number(url.split('/').pop())) };
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('documents fetched ahead of a ZIP', () => {
  it('fetches each URL once and hands its bytes over once', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    await Promise.all([warm.warm('https://s3/a/10'), warm.warm('https://s3/a/10')]);
    expect(network.requests).toEqual(['https://s3/a/10']);
    expect(warm.heldBytes).toBe(10);
    expect((await warm.take('https://s3/a/10'))?.bytes?.byteLength).toBe(10);
    expect(warm.heldBytes).toBe(0);
    // Taken: a second ZIP fetches for itself.
    expect(warm.take('https://s3/a/10')).toBeUndefined();
  });

  it('hands over a fetch still in flight without fetching again', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    const warming = warm.warm('https://s3/b/20');
    const taken = warm.take('https://s3/b/20');
    expect((await taken)?.bytes?.byteLength).toBe(20);
    await warming;
    expect(network.requests).toHaveLength(1);
    expect(warm.heldBytes).toBe(0);
  });

  it('keeps no failure, so the download retries it', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    expect(await warm.warm('https://s3/c/403')).toEqual({ ok: false, status: 403 });
    expect(warm.take('https://s3/c/403')).toBeUndefined();
  });

  it('stops warming at its memory cap and drops what nobody took', async () => {
    vi.useFakeTimers();
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument, maxBytes: 25, keepMs: 1000 });
    await warm.warm('https://s3/d/15');
    await warm.warm('https://s3/d/16');
    expect(await warm.warm('https://s3/d/17')).toEqual({ ok: false, status: 0 });
    expect(network.requests).toHaveLength(2);
    expect(warm.heldBytes).toBe(31);
    vi.advanceTimersByTime(1000);
    expect(warm.heldBytes).toBe(0);
    expect(warm.take('https://s3/d/15')).toBeUndefined();
  });

  it('clears everything on request', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    await warm.warm('https://s3/e/5');
    warm.clear();
    expect(warm.heldBytes).toBe(0);
    expect(warm.take('https://s3/e/5')).toBeUndefined();
  });

  it('fills a ZIP from what was fetched ahead, and fetches the rest', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    await warm.warm('https://s3/f/12');
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(pdf(30)));
    const zip = createLocalZip(warm);
    expect(await zip.fetchInto('a.pdf', 'https://s3/f/12')).toEqual({ ok: true, status: 200, size: 12 });
    expect(await zip.fetchInto('b.pdf', 'https://s3/f/30')).toEqual({ ok: true, status: 200, size: 30 });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(fetchSpy.mock.calls[0]?.[0]).toBe('https://s3/f/30');
    expect(zip.paths()).toEqual(['a.pdf', 'b.pdf']);
    fetchSpy.mockRestore();
  });

  it('fetches a few at a time, the rest in turn, and skips those cleared before their turn', async () => {
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const warm = createWarmDocuments({
      maxInFlight: 2,
      fetchDocument: (url) =>
        new Promise<FetchedDocument>((resolve) => {
          started.push(url);
          finish.set(url, () => resolve({ ok: true, status: 200, bytes: pdf(4) }));
        }),
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    void warm.warm('https://s3/g/1');
    void warm.warm('https://s3/g/2');
    const third = warm.warm('https://s3/g/3');
    const taken = warm.take('https://s3/g/3');
    void warm.warm('https://s3/g/4');
    await settle();
    expect(started).toEqual(['https://s3/g/1', 'https://s3/g/2']);

    // A new listing clears what waits; the one a ZIP took still comes, the other is never fetched.
    warm.clear();
    finish.get('https://s3/g/1')?.();
    finish.get('https://s3/g/2')?.();
    await settle();
    expect(started).toEqual(['https://s3/g/1', 'https://s3/g/2', 'https://s3/g/3']);
    finish.get('https://s3/g/3')?.();
    expect((await taken)?.ok).toBe(true);
    expect((await third).ok).toBe(true);
    await settle();
    expect(started).not.toContain('https://s3/g/4');
  });

  it('does not fetch what waited its turn once the memory cap is reached', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument, maxBytes: 25, maxInFlight: 1 });
    const outcomes = await Promise.all(['https://s3/h/20', 'https://s3/h/10', 'https://s3/h/30'].map((url) => warm.warm(url)));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(network.requests).toEqual(['https://s3/h/20', 'https://s3/h/10']);
  });

  it('with warmOnly, adds only documents fetched ahead and fetches nothing itself', async () => {
    const network = createNetwork();
    const warm = createWarmDocuments({ fetchDocument: network.fetchDocument });
    void warm.warm('https://s3/i/12');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const zip = createLocalZip(warm);
    // Still on its way: the ZIP waits for it.
    expect(await zip.fetchInto('a.pdf', 'https://s3/i/12', true)).toEqual({ ok: true, status: 200, size: 12 });
    expect(await zip.fetchInto('b.pdf', 'https://s3/i/30', true)).toEqual({ ok: false, status: 0, size: 0 });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(zip.paths()).toEqual(['a.pdf']);
    fetchSpy.mockRestore();
  });
});
