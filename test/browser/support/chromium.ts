import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { TEST_OUT_DIR } from './paths';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  downloadsDir: string;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Loads only the extension in `extensionDir`, with nothing of Chromium's own that would reach for the network. */
export function listChromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/**
 * Launches Debian's Chromium with the test build loaded and a real Downloads folder. Playwright's own download
 * handling ignores the extension's file names, so Chrome's download manager is left in charge instead.
 */
export async function launchExtension(
  options: { profileDir?: string; extraArgs?: string[]; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(tmpdir(), 'aid-profile-')));
  const downloadsDir = path.join(profileDir, '..', `${path.basename(profileDir)}-downloads`);
  await mkdir(path.join(profileDir, 'Default'), { recursive: true });
  await mkdir(downloadsDir, { recursive: true });
  // A restarted browser keeps its own Preferences; a new profile starts with a real Downloads folder.
  const preferences = path.join(profileDir, 'Default', 'Preferences');
  if (!existsSync(preferences)) await writeFile(
    preferences,
    JSON.stringify({ download: { default_directory: downloadsDir, prompt_for_download: false, directory_upgrade: true } }),
  );
  const extensionDir = options.extensionDir ?? path.join(TEST_OUT_DIR, 'chrome-mv3');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...listChromiumArgs(extensionDir), ...(options.extraArgs ?? [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = worker.url().split('/')[2] as string;
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  return {
    context,
    extensionId,
    profileDir,
    downloadsDir,
    async openPopup() {
      return openExtensionPage(context, `chrome-extension://${extensionId}/popup.html`);
    },
    async openOptions() {
      return openExtensionPage(context, `chrome-extension://${extensionId}/options.html`);
    },
    async serviceWorker() {
      // The newest one: a worker that was stopped stays in the list but can no longer evaluate.
      return context.serviceWorkers().findLast((w) => w.url().includes(extensionId)) ?? (await context.waitForEvent('serviceworker'));
    },
    async close() {
      await context.close();
      if (!options.profileDir) await rm(profileDir, { recursive: true, force: true });
      await rm(downloadsDir, { recursive: true, force: true });
    },
  };
}

/** Opens an extension page and waits until it has drawn itself: it first loads its language's words (async). */
async function openExtensionPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#app > *').first().waitFor();
  return page;
}
