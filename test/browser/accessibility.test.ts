import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findViolations } from './support/axe';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { PopupPage } from './support/popup-page';

describe('accessibility (axe-core, light and dark)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no violations in the popup's states and the options page (${colorScheme})`, async () => {
      const account = makeAccount({ invoicesPerMonth: { '2026-08': 6 }, latencyMs: 150 });
      await addFakeAccount(account);
      const popup = new PopupPage(await browser.openPopup());
      await popup.page.emulateMedia({ colorScheme });
      expect(await findViolations(popup.page), 'empty').toEqual([]);

      await popup.listInvoices({ ...account, secretAccessKey: 'x'.repeat(40) }, '2026-08');
      await popup.alert().waitFor({ timeout: 30_000 });
      expect(await findViolations(popup.page), 'error').toEqual([]);

      await popup.listInvoices(account, '2026-08');
      await popup.invoiceRows().first().waitFor({ timeout: 30_000 });
      expect(await findViolations(popup.page), 'listed').toEqual([]);

      await popup.page.getByRole('button', { name: 'Download PDFs' }).click();
      await popup.page.getByRole('status').filter({ hasText: /Downloading|Preparing/ }).waitFor({ timeout: 30_000 });
      expect(await findViolations(popup.page), 'downloading').toEqual([]);
      await popup.waitForJobEnd(/Saved all/);

      const options = await browser.openOptions();
      await options.emulateMedia({ colorScheme });
      expect(await findViolations(options), 'options').toEqual([]);
      await options.getByRole('button', { name: 'Add profile' }).click();
      expect(await findViolations(options), 'options, new profile').toEqual([]);
    });
  }
});
