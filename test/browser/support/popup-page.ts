import type { Page } from 'playwright-core';
import type { FakeAccount } from '../../fake-aws/server';

/** The popup as a person uses it: every control found by its accessible name. */
export class PopupPage {
  constructor(readonly page: Page) {}

  async enterKeys(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<void> {
    const change = this.page.getByRole('button', { name: 'Change keys' });
    if (await change.isVisible()) await change.click();
    await this.page.getByLabel('Access key ID').fill(keys.accessKeyId);
    await this.page.getByLabel('Secret access key').fill(keys.secretAccessKey);
    if (keys.sessionToken) await this.page.getByLabel('Session token (optional)').fill(keys.sessionToken);
  }

  async chooseMonth(month: string): Promise<void> {
    await this.page.getByLabel('Billing month').fill(month);
  }

  async listInvoices(account: FakeAccount, month: string): Promise<void> {
    await this.enterKeys(account);
    await this.chooseMonth(month);
    await this.page.getByRole('button', { name: 'List invoices' }).click();
  }

  /** Rows of the invoice table body, one per invoice. */
  invoiceRows() {
    return this.page.getByRole('table', { name: /Invoices for/ }).locator('tbody tr');
  }

  alert() {
    return this.page.getByRole('alert');
  }

  jobStatus() {
    return this.page.locator('.job-status');
  }

  async waitForJobEnd(pattern: RegExp, timeout = 90_000): Promise<string> {
    await this.page.getByRole('status').filter({ hasText: pattern }).waitFor({ timeout });
    return (await this.jobStatus().textContent()) ?? '';
  }
}

/** Picks a saved profile in the popup. */
export async function chooseProfile(popup: PopupPage, name: string): Promise<void> {
  await popup.page.getByLabel('Profile', { exact: true }).selectOption({ label: name });
}
