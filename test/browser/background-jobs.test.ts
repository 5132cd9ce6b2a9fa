import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generateInvoices } from '../fake-aws/data';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, clearFakeRequests, makeAccount, readFakeRequests } from './support/fake-aws-client';
import { OptionsPage } from './support/options-page';

const storagePages = new WeakMap<ExtensionBrowser, Page>();

/**
 * Reads the job item the popup draws from, through an extension page rather than the service worker, which this
 * test stops and restarts.
 */
async function readJob(browser: ExtensionBrowser): Promise<{ phase: string; complete: boolean; zipFilename?: string; documents: unknown[] } | undefined> {
  let page = storagePages.get(browser);
  if (!page) {
    page = await browser.openOptions();
    storagePages.set(browser, page);
  }
  const { job } = await page.evaluate(() => chrome.storage.session.get('job'));
  return job as never;
}

/** Stops the extension's service worker as Chrome does when it is idle (DevTools' "Stop"), through CDP. */
async function stopServiceWorker(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.openPopup();
  const cdp = await browser.context.newCDPSession(page);
  const versions: { versionId: string; scriptURL: string; runningStatus: string }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => versions.push(...event.versions));
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => versions.some((v) => v.scriptURL.includes(browser.extensionId) && v.runningStatus === 'running')).toBe(true);
  const running = versions.filter((v) => v.scriptURL.includes(browser.extensionId) && v.runningStatus === 'running');
  for (const version of running) await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
  // Pending download events may start it again at once: what matters is that it went down.
  await expect.poll(() => versions.some((v) => v.runningStatus === 'stopped')).toBe(true);
  await page.close();
}

function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

function previousMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

