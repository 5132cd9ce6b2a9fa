import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExpectedDocuments } from './support/expected-documents';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount, readFakeRequests } from './support/fake-aws-client';
import { DOCS_DIR } from './support/paths';
import { PopupPage } from './support/popup-page';

const MONTH = '2026-09';

describe('core flow in Chromium against the fake AWS', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists a 41-invoice month over several pages, then saves every document as PDFs and as one ZIP', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 41 }, maxPageSize: 10 });
    await addFakeAccount(account);
    const { invoices, documents: expected } = listExpectedDocuments(account, MONTH);
    expect(invoices).toHaveLength(41);
    expect(expected.length).toBeGreaterThan(41);

    const popup = new PopupPage(await browser.openPopup());
    await popup.page.setViewportSize({ width: 420, height: 600 });
    await popup.listInvoices(account, MONTH);
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(41);
    const shownIds = await popup.invoiceRows().locator('.invoice-id').allTextContents();
    expect(new Set(shownIds)).toEqual(new Set(invoices.map((invoice) => invoice.invoiceId)));
    await expect.poll(() => popup.page.getByText(account.accountId).count()).toBeGreaterThan(0);
    const apiCalls = (await readFakeRequests()).filter((request) => request.accessKeyId === account.accessKeyId);
    const listCalls = apiCalls.filter((request) => request.target === 'Invoicing.ListInvoiceSummaries');
    expect(listCalls.length).toBeGreaterThanOrEqual(5);
    // No answer from AWS (presigned links, billing data, STS keys) goes into the browser's HTTP cache: for a no-store
    // fetch, the browser asks with Cache-Control: no-cache.
    expect(apiCalls.map((request) => `${request.target} ${request.cacheControl}`)).toEqual(
      apiCalls.map((request) => `${request.target} no-cache`),
    );
    // Wait for the supplemental-document counts, then keep the picture for the README.
    await expect.poll(() => popup.page.locator('tbody td.num:has-text("…")').count(), { timeout: 30_000 }).toBe(0);
    await popup.page.screenshot({ path: path.join(DOCS_DIR, 'popup.png') });

    await popup.page.getByRole('button', { name: 'Download PDFs' }).click();
    const pdfStatus = await popup.waitForJobEnd(/Saved all \d+ documents/);
    expect(pdfStatus).toContain(`Saved all ${expected.length} documents`);
    const folder = path.join(browser.downloadsDir, 'AWS Invoices', account.accountId, MONTH);
    expect((await readdir(folder)).sort()).toEqual(expected.map((entry) => entry.file).sort());
    for (const entry of expected) {
      expect(Buffer.compare(await readFile(path.join(folder, entry.file)), Buffer.from(entry.bytes)), entry.file).toBe(0);
    }

    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    const zipStatus = await popup.waitForJobEnd(/ZIP saved/);
    expect(zipStatus).toContain(`(${expected.length} documents, complete)`);
    const zip = await JSZip.loadAsync(
      await readFile(path.join(browser.downloadsDir, `aws-invoices-${account.accountId}-${MONTH}.zip`)),
    );
    for (const entry of expected) {
      const inZip = await zip.file(`AWS Invoices/${account.accountId}/${MONTH}/${entry.file}`)?.async('uint8array');
      expect(inZip, entry.file).toBeDefined();
      expect(Buffer.compare(Buffer.from(inZip as Uint8Array), Buffer.from(entry.bytes)), entry.file).toBe(0);
    }
    const manifest = (await zip.file('manifest.csv')?.async('string')) ?? '';
    const lines = manifest.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('account,billing_month,invoice_id,type,issued,due,seller,amount,currency,document_type,file_path,status');
    expect(lines).toHaveLength(expected.length + 1);
    for (const entry of expected) {
      const row = lines.find((line) => line.includes(`/${entry.file},`));
      expect(row, entry.file).toMatch(/,saved$/);
    }
  });

  it('fetches the documents while the table is read, so a ZIP right after fetches none again', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 30 } });
    await addFakeAccount(account);
    const { documents: expected } = listExpectedDocuments(account, MONTH);
    const documentRequests = async () =>
      (await readFakeRequests()).filter((request) => request.target === 'document' && request.path.startsWith(`/__documents/${account.accountId}/`));

    const cdp = await browser.context.newCDPSession(browser.context.pages()[0] ?? (await browser.context.newPage()));
    const offscreenOpen = async () =>
      (await cdp.send('Target.getTargets')).targetInfos.some((target) => target.url.endsWith(`${browser.extensionId}/offscreen.html`));
    await expect.poll(offscreenOpen, { timeout: 10_000 }).toBe(false);
    const popup = new PopupPage(await browser.openPopup());
    // The popup opening is enough for the offscreen document (a few hundred milliseconds to open) to get ready.
    await expect.poll(offscreenOpen, { timeout: 10_000 }).toBe(true);
    await popup.listInvoices(account, MONTH);
    // Nobody has asked for a download yet, and every document is already in memory beside the ZIP to be.
    await expect.poll(async () => (await documentRequests()).length, { timeout: 30_000 }).toBe(expected.length);
    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    const status = await popup.waitForJobEnd(new RegExp(`ZIP saved to Downloads: aws-invoices-${account.accountId}`));
    expect(status).toContain(`(${expected.length} documents, complete)`);
    const zip = await JSZip.loadAsync(await readFile(path.join(browser.downloadsDir, `aws-invoices-${account.accountId}-${MONTH}.zip`)));
    for (const entry of expected) {
      const inZip = await zip.file(`AWS Invoices/${account.accountId}/${MONTH}/${entry.file}`)?.async('uint8array');
      expect(Buffer.compare(Buffer.from(inZip as Uint8Array), Buffer.from(entry.bytes)), entry.file).toBe(0);
    }
    expect(await documentRequests()).toHaveLength(expected.length);
    // The job's end closes the offscreen document and what it held.
    await expect.poll(offscreenOpen, { timeout: 10_000 }).toBe(false);
  });

  it('has typed keys checked with STS before "List invoices" is clicked, and the listing does not ask again', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 3 } });
    await addFakeAccount(account);
    const identityChecks = async () =>
      (await readFakeRequests()).filter((request) => request.accessKeyId === account.accessKeyId && request.target === 'GetCallerIdentity').length;
    const popup = new PopupPage(await browser.openPopup());
    await popup.enterKeys(account);
    await expect.poll(identityChecks, { timeout: 10_000 }).toBe(1);
    await popup.chooseMonth(MONTH);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);
    expect(await identityChecks()).toBe(1);
  });
});
