import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInvoices } from '../fake-aws/data';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { OptionsPage } from './support/options-page';
import { PopupPage, chooseProfile } from './support/popup-page';

const MONTHS = ['2026-04', '2026-05', '2026-06'];
const TEMPLATE = 'Invoices/{profile}/{billingMonth}/{issuedDate}_{invoiceId}';

describe('bulk: a month range over several profiles (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists three months of two profiles, then saves one ZIP with a folder per account, templated names and the ledger', async () => {
    const acme = makeAccount({ invoicesPerMonth: { '2026-04': 2, '2026-05': 3, '2026-06': 1, '2026-07': 4 } });
    const beta = makeAccount({ invoicesPerMonth: { '2026-03': 2, '2026-04': 1, '2026-05': 2, '2026-06': 6 } });
    await addFakeAccount(acme);
    await addFakeAccount(beta);
    const options = new OptionsPage(await browser.openOptions());
    await options.addProfile({ name: 'Acme', ...acme });
    await options.addProfile({ name: 'Beta', ...beta });
    await options.page.getByLabel('File naming template').fill(TEMPLATE);
    await options.page.getByRole('list', { name: 'Preview' }).filter({ hasText: 'Invoices/acme_production/' }).waitFor();

    const expected = [
      ...MONTHS.flatMap((month) => generateInvoices(acme, month).map((invoice) => ({ invoice, profile: 'Acme' }))),
      ...MONTHS.flatMap((month) => generateInvoices(beta, month).map((invoice) => ({ invoice, profile: 'Beta' }))),
    ];
    expect(expected).toHaveLength(15);

    const popup = new PopupPage(await browser.openPopup());
    await chooseProfile(popup, 'All profiles');
    await popup.chooseMonth(MONTHS[0] as string);
    await popup.page.getByLabel('Through month (optional)').fill(MONTHS[2] as string);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.page.locator('.invoice-id').count(), { timeout: 30_000 }).toBe(15);
    const groups = await popup.page.getByRole('rowheader').filter({ hasText: ' · ' }).allTextContents();
    expect(groups).toEqual([`Acme · ${acme.accountId}`, `Beta · ${beta.accountId}`]);

    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    await expect(popup.waitForJobEnd(/ZIP saved/)).resolves.toContain('complete)');
    const zipName = 'aws-invoices-all-accounts-2026-04-to-2026-06.zip';
    const zip = await JSZip.loadAsync(await readFile(path.join(browser.downloadsDir, zipName)));
    const expectedPaths = expected.flatMap(({ invoice, profile }) => {
      const stem = `Invoices/${profile}/${invoice.billingMonth}/${invoice.issuedDate.toISOString().slice(0, 10)}_${invoice.invoiceId}`;
      return [`${stem}.pdf`, ...invoice.supplementalDocuments.map((d) => `${stem}-${d.documentType}-${d.documentId}.pdf`)];
    });
    const pdfs = Object.keys(zip.files).filter((name) => name.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(expectedPaths.sort());

    const ledger = (await zip.file('invoices.csv')?.async('string')) ?? '';
    const lines = ledger.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^account,profile,invoice_id,type,billing_month,issued,due,seller,/);
    expect(lines).toHaveLength(16);
    for (const { invoice, profile } of expected) {
      const row = lines.find((line) => line.includes(`,${invoice.invoiceId},`));
      expect(row, invoice.invoiceId).toMatch(new RegExp(`^${invoice.accountId},${profile},${invoice.invoiceId},${invoice.invoiceType},${invoice.billingMonth},`));
      expect(row).toContain(`,${invoice.totalAmount},`);
    }
    const manifest = (await zip.file('manifest.csv')?.async('string')) ?? '';
    expect(manifest.trim().split('\r\n')).toHaveLength(expectedPaths.length + 1);

    // The same ledger can be exported on its own.
    await popup.page.getByRole('button', { name: 'Export CSV' }).click();
    const csvPath = path.join(browser.downloadsDir, 'aws-invoices-all-accounts-2026-04-to-2026-06.csv');
    await expect.poll(() => readFile(csvPath, 'utf8').catch(() => ''), { timeout: 30_000 }).toBe(ledger);
  });
});