describe('background jobs (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('runs the right-click "Download this month\'s invoices" handler: ZIP saved, badge cleared, notification shown', async () => {
    const billed = previousMonth();
    const account = makeAccount({ invoicesPerMonth: { [billed]: 6 } });
    await addFakeAccount(account);
    browser = await launchExtension();
    const options = new OptionsPage(await browser.openOptions());
    await options.addProfile({ name: 'Acme', ...account });
    const now = new Date();
    const issuedThisMonth = generateInvoices(account, billed, now).filter(
      (invoice) => invoice.issuedDate.toISOString().slice(0, 7) === currentMonth(now),
    );

    const worker = await browser.serviceWorker();
    await worker.evaluate(() =>
      (chrome.contextMenus.onClicked as unknown as { dispatch(info: object): void }).dispatch({
        menuItemId: 'this-month:default',
        editable: false,
      }),
    );
    await expect.poll(async () => (await readJob(browser as ExtensionBrowser))?.phase, { timeout: 60_000 }).toBe('done');
    const job = await readJob(browser);
    expect(job?.complete).toBe(true);
    expect(job?.zipFilename).toBe(`aws-invoices-${account.accountId}-issued-${currentMonth(now)}.zip`);
    const zip = await JSZip.loadAsync(await readFile(path.join(browser.downloadsDir, job?.zipFilename as string)));
    const pdfs = Object.keys(zip.files).filter((name) => name.endsWith('.pdf') && !name.includes('-TAX_'));
    expect(pdfs.sort()).toEqual(
      issuedThisMonth.map((invoice) => `AWS Invoices/${account.accountId}/${billed}/${invoice.invoiceId}.pdf`).sort(),
    );
    // The job is written as done first, then announced (the words may need the chosen language loaded).
    await expect
      .poll(async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll())), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^job:/)]);
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 10_000 }).toBe('');

    await worker.evaluate(() =>
      (chrome.contextMenus.onClicked as unknown as { dispatch(info: object): void }).dispatch({
        menuItemId: 'last-month:default',
        editable: false,
      }),
    );
    await expect
      .poll(async () => (await readJob(browser as ExtensionBrowser))?.zipFilename, { timeout: 60_000 })
      .toBe(`aws-invoices-${account.accountId}-${billed}.zip`);
    await expect.poll(async () => (await readJob(browser as ExtensionBrowser))?.phase, { timeout: 60_000 }).toBe('done');
    const bill = await JSZip.loadAsync(await readFile(path.join(browser.downloadsDir, `aws-invoices-${account.accountId}-${billed}.zip`)));
    expect(Object.keys(bill.files).filter((name) => /\/\d+\.pdf$/.test(name))).toHaveLength(6);
  });

  it('survives the service worker being stopped mid-way through a 120-document job: each document downloaded once', async () => {
    const account = makeAccount({ invoicesPerMonth: { [previousMonth()]: 120 }, supplementalDocuments: 0, latencyMs: 60 });
    await addFakeAccount(account);
    browser = await launchExtension();
    const options = new OptionsPage(await browser.openOptions());
    await options.page.getByLabel('Each PDF').check();
    await options.addProfile({ name: 'Acme', ...account });
    await clearFakeRequests();
    const worker = await browser.serviceWorker();
    await worker.evaluate(() =>
      (chrome.contextMenus.onClicked as unknown as { dispatch(info: object): void }).dispatch({ menuItemId: 'last-month:default', editable: false }),
    );
    await expect
      .poll(async () => ((await readJob(browser as ExtensionBrowser))?.documents as { status: string }[] | undefined)?.filter((d) => d.status === 'saved').length ?? 0, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(20);
    await worker.evaluate(() => ((globalThis as { beforeStop?: boolean }).beforeStop = true));
    await stopServiceWorker(browser);
    const stoppedAt = await readFakeRequests();
    // The person opens the popup to look at progress; that wakes the worker (else its 30 s alarm would).
    await browser.openPopup();

    await expect.poll(async () => (await readJob(browser as ExtensionBrowser))?.phase, { timeout: 90_000 }).toBe('done');
    const job = await readJob(browser);
    expect(job?.complete).toBe(true);
    // Each document reached the Downloads folder exactly once: one complete download per file. A document is
    // fetched again only when Chrome aborted its download as the worker stopped, never after it completed.
    const page = storagePages.get(browser) as Page;
    const downloads = (await page.evaluate(() => chrome.downloads.search({}))) as { filename: string; state: string; error?: string }[];
    const byFile = new Map<string, { complete: number; interrupted: number }>();
    for (const item of downloads) {
      const name = path.basename(item.filename);
      const entry = byFile.get(name) ?? { complete: 0, interrupted: 0 };
      if (item.state === 'complete') entry.complete += 1;
      else if (item.state === 'interrupted') entry.interrupted += 1;
      byFile.set(name, entry);
    }
    expect(byFile.size).toBe(120);
    // On failure, the message shows what Chrome and the job knew of each such file.
    const odd = [...byFile].filter(([, entry]) => entry.complete !== 1).map(([name]) => name);
    const about = (name: string) => ({
      downloads: downloads.filter((item) => item.filename.endsWith(name)),
      job: (job?.documents as { path: string }[] | undefined)?.filter((document) => document.path.endsWith(name)),
    });
    expect(odd, JSON.stringify(odd.map(about))).toEqual([]);
    const documentGets = (await readFakeRequests()).filter((request) => request.target === 'document');
    const fetches = new Map<string, number>();
    for (const request of documentGets) fetches.set(path.basename(request.path), (fetches.get(path.basename(request.path)) ?? 0) + 1);
    expect(fetches.size).toBe(120);
    for (const [invoiceId, count] of fetches) {
      expect(count, invoiceId).toBe(1 + (byFile.get(`${invoiceId}.pdf`)?.interrupted ?? 0));
    }
    // The worker really was stopped (its globals are gone) while work remained.
    const restarted = await browser.serviceWorker();
    await expect(restarted.evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop)).resolves.toBeUndefined();
    expect(stoppedAt.filter((request) => request.target === 'document').length).toBeLessThan(120);
    const folder = path.join(browser.downloadsDir, 'AWS Invoices', account.accountId);
    const files = await readdir(folder, { recursive: true });
    expect(files.filter((file) => file.endsWith('.pdf'))).toHaveLength(120);
  });

  it('announces a new month with the daily check, and its notification downloads the bill', async () => {
    const billed = previousMonth();
    const account = makeAccount({ invoicesPerMonth: { [billed]: 3 } });
    await addFakeAccount(account);
    browser = await launchExtension();
    const options = new OptionsPage(await browser.openOptions());
    await options.addProfile({ name: 'Acme', ...account });
    await options.page.getByLabel("Check once a day for a new month's invoices").check();
    const worker = await browser.serviceWorker();
    await expect.poll(() => worker.evaluate(() => chrome.alarms.get('new-invoice-check').then((a) => a?.periodInMinutes))).toBe(1440);
    // A day, compressed: fire the same alarm now.
    await worker.evaluate(() => chrome.alarms.create('new-invoice-check', { when: Date.now() + 50 }));
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 30_000 }).toBe('new');
    const notifications = await worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(notifications)).toEqual([`new-invoices:${billed}`]);

    await worker.evaluate((id) => (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(id), `new-invoices:${billed}`);
    await expect.poll(async () => (await readJob(browser as ExtensionBrowser))?.phase, { timeout: 60_000 }).toBe('done');
    const zip = await JSZip.loadAsync(await readFile(path.join(browser.downloadsDir, `aws-invoices-${account.accountId}-${billed}.zip`)));
    expect(Object.keys(zip.files).filter((name) => /\/\d+\.pdf$/.test(name))).toHaveLength(3);
  });
});
