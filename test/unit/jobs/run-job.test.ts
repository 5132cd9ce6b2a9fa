import { describe, expect, it } from 'vitest';
import { countProgress, type JobDocument, type JobState } from '@/utils/jobs/job-state';
import { SaveError, buildJobZipFilename, createJob, prepareRetry, runJob, type DocumentSink, type JobDependencies } from '@/utils/jobs/run-job';
import type { InvoiceDocument, InvoiceRow } from '@/utils/types';

const NOW = Date.UTC(2026, 9, 5);

function makeInvoice(invoiceId: string): InvoiceRow {
  return {
    accountId: '123456789012',
    invoiceId,
    type: 'INVOICE',
    issuedDate: '2026-10-02',
    dueDate: '2026-11-01',
    billingMonth: '2026-09',
    seller: 'Amazon Web Services, Inc.',
    amount: '10.00',
    currency: 'USD',
  };
}

function makeDocuments(invoiceId: string, version: number, supplements = 0): InvoiceDocument[] {
  return [
    { invoiceId, documentType: 'INVOICE', url: `https://s3/${invoiceId}?v=${version}`, expiresAt: NOW + 600_000 },
    ...Array.from({ length: supplements }, (_, index) => ({
      invoiceId,
      documentType: 'TAX_E_INVOICE' as const,
      documentId: `D${index}`,
      url: `https://s3/${invoiceId}/D${index}?v=${version}`,
      expiresAt: NOW + 600_000,
    })),
  ];
}

interface Harness {
  deps: JobDependencies;
  saved: { path: string; url: string }[];
  getCalls: { invoiceId: string; fresh: boolean }[];
  writes: JobState[];
  finished: { texts: { path: string; text: string }[] }[];
}

function createHarness(options: {
  save?: (document: JobDocument, url: string, attempt: number) => void | Promise<void>;
  getDocuments?: (invoiceId: string, version: number) => InvoiceDocument[];
  cancelAfter?: number;
}): Harness {
  const harness: Harness = { deps: undefined as never, saved: [], getCalls: [], writes: [], finished: [] };
  const versions = new Map<string, number>();
  const attempts = new Map<string, number>();
  const sink: DocumentSink = {
    async reconcile() {},
    async save(document, url) {
      const attempt = (attempts.get(document.path) ?? 0) + 1;
      attempts.set(document.path, attempt);
      await options.save?.(document, url, attempt);
      // A little real time per document, as a real save takes (the progress test below does not rely on it).
      await new Promise((resolve) => setTimeout(resolve, 2));
      harness.saved.push({ path: document.path, url });
    },
    async finish(_job, texts) {
      harness.finished.push({ texts });
    },
    async dispose() {},
  };
  harness.deps = {
    async listInvoices() {
      throw new Error('not listed in these tests');
    },
    async getDocuments({ invoiceId }, fresh) {
      harness.getCalls.push({ invoiceId, fresh });
      const version = (versions.get(invoiceId) ?? 0) + (fresh ? 1 : 0);
      versions.set(invoiceId, version);
      return options.getDocuments?.(invoiceId, version) ?? makeDocuments(invoiceId, version, invoiceId.endsWith('1') ? 1 : 0);
    },
    createSink: async () => sink,
    writeJob: async (state) => {
      harness.writes.push(state);
    },
    isCancelled: () => options.cancelAfter !== undefined && harness.saved.length >= options.cancelAfter,
    now: () => NOW,
    backoffMs: () => 0,
    persistIntervalMs: 0,
  };
  return harness;
}

const invoices = ['1000000001', '1000000002', '1000000003'].map(makeInvoice);

function makeJob(form: 'pdfs' | 'zip') {
  return createJob({
    form,
    filter: { by: 'billing-month', month: '2026-09' },
    sources: [{ accountId: '123456789012', label: 'Acme' }],
    invoices,
    now: NOW,
  });
}

