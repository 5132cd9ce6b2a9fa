import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { FakeAccount } from '../test/fake-aws/server';
import { CHROMIUM_PATH, listChromiumArgs } from '../test/browser/support/chromium';

/** What one "list, then Download ZIP" session in the popup took and showed. */
export interface ExtensionRun {
  /** When "List invoices" was clicked (epoch ms), to place the fake's requests on the same timeline. */
  clickedAt: number;
  /** From the click on "List invoices" until the popup's status reports the job's end (read by the popup's clock). */
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
 * How long the person looks at the popup before filling it in. Each run starts a fresh browser, and for about half a
 * second after the popup opens Chromium is still busy starting: the popup's first paint, and the offscreen document
 * and its worker, which the extension opens "while the person fills the form". Filling the form and clicking at once
 * timed that start-up together with the listing; nobody pastes two keys and picks a month that fast.
 */
export const SETTLE_MS = 1500;

/**
 * Opens the popup of the extension built in `extensionDir` in a fresh Chromium profile, waits SETTLE_MS, lists
 * `month` with the account's keys and clicks "Download ZIP" once the table shows (at once, or after `readingMs`).
 */
export async function runExtension(
  extensionDir: string,
  account: FakeAccount,
  month: string,
  timeoutMs: number,
  /** How long the person reads the table before clicking "Download ZIP"; 0 clicks as soon as it shows. */
  readingMs = 0,
): Promise<ExtensionRun> {
  const chromium = await launchLightly(extensionDir);
  try {
    const page = await chromium.openPopup();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await fill(page, 'Access key ID', account.accessKeyId);
    await fill(page, 'Secret access key', account.secretAccessKey);
    await fill(page, 'Billing month', month);
    await page.evaluate(markMoments, TABLE, END.source);
    await clickButton(page, 'List invoices');
    await waitForElement(page, TABLE, /./, timeoutMs);
    if (readingMs > 0) await new Promise((resolve) => setTimeout(resolve, readingMs));
    await clickButton(page, 'Download ZIP');
    await waitForElement(page, '[role="status"]', END, timeoutMs);
    const moments = await page.evaluate(() => (window as unknown as { benchMoments: Moments }).benchMoments);
    const listed = moments.clicks['List invoices'] ?? Number.NaN;
    const ms = (moments.end ?? Number.NaN) - listed;
    const tableMs = (moments.table ?? Number.NaN) - listed;
    const zipMs = (moments.end ?? Number.NaN) - (moments.clicks['Download ZIP'] ?? Number.NaN);
    const { status, showsFailures } = await page.evaluate(() => ({
      status: document.querySelector('[role="status"]')?.textContent ?? '',
      showsFailures: document.querySelector('ul[aria-label="Failed documents"]') !== null,
    }));
    const zipName = /ZIP saved to Downloads: (.+?\.zip)/.exec(status)?.[1];
    const pdfsInZip = zipName ? await countPdfsInZip(path.join(chromium.downloadsDir, zipName)) : 0;
    return { clickedAt: listed, ms, tableMs, zipMs, status, pdfsInZip, showsFailures };
  } finally {
    await chromium.close();
  }
}

const TABLE = 'table[aria-label^="Invoices for"]';
const END = /ZIP saved|Stopped:|Cancelled/;

/** Popup clock readings (epoch ms): each button's first click, and when the table and the job's end first showed. */
interface Moments {
  clicks: Record<string, number>;
  table?: number;
  end?: number;
}

/**
 * Runs in the popup: notes the moment of each click and when the table and the end of the job first show. Timed
 * from the bench's side, each reading would also hold DevTools round trips (a click alone takes five), which on a
 * busy 2-core machine last tens of milliseconds; the baseline, timed inside its own process, has none.
 */
function markMoments(table: string, end: string): void {
  // No inner named functions: tsx would wrap them in a helper the page lacks.
  const moments: Moments = { clicks: {} };
  (window as unknown as { benchMoments: Moments }).benchMoments = moments;
  document.addEventListener(
    'click',
    (event) => {
      const name = (event.target as Element | null)?.closest('button')?.textContent?.trim();
      if (name && moments.clicks[name] === undefined) moments.clicks[name] = performance.timeOrigin + performance.now();
    },
    { capture: true },
  );
  const pattern = new RegExp(end);
  new MutationObserver(() => {
    if (moments.table === undefined && document.querySelector(table)) moments.table = performance.timeOrigin + performance.now();
    if (moments.end === undefined && pattern.test(document.querySelector('[role="status"]')?.textContent ?? '')) moments.end = performance.timeOrigin + performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * Debian's Chromium with the extension, driven with as little DevTools attached as a run allows. The browser tests'
 * Playwright attaches to every target, the service worker and the offscreen document included, and reports each of
 * their requests to DevTools: on this 2-core machine that took a tenth of a second or more from each run. Here only
 * the popup's page is attached, and without the Network domain.
 */
async function launchLightly(extensionDir: string): Promise<{ downloadsDir: string; openPopup(): Promise<Page>; close(): Promise<void> }> {
  const profileDir = await mkdtemp(path.join(tmpdir(), 'aid-bench-profile-'));
  const downloadsDir = `${profileDir}-downloads`;
  await mkdir(path.join(profileDir, 'Default'), { recursive: true });
  await mkdir(downloadsDir, { recursive: true });
  await writeFile(
    path.join(profileDir, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloadsDir, prompt_for_download: false, directory_upgrade: true } }),
  );
  const browser: Browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    userDataDir: profileDir,
    ignoreDefaultArgs: ['--disable-extensions'],
    // The bench's fake serves the API over TLS with a certificate made for the run.
    args: [...listChromiumArgs(extensionDir), '--ignore-certificate-errors'],
    networkEnabled: false,
    targetFilter: (target) => ['browser', 'tab', 'page'].includes(target.type()) && !target.url().endsWith('/offscreen.html'),
    defaultViewport: null,
  });
  const session = await browser.target().createCDPSession();
  // Chrome's own download manager saves under the extension's file names.
  await session.send('Browser.setDownloadBehavior', { behavior: 'default' });
  let extensionId = '';
  for (let waited = 0; !extensionId && waited < 10_000; waited += 50) {
    const { targetInfos } = await session.send('Target.getTargets');
    extensionId = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith('chrome-extension://'))?.url.split('/')[2] ?? '';
    if (!extensionId) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!extensionId) throw new Error('The extension did not start');
  return {
    downloadsDir,
    async openPopup() {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      await page.waitForSelector('#app label');
      return page;
    },
    async close() {
      await browser.close();
      await rm(profileDir, { recursive: true, force: true });
      await rm(downloadsDir, { recursive: true, force: true });
    },
  };
}

