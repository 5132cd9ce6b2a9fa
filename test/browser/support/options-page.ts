import type { Page } from 'playwright-core';

export interface ProfileInput {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  roleArn?: string;
  externalId?: string;
  mfaSerial?: string;
  /** Remember in the vault with this passphrase. */
  passphrase?: string;
}

/** The options page as a person uses it. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  async addProfile(input: ProfileInput): Promise<void> {
    const page = this.page;
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('textbox', { name: 'Profile name', exact: true }).fill(input.name);
    await page.getByLabel('Access key ID').fill(input.accessKeyId);
    await page.getByLabel('Secret access key').fill(input.secretAccessKey);
    if (input.sessionToken) await page.getByLabel('Session token (for temporary ASIA keys)').fill(input.sessionToken);
    if (input.roleArn) await page.getByLabel('Role to assume (optional)').fill(input.roleArn);
    if (input.externalId) await page.getByLabel('External ID (optional)').fill(input.externalId);
    if (input.mfaSerial) await page.getByLabel('MFA device ARN (optional)').fill(input.mfaSerial);
    if (input.passphrase) {
      await page.getByLabel('Remember on this device (encrypted with a passphrase)').check();
      const fresh = page.getByLabel('New vault passphrase');
      if (await fresh.isVisible()) {
        await fresh.fill(input.passphrase);
        await page.getByLabel('Repeat passphrase').fill(input.passphrase);
      } else if (await page.getByLabel('Vault passphrase', { exact: true }).first().isVisible()) {
        await page.locator('#profile-passphrase').fill(input.passphrase);
      }
    }
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: `Profile "${input.name}" saved.` }).waitFor({ timeout: 30_000 });
  }
}