describe('runJob', () => {
  it('saves every document, including supplemental ones, under its path and writes progress as it goes', async () => {
    // Documents run at once, so their timers can all fire before a progress write: all but one wait (at most half a
    // second) until the popup could have seen that one done. Without a write between documents, the check below fails.
    const progressWritten = () => harness.writes.some((state) => countProgress(state).done > 0);
    const harness = createHarness({
      async save(document) {
        if (document.path.endsWith('/1000000002.pdf')) return;
        for (let waited = 0; waited < 500 && !progressWritten(); waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const job = await runJob(makeJob('pdfs'), harness.deps);
    expect(job.phase).toBe('done');
    expect(job.complete).toBe(true);
    expect(harness.saved.map((entry) => entry.path).sort()).toEqual([
      'AWS Invoices/123456789012/2026-09/1000000001-TAX_E_INVOICE-D0.pdf',
      'AWS Invoices/123456789012/2026-09/1000000001.pdf',
      'AWS Invoices/123456789012/2026-09/1000000002.pdf',
      'AWS Invoices/123456789012/2026-09/1000000003.pdf',
    ]);
    expect(countProgress(job)).toEqual({ done: 4, failed: 0, total: 4 });
    // The popup follows the job through storage: it must see it start, progress and finish.
    expect(harness.writes[0]?.phase).toBe('downloading');
    expect(harness.writes.some((state) => countProgress(state).done > 0 && countProgress(state).done < 4)).toBe(true);
    expect(harness.writes.at(-1)?.phase).toBe('done');
  });

  it('writes the ZIP without waiting for the popup to learn that it is being saved, and still writes the end last', async () => {
    const harness = createHarness({});
    const order: string[] = [];
    let releaseSaving: () => void = () => undefined;
    const savingWritten = new Promise<void>((resolve) => (releaseSaving = resolve));
    harness.deps.writeJob = async (state) => {
      if (order.at(-1) !== `write ${state.phase}`) order.push(`write ${state.phase}`);
      // A slow storage write of the "saving" phase, done only once the ZIP is on its way: awaited, it would hold the
      // ZIP for ever.
      if (state.phase === 'saving') await savingWritten;
    };
    const sink = await harness.deps.createSink(makeJob('zip'));
    harness.deps.createSink = async () => ({
      ...sink,
      async finish(job, texts) {
        order.push('finish');
        releaseSaving();
        await sink.finish(job, texts);
      },
    });
    const job = await runJob(makeJob('zip'), harness.deps);
    expect(job.phase).toBe('done');
    // Finishing at all shows the ZIP did not wait; the popup still learns of both phases, the end last.
    expect(order.filter((step) => !step.startsWith('write downloading')).sort()).toEqual(['finish', 'write done', 'write saving']);
    expect(order.at(-1)).toBe('write done');
  });

  it('fetches fresh URLs from GetInvoicePDF when S3 refuses an expired one, then succeeds', async () => {
    const harness = createHarness({
      save: (document, url) => {
        if (document.invoiceId === '1000000002' && url.endsWith('v=0')) {
          throw new SaveError({ code: 'access-denied' }, true);
        }
      },
    });
    const job = await runJob(makeJob('pdfs'), harness.deps);
    expect(job.complete).toBe(true);
    expect(harness.getCalls).toContainEqual({ invoiceId: '1000000002', fresh: true });
    expect(harness.saved.find((entry) => entry.path.endsWith('1000000002.pdf'))?.url).toMatch(/v=1$/);
  });

  it('refreshes a URL that is about to expire before using it', async () => {
    const harness = createHarness({
      getDocuments: (invoiceId, version) =>
        makeDocuments(invoiceId, version).map((document) => ({ ...document, expiresAt: version === 0 ? NOW + 5_000 : NOW + 600_000 })),
    });
    await runJob(makeJob('pdfs'), harness.deps);
    expect(harness.saved.every((entry) => entry.url.endsWith('v=1'))).toBe(true);
  });

  it('retries a throttled document and names one that keeps failing, leaving the rest saved', async () => {
    const harness = createHarness({
      save: (document, _url, attempt) => {
        if (document.invoiceId === '1000000002' && attempt === 1) throw new SaveError({ code: 'throttled' });
        if (document.invoiceId === '1000000003') throw new SaveError({ code: 'server' });
      },
    });
    const job = await runJob(makeJob('pdfs'), harness.deps);
    expect(job.phase).toBe('done');
    expect(job.complete).toBe(false);
    const failed = job.documents.filter((document) => document.status === 'failed');
    expect(failed.map((document) => document.invoiceId)).toEqual(['1000000003']);
    expect(failed[0]?.attempts).toBe(3);
    expect(failed[0]?.error).toEqual({ code: 'server' });
    expect(countProgress(job)).toEqual({ done: 3, failed: 1, total: 4 });
  });

  it('does not retry what waiting cannot fix, such as a missing permission', async () => {
    const harness = createHarness({
      getDocuments: (invoiceId) => {
        if (invoiceId === '1000000001') {
          throw Object.assign(new Error('User: x is not authorized to perform: invoicing:GetInvoicePDF'), {
            name: 'AccessDeniedException',
          });
        }
        return makeDocuments(invoiceId, 0);
      },
    });
    const job = await runJob(makeJob('zip'), harness.deps);
    expect(harness.getCalls.filter((call) => call.invoiceId === '1000000001')).toHaveLength(1);
    expect(job.failedInvoices).toEqual([
      {
        invoiceId: '1000000001',
        accountId: '123456789012',
        error: { code: 'access-denied', action: 'invoicing:GetInvoicePDF', detail: expect.any(String) },
      },
    ]);
    expect(job.complete).toBe(false);
  });

  it('writes a manifest into a ZIP that marks every missing document, and never calls such a ZIP complete', async () => {
    const harness = createHarness({
      save: (document) => {
        if (document.documentType === 'TAX_E_INVOICE') throw new SaveError({ code: 'network' });
      },
    });
    const job = await runJob(makeJob('zip'), harness.deps);
    expect(job.phase).toBe('done');
    expect(job.complete).toBe(false);
    const manifest = harness.finished[0]?.texts.find((text) => text.path === 'manifest.csv')?.text ?? '';
    const lines = manifest.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.includes('TAX_E_INVOICE'))).toMatch(/,missing$/);
    expect(lines.filter((line) => line.endsWith(',saved'))).toHaveLength(3);
  });

  it('stops after the documents in flight when cancelled', async () => {
    const harness = createHarness({ cancelAfter: 1 });
    const job = await runJob(makeJob('pdfs'), harness.deps);
    expect(job.phase).toBe('cancelled');
    expect(harness.saved.length).toBeLessThan(4);
  });

  it('retries only the failed PDFs, and rebuilds a ZIP whole', async () => {
    let broken = true;
    const harness = createHarness({
      save: (document) => {
        if (broken && document.invoiceId === '1000000003') throw new SaveError({ code: 'server' });
      },
    });
    const first = await runJob(makeJob('pdfs'), harness.deps);
    broken = false;
    harness.saved.length = 0;
    const second = await runJob(prepareRetry(first, NOW), harness.deps);
    expect(harness.saved.map((entry) => entry.path)).toEqual(['AWS Invoices/123456789012/2026-09/1000000003.pdf']);
    expect(second.complete).toBe(true);
    expect(countProgress(second)).toEqual({ done: 4, failed: 0, total: 4 });

    const zipRetry = prepareRetry({ ...first, form: 'zip' }, NOW);
    expect(zipRetry.documents).toEqual([]);
    expect(zipRetry.pendingInvoices).toHaveLength(3);
  });
});

describe('runJob with a listing phase and a resumed worker', () => {
  it('lists every source, fetches an invoice seen through two profiles once, and names a source that failed', async () => {
    const harness = createHarness({});
    harness.deps.listInvoices = async (source) => {
      if (source.label === 'Broken') throw Object.assign(new Error('Rate exceeded'), { name: 'AccessDeniedException' });
      const accountId = source.label === 'Acme' ? '123456789012' : '210987654321';
      const ids = source.label === 'Acme' ? ['1000000001', '1000000002'] : ['1000000002', '2000000001'];
      return { accountId, invoices: ids.map((id) => ({ ...makeInvoice(id), accountId })) };
    };
    const job = createJob({
      form: 'pdfs',
      filter: { by: 'billing-month', month: '2026-09' },
      sources: [{ label: 'Acme' }, { label: 'Beta', profileId: 'p2' }, { label: 'Broken' }],
      now: NOW,
    });
    expect(job.phase).toBe('listing');
    const finished = await runJob(job, harness.deps);
    expect(finished.invoices.map((invoice) => invoice.invoiceId)).toEqual(['1000000001', '1000000002', '2000000001']);
    expect(harness.saved.filter((entry) => entry.path.endsWith('1000000002.pdf'))).toHaveLength(1);
    expect(harness.saved.some((entry) => entry.path.startsWith('AWS Invoices/210987654321/2026-09/2000000001'))).toBe(true);
    expect(finished.sources.map((source) => source.accountId)).toEqual(['123456789012', '210987654321', undefined]);
    expect(finished.failedSources).toEqual([{ label: 'Broken', error: expect.objectContaining({ code: 'access-denied' }) }]);
    expect(finished.complete).toBe(false);
    expect(finished.zipFilename).toBe('aws-invoices-all-accounts-2026-09.zip');
  });

  it('asks the sink to reconcile first and skips what a stopped worker already saved', async () => {
    const harness = createHarness({});
    const first = await runJob(makeJob('pdfs'), harness.deps);
    // As if the worker stopped: one document was mid-download, one not started.
    const interrupted: JobState = {
      ...structuredClone(first),
      phase: 'downloading',
      complete: false,
      documents: first.documents.map((document, index) =>
        index === 0 ? { ...document, status: 'active', downloadId: 7 } : index === 1 ? { ...document, status: 'pending' } : document,
      ),
    };
    harness.saved.length = 0;
    const reconciled: string[] = [];
    const realCreateSink = harness.deps.createSink;
    harness.deps.createSink = async (job) => {
      const sink = await realCreateSink(job);
      return {
        ...sink,
        async reconcile(current) {
          for (const document of current.documents) {
            if (document.status === 'active' && document.downloadId === 7) {
              document.status = 'saved';
              reconciled.push(document.path);
            }
          }
        },
      };
    };
    const resumed = await runJob(interrupted, harness.deps);
    expect(reconciled).toEqual([first.documents[0]?.path]);
    expect(harness.saved.map((entry) => entry.path)).toEqual([first.documents[1]?.path]);
    expect(resumed.complete).toBe(true);
  });

  it('names the ZIP after the account and month, or the month an invoice was issued in', () => {
    expect(buildJobZipFilename({ sources: [{ label: 'a', accountId: '123456789012' }], filter: { by: 'billing-month', month: '2026-09' } })).toBe(
      'aws-invoices-123456789012-2026-09.zip',
    );
    expect(buildJobZipFilename({ sources: [{ label: 'a', accountId: '123456789012' }], filter: { by: 'issued-in', month: '2026-11' } })).toBe(
      'aws-invoices-123456789012-issued-2026-11.zip',
    );
  });
});
