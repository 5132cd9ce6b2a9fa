import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFakeAccount, makeAccount, readFakeRequests } from './support/fake-aws-client';
import { listExpectedDocuments } from './support/expected-documents';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

// Other months than the Chromium tests', so the two never read each other's files or requests.
const MONTH = '2026-04';
const ERROR_MONTH = '2026-03';
const EMPTY_MONTH = '2026-02';

describe('core flow in Firefox (MV3 event page) against the fake AWS', () => {
  let firefox: FirefoxExtension;
  beforeAll(async () => {
    firefox = await launchFirefoxExtension();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('lists a 38-invoice month over several pages, then saves every document as PDFs and as one ZIP', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 38 }, maxPageSize: 8 });
    await addFakeAccount(account);
    const { invoices, documents: expected } = listExpectedDocuments(account, MONTH);
    expect(invoices).toHaveLength(38);
    expect(expected.length).toBeGreaterThan(38);

    const popup = new FirefoxPopupPage(await firefox.openPopup());
    await popup.listInvoices(account, MONTH);
    await expect.poll(() => popup.readInvoiceIds(MONTH), { timeout: 30_000 }).toHaveLength(38);
    expect(new Set(await popup.readInvoiceIds(MONTH))).toEqual(new Set(invoices.map((invoice) => invoice.invoiceId)));
    const identity = await popup.page.$eval('[aria-label="Signed in as"]', (element) => element.textContent ?? '');
    expect(identity).toContain(account.accountId);
    const listCalls = (await readFakeRequests()).filter(
      (request) => request.accessKeyId === account.accessKeyId && request.target === 'Invoicing.ListInvoiceSummaries',
    );
    expect(listCalls.length).toBeGreaterThanOrEqual(Math.ceil(38 / 8));
    // The calls come from the add-on's background page, whose origin Firefox names after the pinned UUID.
    expect(new Set(listCalls.map((request) => request.origin))).toEqual(new Set([firefox.origin]));

    // Firefox writes `<name>.part` until a file is complete; the popup reports the job only after every
    // download is complete, which `downloads.search()` confirms.
    await popup.click('Download PDFs');
    const pdfStatus = await popup.waitForJobEnd(/Saved all \d+ documents/);
    expect(pdfStatus).toContain(`Saved all ${expected.length} documents`);
    const folder = path.join(firefox.downloadsDir, 'AWS Invoices', account.accountId, MONTH);
    const pdfDownloads = (await firefox.listDownloads(popup.page)).filter((item) => item.filename.startsWith(folder));
    expect(pdfDownloads.map((item) => path.basename(item.filename)).sort()).toEqual(expected.map((entry) => entry.file).sort());
    expect(pdfDownloads.filter((item) => item.state !== 'complete')).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual(expected.map((entry) => entry.file).sort());
    for (const entry of expected) {
      expect(Buffer.compare(await readFile(path.join(folder, entry.file)), Buffer.from(entry.bytes)), entry.file).toBe(0);
    }

    // Firefox has no offscreen document: the background page builds the ZIP and downloads its blob: URL itself.
    await popup.click('Download ZIP');
    const zipStatus = await popup.waitForJobEnd(/ZIP saved/);
    expect(zipStatus).toContain(`(${expected.length} documents, complete)`);
    const zipPath = path.join(firefox.downloadsDir, `aws-invoices-${account.accountId}-${MONTH}.zip`);
    const zipDownload = (await firefox.listDownloads(popup.page)).find((item) => item.filename === zipPath);
    expect(zipDownload?.state).toBe('complete');
    const zip = await JSZip.loadAsync(await readFile(zipPath));
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
});

describe('error messages in the popup (Firefox, fake AWS)', () => {
  let firefox: FirefoxExtension;
  beforeAll(async () => {
    firefox = await launchFirefoxExtension();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  async function openPopup(): Promise<FirefoxPopupPage> {
    return new FirefoxPopupPage(await firefox.openPopup());
  }

  it('says the secret is wrong when the signature does not match', async () => {
    const account = makeAccount();
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices({ ...account, secretAccessKey: 'y'.repeat(40) }, ERROR_MONTH);
    const alert = await popup.readAlert();
    expect(alert).toContain('The secret access key does not match this access key ID');
    expect(alert).not.toContain('y'.repeat(40));
  });

  it('says the key is unknown when AWS does not recognise it', async () => {
    const popup = await openPopup();
    await popup.listInvoices(makeAccount(), ERROR_MONTH);
    await expect(popup.readAlert()).resolves.toContain('AWS does not recognise this access key ID');
  });

  it('names the missing IAM action and shows the policy to copy', async () => {
    const account = makeAccount({ deny: ['invoicing:ListInvoiceSummaries'] });
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices(account, ERROR_MONTH);
    await expect(popup.readAlert()).resolves.toContain('not allowed to call invoicing:ListInvoiceSummaries');
    const policy = JSON.parse(await popup.page.$eval('[aria-label="Minimal IAM policy"]', (element) => element.textContent ?? '{}'));
    expect(policy.Statement[0].Action).toEqual(['invoicing:ListInvoiceSummaries', 'invoicing:GetInvoicePDF']);
    await expect(popup.isShown('Copy policy', 'button')).resolves.toBe(true);
  });

  it('explains an empty month', async () => {
    const account = makeAccount({ invoicesPerMonth: { '2025-12': 3 } });
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices(account, EMPTY_MONTH);
    await expect(popup.waitForStatus(/No invoices/, 30_000)).resolves.toContain(
      'No invoices were issued for February 2026',
    );
    expect(await popup.page.$('table.invoices')).toBeNull();
  });

  it('checks the typed month and keys before sending anything to AWS', async () => {
    const before = (await readFakeRequests()).length;
    const popup = await openPopup();
    await popup.listInvoices({ accessKeyId: 'akia-not-a-key', secretAccessKey: 'short' }, '2004-12');
    await expect.poll(() => popup.readFieldIssues()).toEqual([
      expect.stringContaining('An access key ID is 20 capital letters'),
      expect.stringContaining('A secret access key is exactly 40 characters'),
      expect.stringContaining('AWS invoices start in 2005-01'),
    ]);
    const keyField = await popup.findField('Access key ID');
    await expect(keyField.evaluate((element) => element.getAttribute('aria-invalid'))).resolves.toBe('true');
    expect((await readFakeRequests()).length).toBe(before);
  });
});
