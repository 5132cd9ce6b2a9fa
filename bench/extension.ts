import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { FakeAccount } from '../test/fake-aws/server';
import { launchExtension } from '../test/browser/support/chromium';
import { PopupPage } from '../test/browser/support/popup-page';

/** What one "list, then Download ZIP" session in the popup took and showed. */
export interface ExtensionRun {
  /** From the click on "List invoices" until the popup's status reports the job's end. */
  ms: number;
  /** From the same click until the table showed. */
  tableMs: number;
  /** From the click on "Download ZIP" until the job's end. */
  zipMs: number;
  /** The popup's status line at the end. */
  status: string;
  /** PDFs inside the saved ZIP (0 when there is no ZIP). */
  pdfsInZip: number;
  /** Whether the popup shows a "Failed documents" list. */
  showsFailures: boolean;
}

/**
 * Opens the popup of the extension built in `extensionDir` in a fresh Chromium profile, lists `month` with the
 * account's keys and clicks "Download ZIP" once the table shows (at once, or after `readingMs`).
 */
export async function runExtension(
  extensionDir: string,
  account: FakeAccount,
  month: string,
  timeoutMs: number,
  /** How long the person reads the table before clicking "Download ZIP"; 0 clicks as soon as it shows. */
  readingMs = 0,
): Promise<ExtensionRun> {
  // The bench's fake serves the API over TLS with a certificate made for the run.
  const browser = await launchExtension({ extensionDir, extraArgs: ['--ignore-certificate-errors'] });
  try {
    const popup = new PopupPage(await browser.openPopup());
    await popup.enterKeys(account);
    await popup.chooseMonth(month);
    const started = performance.now();
    await popup.page.getByRole('button', { name: 'List invoices' }).click();
    await waitForElement(popup.page, 'table[aria-label^="Invoices for"]', /./, timeoutMs);
    const tableMs = performance.now() - started;
    if (readingMs > 0) await new Promise((resolve) => setTimeout(resolve, readingMs));
    const zipClicked = performance.now();
    await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
    await waitForElement(popup.page, '[role="status"]', /ZIP saved|Stopped:|Cancelled/, timeoutMs);
    const ms = performance.now() - started;
    const zipMs = performance.now() - zipClicked;
    const status = await popup.waitForJobEnd(/ZIP saved|Stopped:|Cancelled/, timeoutMs);
    const showsFailures = (await popup.page.getByRole('list', { name: 'Failed documents' }).count()) > 0;
    const zipName = /ZIP saved to Downloads: (.+?\.zip)/.exec(status)?.[1];
    const pdfsInZip = zipName ? await countPdfsInZip(path.join(browser.downloadsDir, zipName)) : 0;
    return { ms, tableMs, zipMs, status, pdfsInZip, showsFailures };
  } finally {
    await browser.close();
  }
}

/**
 * Waits for an element whose text matches, checking after every change to the page. Playwright's locator waits
 * poll at widening intervals up to 500 ms, which would add up to half a second to what is measured; polling on
 * every animation frame instead keeps the page drawing 60 frames a second, which a person's popup does not do and
 * which took CPU from the extension on this 2-core machine.
 */
export async function waitForElement(page: Page, selector: string, text: RegExp, timeout: number): Promise<void> {
  // Source text rather than a function: tsx would wrap named functions inside it in a helper the page lacks.
  const args = JSON.stringify([selector, text.source, text.flags, timeout]);
  await page.evaluate(`(([css, source, flags, ms]) => new Promise((resolve, reject) => {
    const pattern = new RegExp(source, flags);
    const found = () => [...document.querySelectorAll(css)].some((element) => pattern.test(element.textContent ?? ''));
    if (found()) return resolve();
    const observer = new MutationObserver(() => {
      if (!found()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('No ' + css + ' matching ' + pattern + ' within ' + ms + ' ms'));
    }, ms);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  }))(${args})`);
}

async function countPdfsInZip(file: string): Promise<number> {
  // The popup may report the ZIP a moment before Chrome renames the finished download.
  for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(file)) return 0;
  const zip = await JSZip.loadAsync(await readFile(file));
  return Object.values(zip.files).filter((entry) => !entry.dir && entry.name.endsWith('.pdf')).length;
}

