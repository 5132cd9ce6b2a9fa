import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInvoices } from '../fake-aws/data';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { OptionsPage } from './support/options-page';
import { PopupPage, chooseProfile } from './support/popup-page';

const MONTH = '2026-05';

describe('roles, MFA and the IAM doctor (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('assumes a role with an external ID and MFA through STS, then lists and zips the role account', async () => {
    const base = makeAccount({ invoicesPerMonth: { [MONTH]: 1 } });
    const target = { accountId: '444455556666', userName: 'InvoiceReader', invoicesPerMonth: { [MONTH]: 3 } };
    const roleArn = `arn:aws:iam::${target.accountId}:role/InvoiceReader`;
    const mfaSerial = `arn:aws:iam::${base.accountId}:mfa/finance`;
    await addFakeAccount({
      ...base,
      mfa: { serialNumber: mfaSerial, code: '123456' },
      roles: [{ roleArn, externalId: 'acme-ext-7', requireMfa: true, target }],
    });
    const options = new OptionsPage(await browser.openOptions());
    await options.addProfile({ name: 'Acme via role', ...base, roleArn, externalId: 'acme-ext-7', mfaSerial });

    const popup = new PopupPage(await browser.openPopup());
    await chooseProfile(popup, 'Acme via role');
    await popup.chooseMonth(MONTH);
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain('Enter the current 6-digit code');
    await popup.page.getByLabel('MFA code').fill('000000');
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain('AWS did not accept that MFA code');
    await popup.page.getByLabel('MFA code').fill('123456');
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);
    const ids = await popup.invoiceRows().locator('.invoice-id').allTextContents();
    expect(ids.sort()).toEqual(generateInvoices({ ...target }, MONTH).map((invoice) => invoice.invoiceId).sort());
    await expect(popup.page.getByLabel('Signed in as').textContent()).resolves.toContain(
      `arn:aws:sts::${target.accountId}:assumed-role/InvoiceReader/`,
    );
    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    await expect(popup.waitForJobEnd(/ZIP saved/)).resolves.toContain('complete)');

    // The role's temporary credentials are cached: listing again needs no new MFA code.
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);
    await expect(popup.page.getByLabel('MFA code').count()).resolves.toBe(0);
  });

  it('reports, for a key without GetInvoicePDF, which actions are allowed and the policy to copy', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 2 }, deny: ['invoicing:GetInvoicePDF'] });
    await addFakeAccount(account);
    const popup = new PopupPage(await browser.openPopup());
    if ((await popup.page.getByLabel('Profile', { exact: true }).count()) > 0) await chooseProfile(popup, 'One-off keys (not saved)');
    await popup.enterKeys(account);
    await popup.chooseMonth(MONTH);
    await popup.page.getByRole('button', { name: 'Check permissions' }).click();
    const report = popup.page.getByRole('region', { name: 'Permission check' });
    await report.waitFor({ timeout: 30_000 });
    const lines = await report.getByRole('listitem').allTextContents();
    expect(lines).toEqual([
      expect.stringMatching(/^sts:GetCallerIdentity: Allowed/),
      expect.stringMatching(/^invoicing:ListInvoiceSummaries: Allowed/),
      expect.stringMatching(/^invoicing:GetInvoicePDF: Denied/),
    ]);
    await expect(report.textContent()).resolves.toContain('Likely cause: the IAM policy lacks the action');
    const policy = JSON.parse((await report.getByLabel('Least-privilege IAM policy').textContent()) ?? '{}');
    expect(policy.Statement[0].Action).toContain('invoicing:GetInvoicePDF');
  });
});
