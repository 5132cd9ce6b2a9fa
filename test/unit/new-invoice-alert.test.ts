import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadLocale } from '@/utils/i18n';
import { ALERT_ALARM, checkForNewInvoices, scheduleNewInvoiceCheck } from '@/utils/new-invoice-alert';
import { saveProfile } from '@/utils/profile-service';
import { DEFAULT_SETTINGS, localSettings } from '@/utils/storage';
import { startFakeAws, type FakeAws } from '../fake-aws/server';

const KEYS = { accessKeyId: 'AKIAALERTTEST0000001', secretAccessKey: 'alertTestSecretKey/alertTestSecretKey+01' };
let clock = new Date('2026-10-01T12:00:00Z');

describe('new-invoice alert (daily check, fake clock, fake AWS)', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({ now: () => clock, accounts: [{ ...KEYS, accountId: '123412341234', invoicesPerMonth: 3 }] });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await loadLocale();
  });

  it('announces last month once its bill is issued, once per month and profile', async () => {
    const endpoints = { invoicing: fake.origin, sts: fake.origin };
    const saved = await saveProfile({ name: 'Acme', ...KEYS, sessionToken: '', remember: false, roleArn: '', externalId: '', mfaSerial: '' });
    expect(saved.ok).toBe(true);

    // The 1st: September's bill is not issued until the 2nd.
    clock = new Date('2026-10-01T12:00:00Z');
    await expect(checkForNewInvoices(endpoints, clock)).resolves.toEqual({ month: '2026-09', found: [] });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    clock = new Date('2026-10-02T18:00:00Z');
    await expect(checkForNewInvoices(endpoints, clock)).resolves.toEqual({ month: '2026-09', found: ['Acme'] });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('new');
    expect(await fakeBrowser.notifications.getAll()).toMatchObject({
      'new-invoices:2026-09': { title: 'AWS invoices for September 2026 are ready', message: 'Acme: click to download them.' },
    });

    // Announced already: the next days stay quiet, until October's bill appears in November.
    clock = new Date('2026-10-03T18:00:00Z');
    await expect(checkForNewInvoices(endpoints, clock)).resolves.toEqual({ month: '2026-09', found: [] });
    clock = new Date('2026-11-02T18:00:00Z');
    await expect(checkForNewInvoices(endpoints, clock)).resolves.toEqual({ month: '2026-10', found: ['Acme'] });
  });

  it('announces in the language chosen in the options', async () => {
    const endpoints = { invoicing: fake.origin, sts: fake.origin };
    for (const name of ['Acme', 'Beta']) {
      await saveProfile({ name, ...KEYS, sessionToken: '', remember: false, roleArn: '', externalId: '', mfaSerial: '' });
    }
    await localSettings.setValue({ ...DEFAULT_SETTINGS, locale: 'ko' });
    clock = new Date('2026-10-02T18:00:00Z');
    await checkForNewInvoices(endpoints, clock);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('신규');
    expect(await fakeBrowser.notifications.getAll()).toMatchObject({
      'new-invoices:2026-09': { title: '2026년 9월 AWS 인보이스가 발행되었습니다', message: 'Acme 및 Beta: 클릭하면 다운로드합니다.' },
    });
  });

  it('skips profiles whose keys are not at hand, asking for nothing', async () => {
    const endpoints = { invoicing: fake.origin, sts: fake.origin };
    await saveProfile({ name: 'Vaulted', ...KEYS, sessionToken: '', remember: true, passphrase: 'a long passphrase', roleArn: '', externalId: '', mfaSerial: '' });
    await fakeBrowser.storage.session.clear(); // locked after a restart
    const before = fake.requests.length;
    clock = new Date('2026-10-05T18:00:00Z');
    await expect(checkForNewInvoices(endpoints, clock)).resolves.toEqual({ month: '2026-09', found: [] });
    expect(fake.requests.length).toBe(before);
  });

  it('keeps the daily alarm in step with the setting', async () => {
    await scheduleNewInvoiceCheck();
    expect(await fakeBrowser.alarms.get(ALERT_ALARM)).toBeUndefined();
    await localSettings.setValue({ autoLockMinutes: 15, newInvoiceAlerts: true });
    await scheduleNewInvoiceCheck();
    expect((await fakeBrowser.alarms.get(ALERT_ALARM))?.periodInMinutes).toBe(24 * 60);
    await localSettings.setValue({ autoLockMinutes: 15, newInvoiceAlerts: false });
    await scheduleNewInvoiceCheck();
    expect(await fakeBrowser.alarms.get(ALERT_ALARM)).toBeUndefined();
  });
});