/** Fills the field a person finds by its label, as Playwright's `fill` does: the value at once, then the events. */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const filled = await page.evaluate(
    (name, text) => {
      const field = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === name)?.control;
      if (!(field instanceof HTMLInputElement)) return false;
      field.focus();
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    label,
    value,
  );
  if (!filled) throw new Error(`No field labelled "${label}"`);
}

/** Clicks, with a real mouse event, the button a person finds by its name. */
async function clickButton(page: Page, name: string): Promise<void> {
  const handle = await page.evaluateHandle(
    (text) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text) ?? null,
    name,
  );
  const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!button) throw new Error(`No button named "${name}"`);
  await button.click();
}

/**
 * Waits for an element whose text matches, checking after every change to the page. Polling instead (Playwright's
 * locator waits use widening intervals up to 500 ms; "raf" polling keeps the page drawing 60 frames a second on the
 * thread the offscreen document shares) would add to what is measured.
 */
export async function waitForElement(page: Page, selector: string, text: RegExp, timeout: number): Promise<void> {
  await page.waitForFunction(
    (css, source, flags) => [...document.querySelectorAll(css)].some((element) => new RegExp(source, flags).test(element.textContent ?? '')),
    { polling: 'mutation', timeout },
    selector,
    text.source,
    text.flags,
  );
}

async function countPdfsInZip(file: string): Promise<number> {
  // The popup may report the ZIP a moment before Chrome renames the finished download.
  for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(file)) return 0;
  const zip = await JSZip.loadAsync(await readFile(file));
  return Object.values(zip.files).filter((entry) => !entry.dir && entry.name.endsWith('.pdf')).length;
}
