import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TEST_OUT_DIR } from './paths';

/** Debian's Firefox ESR; puppeteer-core never downloads a browser. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** One entry of `downloads.search()`, as far as the tests need it. */
export interface FirefoxDownload {
  filename: string;
  state: string;
  error?: string;
}

export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`, pinned at launch so tests know the popup's address. */
  origin: string;
  downloadsDir: string;
  openPopup(): Promise<Page>;
  /** Every download the browser knows, asked through an extension page (`downloads.search`). */
  listDownloads(page: Page): Promise<FirefoxDownload[]>;
  close(): Promise<void>;
}

/**
 * The network here is closed, so everything Firefox would fetch on its own is turned off (Puppeteer's defaults
 * already cover updates, safe browsing lists and the add-on blocklist). Remote settings honour the
 * `services.settings.server` pref Puppeteer sets only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment.
 */
const CLOSED_NETWORK_PREFS: Record<string, unknown> = {
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'security.OCSP.enabled': 0,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/** Saves every download into `dir` under the extension's own file name, without asking and without the PDF viewer. */
function makeDownloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.dir': dir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.manager.addToRecentDocs': false,
    'pdfjs.disabled': true,
  };
}

/**
 * Launches Debian's Firefox ESR over WebDriver BiDi with the Firefox test build installed as a temporary add-on.
 * The moz-extension UUID is random per install unless pinned with `extensions.webextensions.uuids`.
 */
export async function launchFirefoxExtension(): Promise<FirefoxExtension> {
  const extensionDir = path.join(TEST_OUT_DIR, 'firefox-mv3');
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const uuid = randomUUID();
  const downloadsDir = await mkdtemp(path.join(tmpdir(), 'aid-firefox-downloads-'));
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Without it Firefox refuses to let the remote agent navigate a tab to a moz-extension:// page.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      ...CLOSED_NETWORK_PREFS,
      ...makeDownloadPrefs(downloadsDir),
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    },
  });
  try {
    const installed = await firefox.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`installed add-on ${installed}, expected ${geckoId}`);
  } catch (error) {
    await firefox.close();
    await rm(downloadsDir, { recursive: true, force: true });
    throw error;
  }
  const origin = `moz-extension://${uuid}`;
  return {
    browser: firefox,
    origin,
    downloadsDir,
    async openPopup() {
      const page = await firefox.newPage();
      await navigateToExtensionPage(page, `${origin}/popup.html`);
      return page;
    },
    async listDownloads(page) {
      // Runs in the extension page, where `browser` is the WebExtension API.
      return page.evaluate(async () =>
        (await browser.downloads.search({})).map((item) => ({
          filename: item.filename,
          state: item.state,
          ...(item.error ? { error: item.error } : {}),
        })),
      );
    },
    async close() {
      await firefox.close();
      await rm(downloadsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Puppeteer never reports a navigation to a moz-extension:// page as finished over BiDi, so the tab's own
 * location and ready state are polled instead, then until the page has drawn itself (it waits for its language's
 * words first); then one storage round trip lets the popup restore its session (it reads storage on mount) before a
 * test types into it.
 */
async function navigateToExtensionPage(page: Page, url: string, timeout = 30_000): Promise<void> {
  page.goto(url, { timeout }).catch(() => undefined);
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page
      .evaluate(() => `${location.href} ${document.readyState} ${document.getElementById('app')?.firstChild ? 'drawn' : ''}`)
      .catch(() => '');
    if (state === `${url} complete drawn`) break;
    if (Date.now() > deadline) throw new Error(`${url} did not load in ${timeout} ms (last state: "${state}")`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.evaluate(async () => {
    await browser.storage.session.get(null);
    await browser.storage.local.get(null);
  });
}
