import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount, readFakeRequests } from './support/fake-aws-client';
import { PopupPage } from './support/popup-page';

describe('error messages in the popup (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openPopup(): Promise<PopupPage> {
    return new PopupPage(await browser.openPopup());
  }

  it('says the secret is wrong when the signature does not match', async () => {
    const account = makeAccount();
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices({ ...account, secretAccessKey: 'x'.repeat(40) }, '2026-09');
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain(
      'The secret access key does not match this access key ID',
    );
    await expect(popup.alert().textContent()).resolves.not.toContain('x'.repeat(40));
  });

  it('says the key is unknown when AWS does not recognise it', async () => {
    const popup = await openPopup();
    await popup.listInvoices(makeAccount(), '2026-09');
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain(
      'AWS does not recognise this access key ID',
    );
  });

  it('names the missing IAM action and shows the policy to copy', async () => {
    const account = makeAccount({ deny: ['invoicing:ListInvoiceSummaries'] });
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices(account, '2026-09');
    await expect(popup.alert().textContent({ timeout: 30_000 })).resolves.toContain(
      'not allowed to call invoicing:ListInvoiceSummaries',
    );
    const policy = JSON.parse((await popup.page.getByLabel('Minimal IAM policy').textContent()) ?? '{}');
    expect(policy.Statement[0].Action).toEqual(['invoicing:ListInvoiceSummaries', 'invoicing:GetInvoicePDF']);
    await expect(popup.page.getByRole('button', { name: 'Copy policy' }).isVisible()).resolves.toBe(true);
  });

  it('explains an empty month and when a month not yet invoiced is expected', async () => {
    const account = makeAccount({ invoicesPerMonth: { '2026-01': 3 } });
    await addFakeAccount(account);
    const popup = await openPopup();
    await popup.listInvoices(account, '2026-09');
    await expect(popup.page.getByRole('status').first().textContent({ timeout: 30_000 })).resolves.toContain(
      'No invoices were issued for September 2026',
    );
  });

  it('shows each problem next to its field and sends nothing to AWS', async () => {
    const before = (await readFakeRequests()).length;
    const popup = await openPopup();
    await popup.listInvoices({ accessKeyId: 'akia-not-a-key', secretAccessKey: 'short', accountId: '' }, '2004-12');
    await expect(popup.page.getByText('An access key ID is 20 capital letters').isVisible()).resolves.toBe(true);
    await expect(popup.page.getByText('A secret access key is exactly 40 characters').isVisible()).resolves.toBe(true);
    await expect(popup.page.getByText('AWS invoices start in 2005-01').isVisible()).resolves.toBe(true);
    await expect(popup.page.getByLabel('Access key ID').getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await readFakeRequests()).length).toBe(before);
  });
});
