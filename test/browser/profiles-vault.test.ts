import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateInvoices } from '../fake-aws/data';
import { launchExtension } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { OptionsPage } from './support/options-page';
import { findFilesContaining } from './support/profile-files';
import { PopupPage, chooseProfile } from './support/popup-page';

const MONTH = '2026-07';
const PASSPHRASE = 'correct horse battery staple';

describe('profiles and the encrypted vault (Chromium, fake AWS)', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it('keeps session-only secrets in memory and vault secrets encrypted, across a browser restart', async () => {
    const sessionOnly = makeAccount({ invoicesPerMonth: { [MONTH]: 3 } });
    const vaulted = makeAccount({ invoicesPerMonth: { [MONTH]: 4 } });
    await addFakeAccount(sessionOnly);
    await addFakeAccount(vaulted);
    const profileDir = await mkdtemp(path.join(tmpdir(), 'aid-restart-'));
    cleanup.push(profileDir, `${profileDir}-downloads`);

    let browser = await launchExtension({ profileDir });
    const options = new OptionsPage(await browser.openOptions());
    await options.addProfile({ name: 'Session only', ...sessionOnly });
    await options.addProfile({ name: 'Vaulted', ...vaulted, passphrase: PASSPHRASE });
    await expect(options.page.getByRole('list', { name: 'Saved profiles' }).textContent()).resolves.toContain(
      'remembered in the vault',
    );

    let popup = new PopupPage(await browser.openPopup());
    await chooseProfile(popup, 'Vaulted');
    await popup.chooseMonth(MONTH);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(4);
    await chooseProfile(popup, 'Session only');
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);
    await browser.context.close();

    browser = await launchExtension({ profileDir });
    popup = new PopupPage(await browser.openPopup());
    await chooseProfile(popup, 'Vaulted');
    await popup.chooseMonth(MONTH);
    // The vault is locked after a restart: a wrong passphrase says so and changes nothing.
    await popup.page.getByLabel('Vault passphrase').fill('not the passphrase');
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain('That passphrase is not right');
    await popup.page.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(4);
    await popup.page.getByRole('button', { name: 'Download PDFs' }).click();
    await popup.waitForJobEnd(/Saved all \d+ documents/);
    const folder = path.join(browser.downloadsDir, 'AWS Invoices', vaulted.accountId, MONTH);
    const expectedFiles = generateInvoices(vaulted, MONTH).flatMap((invoice) => [
      `${invoice.invoiceId}.pdf`,
      ...invoice.supplementalDocuments.map((d) => `${invoice.invoiceId}-${d.documentType}-${d.documentId}.pdf`),
    ]);
    expect((await readdir(folder)).sort()).toEqual(expectedFiles.sort());

    // The session-only profile forgot its secret with the browser: it asks for it again.
    await chooseProfile(popup, 'Session only');
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain('Enter the secret access key again');
    await popup.page.getByLabel('Secret access key').fill(sessionOnly.secretAccessKey);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);
    await browser.context.close();

    for (const secret of [sessionOnly.secretAccessKey, vaulted.secretAccessKey, PASSPHRASE]) {
      expect(await findFilesContaining(profileDir, secret), 'files holding a secret').toEqual([]);
    }
    // What is on disk is the vault's envelope: readable header, ciphertext body.
    const vaultFiles = await findFilesContaining(profileDir, 'aws-invoice-downloader/vault');
    expect(vaultFiles.some((file) => file.includes('Local Extension Settings'))).toBe(true);
    expect(await findFilesContaining(profileDir, vaulted.accessKeyId)).not.toEqual([]);
  });

  it('locks the vault when the idle alarm fires, scheduled from the configured minutes', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 2 } });
    await addFakeAccount(account);
    const browser = await launchExtension();
    try {
      const options = new OptionsPage(await browser.openOptions());
      await options.page.getByLabel('Lock after this many idle minutes').fill('7');
      await options.page.getByLabel('Lock after this many idle minutes').blur();
      await options.addProfile({ name: 'Vaulted', ...account, passphrase: PASSPHRASE });
      const worker = await browser.serviceWorker();
      const alarm = await worker.evaluate(() => chrome.alarms.get('vault-autolock'));
      expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 6.5 * 60_000);
      expect(alarm?.scheduledTime).toBeLessThan(Date.now() + 7.5 * 60_000);

      const popup = new PopupPage(await browser.openPopup());
      await expect(popup.page.getByRole('button', { name: 'Lock vault' }).isVisible()).resolves.toBe(true);
      // Seven idle minutes, compressed: fire the same alarm now.
      await worker.evaluate(() => chrome.alarms.create('vault-autolock', { when: Date.now() + 50 }));
      await popup.page.getByLabel('Vault passphrase').waitFor({ timeout: 30_000 });
      await expect(popup.page.getByRole('button', { name: 'Lock vault' }).count()).resolves.toBe(0);
      const secrets = await worker.evaluate(() => chrome.storage.session.get(['profileSecrets', 'vaultKey']));
      expect(secrets).toEqual({ profileSecrets: {} });
    } finally {
      await browser.close();
    }
  });
});
