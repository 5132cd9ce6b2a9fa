import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createInvoiceService } from '@/utils/invoice-service';
import { URL_CACHE_QUIET_MS } from '@/utils/job-service';
import type { DocumentSink } from '@/utils/jobs/run-job';
import { sessionJob, sessionJobInvoices, sessionListing, sessionSupplementalCounts } from '@/utils/storage';
import { generateDocumentBytes, generateInvoices } from '../fake-aws/data';
import { startFakeAws, type FakeAccount, type FakeAws } from '../fake-aws/server';

const MONTH = '2026-09';
const ACCOUNT: FakeAccount = {
  accessKeyId: 'AKIAUNITTEST00000001',
  secretAccessKey: 'unitTestSecretKey/unitTestSecretKey+0001',
  accountId: '111122223333',
  userName: 'finance',
  invoicesPerMonth: { [MONTH]: 7 },
};

/** A sink that fetches each presigned URL in Node, as the offscreen document would, and keeps the bytes. */
function createMemorySink(files: Map<string, Uint8Array>): DocumentSink {
  return {
    async reconcile() {},
    async save(document, url) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      files.set(document.path, new Uint8Array(await response.arrayBuffer()));
    },
    async finish() {},
    async dispose() {},
  };
}

describe('invoice service (background logic, real SDK against the fake AWS)', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({ accounts: [ACCOUNT, { ...ACCOUNT, accessKeyId: 'ASIAUNITTEST00000002', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN', tokenExpired: true }] });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('lists the month for the caller, keeps the keys in session storage only, and downloads every document', async () => {
    const files = new Map<string, Uint8Array>();
    const service = createInvoiceService({
      endpoints: { invoicing: fake.origin, sts: fake.origin },
      createSink: async () => createMemorySink(files),
      announce: async () => {},
    });
    const result = await service.listInvoices({ source: { kind: 'keys', credentials: ACCOUNT }, month: MONTH });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.listing.identity).toMatchObject({ accountId: ACCOUNT.accountId, arn: `arn:aws:iam::${ACCOUNT.accountId}:user/finance` });
    const expected = generateInvoices(ACCOUNT, MONTH);
    expect(result.listing.invoices.map((invoice) => invoice.invoiceId)).toEqual(expected.map((invoice) => invoice.invoiceId));
    expect(result.listing.invoices[0]?.amount).toBe(expected[0]?.totalAmount);

    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).toContain(ACCOUNT.secretAccessKey);

    await expect.poll(async () => Object.keys(await sessionSupplementalCounts.getValue()).length).toBe(expected.length);
    const counts = await sessionSupplementalCounts.getValue();
    expect(result.listing.invoices.map((invoice) => counts[invoice.invoiceId])).toEqual(
      expected.map((invoice) => invoice.supplementalDocuments.length),
    );

    const started = await service.startDownload({ form: 'pdfs' });
    expect(started.ok).toBe(true);
    await service.jobs.settle();
    const job = await sessionJob.getValue();
    expect(job).toMatchObject({ phase: 'done', complete: true });
    // Progress is written several times a second without the invoice rows; they are stored once beside it.
    expect(job).not.toHaveProperty('invoices');
    expect(await sessionJobInvoices.getValue()).toEqual({ jobId: job?.id, invoices: result.listing.invoices });
    const documentCount = expected.reduce((sum, invoice) => sum + 1 + invoice.supplementalDocuments.length, 0);
    expect(files.size).toBe(documentCount);
    for (const invoice of expected) {
      const bytes = files.get(`AWS Invoices/${ACCOUNT.accountId}/${MONTH}/${invoice.invoiceId}.pdf`);
      expect(Buffer.from(bytes ?? []).equals(Buffer.from(generateDocumentBytes(ACCOUNT.accountId, invoice.invoiceId)))).toBe(true);
    }
    // The URL cache is written once lookups have paused: let it land here, not in the next test.
    await new Promise((resolve) => setTimeout(resolve, URL_CACHE_QUIET_MS + 200));
  });

  it.each([
    ['a wrong secret', { ...ACCOUNT, secretAccessKey: 'x'.repeat(40) }, 'wrong-secret'],
    ['an unknown key', { ...ACCOUNT, accessKeyId: 'AKIANOBODYKNOWSTHIS1' }, 'unknown-key'],
    ['an expired session token', { ...ACCOUNT, accessKeyId: 'ASIAUNITTEST00000002', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' }, 'expired-token'],
  ])('turns %s into a message code and keeps nothing', async (_name, credentials, code) => {
    const service = createInvoiceService({ endpoints: { invoicing: fake.origin, sts: fake.origin } });
    const result = await service.listInvoices({ source: { kind: 'keys', credentials }, month: MONTH });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(result)).not.toContain(credentials.secretAccessKey);
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('checks typed keys with STS once, ahead of the listing that uses them, and again after the session is forgotten', async () => {
    const typed: FakeAccount = { ...ACCOUNT, accessKeyId: 'AKIAUNITTEST00000005', accountId: '777788889999' };
    fake.addAccount(typed);
    const identityChecks = () =>
      fake.requests.filter((request) => request.accessKeyId === typed.accessKeyId && request.target === 'GetCallerIdentity').length;
    const service = createInvoiceService({ endpoints: { invoicing: fake.origin, sts: fake.origin } });
    // A wrong secret is refused and not remembered: the right one is then asked about.
    expect(await service.checkKeys({ credentials: { ...typed, secretAccessKey: 'x'.repeat(40) } })).toMatchObject({ ok: false, error: { code: 'wrong-secret' } });
    expect(await service.checkKeys({ credentials: { ...typed, secretAccessKey: 'not a secret' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(identityChecks()).toBe(1);
    expect(await service.checkKeys({ credentials: typed })).toEqual({ ok: true });
    expect(identityChecks()).toBe(2);
    // Nothing is stored until a listing succeeds.
    expect(await fakeBrowser.storage.session.get()).toEqual({});
    const listed = await service.listInvoices({ source: { kind: 'keys', credentials: typed }, month: MONTH });
    expect(listed).toMatchObject({ ok: true, listing: { identity: { accountId: typed.accountId } } });
    expect(identityChecks()).toBe(2);
    await service.forgetSession({});
    await service.listInvoices({ source: { kind: 'keys', credentials: typed }, month: MONTH });
    expect(identityChecks()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, URL_CACHE_QUIET_MS + 200));
  });

  it('asks AWS for the first page while the accepted keys are still being stored', async () => {
    const keys: FakeAccount = { ...ACCOUNT, accessKeyId: 'AKIAUNITTEST00000006', accountId: '121212121212' };
    fake.addAccount(keys);
    const session = fakeBrowser.storage.session;
    const set = session.set.bind(session);
    let keysStoredAt = Number.POSITIVE_INFINITY;
    // A storage write that takes half a second: the listing must not wait for it.
    const slowSet = vi.spyOn(session, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await set(items);
      if ('credentials' in items) keysStoredAt = Date.now();
    });
    try {
      const service = createInvoiceService({ endpoints: { invoicing: fake.origin, sts: fake.origin } });
      const listed = await service.listInvoices({ source: { kind: 'keys', credentials: keys }, month: MONTH });
      expect(listed).toMatchObject({ ok: true });
      const firstPage = fake.requests.find((request) => request.accessKeyId === keys.accessKeyId && request.target === 'Invoicing.ListInvoiceSummaries');
      expect(firstPage?.time).toBeLessThan(keysStoredAt);
      // Still stored before the listing is answered.
      expect(keysStoredAt).toBeLessThan(Date.now());
    } finally {
      slowSet.mockRestore();
    }
  });

  it('lists the months of a range together, and looks up each page of invoices as it arrives', async () => {
    const months = ['2026-07', '2026-08', '2026-09'];
    const paged: FakeAccount = {
      ...ACCOUNT,
      accessKeyId: 'AKIAUNITTEST00000003',
      accountId: '444455556666',
      invoicesPerMonth: Object.fromEntries(months.map((month) => [month, 7])),
      maxPageSize: 3,
      latencyMs: 30,
    };
    fake.addAccount(paged);
    const service = createInvoiceService({ endpoints: { invoicing: fake.origin, sts: fake.origin } });
    const result = await service.listInvoices({ source: { kind: 'keys', credentials: paged }, month: months[0] as string, toMonth: months[2] });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.listing.invoices.map((invoice) => invoice.invoiceId)).toEqual(months.flatMap((month) => generateInvoices(paged, month).map((invoice) => invoice.invoiceId)));
    await expect.poll(async () => Object.keys(await sessionSupplementalCounts.getValue()).length).toBe(21);
    const mine = fake.requests.filter((request) => request.accessKeyId === paged.accessKeyId);
    const listings = mine.filter((request) => request.target === 'Invoicing.ListInvoiceSummaries').map((request) => request.time);
    const lookups = mine.filter((request) => request.target === 'Invoicing.GetInvoicePDF').map((request) => request.time);
    // Three pages per month: one after another within a month, but the months' first pages all at once.
    expect(listings).toHaveLength(9);
    expect(Math.max(...listings.slice(0, 3)) - Math.min(...listings.slice(0, 3))).toBeLessThan(30);
    // The first page's invoices are looked up while the last pages are still being listed.
    expect(Math.min(...lookups)).toBeLessThan(Math.max(...listings));
  });

  it('says the network is down when AWS cannot be reached', async () => {
    const closed = await startFakeAws();
    const origin = closed.origin;
    await closed.close();
    const service = createInvoiceService({ endpoints: { invoicing: origin, sts: origin } });
    const result = await service.listInvoices({ source: { kind: 'keys', credentials: ACCOUNT }, month: MONTH });
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('refuses malformed input before any request', async () => {
    const before = fake.requests.length;
    const service = createInvoiceService({ endpoints: { invoicing: fake.origin, sts: fake.origin } });
    const result = await service.listInvoices({ source: { kind: 'keys', credentials: { ...ACCOUNT, accessKeyId: 'nope' } }, month: MONTH });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(fake.requests.length).toBe(before);
  });
});
