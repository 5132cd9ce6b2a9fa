import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { PopupPage } from './support/popup-page';

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page as it is now and returns the violations. */
async function findViolations(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the extension's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

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
