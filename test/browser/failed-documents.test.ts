import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInvoices } from '../fake-aws/data';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { PopupPage } from './support/popup-page';

const MONTH = '2026-08';

describe('documents that keep failing (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names the failed document, keeps the ZIP marked incomplete, and "Retry failed" completes it', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 4 } });
    const broken = generateInvoices(account, MONTH)[1]?.invoiceId as string;
    await addFakeAccount({ ...account, brokenInvoices: [broken] });
    const popup = new PopupPage(await browser.openPopup());
    await popup.listInvoices(account, MONTH);
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(4);

    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    const status = await popup.waitForJobEnd(/ZIP saved/);
    expect(status).toMatch(/incomplete: 1 of \d+ documents are missing/);
    const failed = popup.page.getByRole('list', { name: 'Failed documents' });
    await expect(failed.textContent()).resolves.toContain(`${broken}.pdf`);
    const zipPath = path.join(browser.downloadsDir, `aws-invoices-${account.accountId}-${MONTH}.zip`);
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    expect(zip.file(new RegExp(`${broken}\\.pdf$`))).toHaveLength(0);
    const manifest = (await zip.file('manifest.csv')?.async('string')) ?? '';
    expect(manifest.split('\r\n').find((line) => line.includes(`${broken}.pdf`))).toMatch(/,missing$/);

    // The popup may close at any time: reopening it shows the same finished job.
    await popup.page.close();
    const reopened = new PopupPage(await browser.openPopup());
    await expect(reopened.jobStatus().textContent()).resolves.toMatch(/incomplete/);

    await addFakeAccount(account);
    await reopened.page.getByRole('button', { name: 'Retry failed' }).click();
    const retried = await reopened.waitForJobEnd(/complete\)/);
    expect(retried).toContain('complete)');
    const whole = await JSZip.loadAsync(await readFile(zipPath));
    expect(whole.file(new RegExp(`${broken}\\.pdf$`))).toHaveLength(1);
    expect(await readdir(browser.downloadsDir)).toContain(path.basename(zipPath));
  });
});
