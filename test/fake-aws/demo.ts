/**
 * `npm start`: the whole extension against the bundled fake AWS, for people without AWS keys (or who do not want
 * to use real ones while trying it). Starts the fake, builds the extension pointed at it, opens Chromium with it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_ACCOUNT, NO_PDF_ACCOUNT, startFakeAws } from './server';

const PORT = Number(process.env.DEMO_PORT ?? 4566);
const OUT_DIR = path.resolve('.output-demo');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(existsSync);

async function runDemo(): Promise<void> {
  const fake = await startFakeAws({ port: PORT, accounts: [DEMO_ACCOUNT, NO_PDF_ACCOUNT] });
  execFileSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, WXT_INVOICING_ENDPOINT: fake.origin, WXT_STS_ENDPOINT: fake.origin, WXT_OUT_DIR: OUT_DIR },
  });
  const extensionDir = path.join(OUT_DIR, 'chrome-mv3');
  console.log(`\nFake AWS on ${fake.origin}. Try these keys in the popup (any month since 2005-01 has invoices):`);
  console.log(`  Access key ID ${DEMO_ACCOUNT.accessKeyId}   Secret ${DEMO_ACCOUNT.secretAccessKey}`);
  console.log(`  Without GetInvoicePDF permission: ${NO_PDF_ACCOUNT.accessKeyId} / ${NO_PDF_ACCOUNT.secretAccessKey}`);
  const role = DEMO_ACCOUNT.roles?.[0];
  if (role && DEMO_ACCOUNT.mfa) {
    console.log(`  A profile with role ${role.roleArn}, external ID ${role.externalId ?? '(none)'},`);
    console.log(`  MFA device ${DEMO_ACCOUNT.mfa.serialNumber} and code ${DEMO_ACCOUNT.mfa.code} lists the role's account.`);
  }
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!CHROMIUM || !process.env.DISPLAY) {
    console.log(`\nNo Chromium window can be opened here. Load ${extensionDir} in chrome://extensions`);
    console.log('(Developer mode, "Load unpacked"), then click the toolbar icon. Ctrl+C stops the fake AWS.');
    return;
  }
  const context = await chromium.launchPersistentContext(await mkdtemp(path.join(tmpdir(), 'aid-demo-')), {
    executablePath: CHROMIUM,
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${worker.url().split('/')[2]}/popup.html`);
  console.log('\nChromium is open with the extension (also on the toolbar). Close it or press Ctrl+C to stop.');
  context.on('close', stop);
}

runDemo().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
