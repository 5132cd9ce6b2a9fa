import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchExtension } from './support/chromium';
import { addFakeAccount, getFakeOrigin, makeAccount } from './support/fake-aws-client';
import { readNetLogRequests } from './support/net-log';
import { OptionsPage } from './support/options-page';
import { PopupPage, chooseProfile } from './support/popup-page';

const MONTH = '2026-06';

describe('network traffic (Chromium, fake AWS)', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it('sends every request of a full session (profile, vault, list, PDFs, ZIP, doctor) to the AWS origin only', async () => {
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 5 } });
    await addFakeAccount(account);
    const logDir = await mkdtemp(path.join(tmpdir(), 'aid-netlog-'));
    cleanup.push(logDir);
    const netLog = path.join(logDir, 'net-log.json');
    const browser = await launchExtension({ extraArgs: [`--log-net-log=${netLog}`, '--net-log-capture-mode=Default'] });
    const extensionId = browser.extensionId;
    try {
      const options = new OptionsPage(await browser.openOptions());
      await options.addProfile({ name: 'Vaulted', ...account, passphrase: 'correct horse battery staple' });
      const popup = new PopupPage(await browser.openPopup());
      await chooseProfile(popup, 'Vaulted');
      await popup.chooseMonth(MONTH);
      await popup.page.getByRole('button', { name: 'List invoices' }).click();
      await expect.poll(() => popup.invoiceRows().count(), { timeout: 30_000 }).toBe(5);
      await popup.page.getByRole('button', { name: 'Download PDFs' }).click();
      await popup.waitForJobEnd(/Saved all/);
      await popup.page.getByRole('button', { name: 'Download ZIP' }).click();
      await popup.waitForJobEnd(/ZIP saved/);
      await popup.page.getByRole('button', { name: 'Check permissions' }).click();
      await popup.page.getByRole('region', { name: 'Permission check' }).waitFor({ timeout: 30_000 });
    } finally {
      await browser.close();
    }
    const requests = await readNetLogRequests(netLog);
    const network = requests.filter((request) => /^(https?|wss?):/.test(request.url));
    // Chromium's own housekeeping (update checks, account probes) is logged as initiated by "not an origin";
    // everything the extension does carries its origin as the initiator.
    const browserOwn = network.filter((request) => request.initiator === 'not an origin');
    const extension = network.filter((request) => request.initiator !== 'not an origin');
    expect(extension.every((request) => request.initiator === `chrome-extension://${extensionId}`)).toBe(true);
    for (const request of browserOwn) expect(new URL(request.url).hostname).toMatch(/(^|\.)(google\.com|googleapis\.com)$/);
    const origins = new Set(extension.map((request) => new URL(request.url).origin));
    // The log must have seen the traffic, or an empty log would pass.
    expect(extension.filter((request) => request.method === 'POST').length).toBeGreaterThan(5);
    expect(extension.some((request) => request.url.includes('/__documents/'))).toBe(true);
    expect([...origins]).toEqual([getFakeOrigin()]);
  });
});
