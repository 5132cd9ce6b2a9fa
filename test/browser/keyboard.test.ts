import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { PopupPage } from './support/popup-page';

/** Presses Tab until the focused control has this accessible name (as a screen reader would announce it). */
async function tabTo(page: Page, name: RegExp, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : '';
      return `${element?.getAttribute('aria-label') ?? ''} ${label ?? ''} ${element?.tagName === 'BUTTON' ? element.textContent : ''}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('keyboard only (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists last month and downloads its PDFs without a mouse', async () => {
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const account = makeAccount({ invoicesPerMonth: { [lastMonth]: 3 }, supplementalDocuments: 0 });
    await addFakeAccount(account);
    const popup = new PopupPage(await browser.openPopup());
    const page = popup.page;

    await tabTo(page, /^Access key ID$/);
    await page.keyboard.type(account.accessKeyId);
    await tabTo(page, /^Secret access key$/);
    await page.keyboard.type(account.secretAccessKey);
    // Enter in a field submits the form: the month is last month by default.
    await page.keyboard.press('Enter');
    await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(3);

    await tabTo(page, /^Download PDFs$/);
    await page.keyboard.press('Enter');
    await expect(popup.waitForJobEnd(/Saved all/)).resolves.toContain('Saved all 3 documents');
    // Focus stays visible: the focused control draws an outline.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
  });
});
