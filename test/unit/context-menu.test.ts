import { InvoicingClient } from '@aws-sdk/client-invoicing';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replaceMenus } from '@/utils/browser/context-menus';
import { buildMenuItems, registerContextMenu } from '@/utils/context-menu';
import { loadLocale } from '@/utils/i18n';
import { createJobService, type JobService } from '@/utils/job-service';
import type { DocumentSink } from '@/utils/jobs/run-job';
import { saveProfile } from '@/utils/profile-service';
import { DEFAULT_SETTINGS, localSettings, sessionCredentials, sessionJob, sessionPendingRequest } from '@/utils/storage';
import { unlockVault } from '@/utils/vault-service';

let clickMenu: (id: string) => void = () => undefined;
vi.mock('@/utils/browser/context-menus', () => ({
  replaceMenus: vi.fn(async () => undefined),
  onMenuClicked: vi.fn((handler: (id: string) => void) => (clickMenu = handler)),
}));

const KEYS = { accessKeyId: 'AKIAMENUTEST00000001', secretAccessKey: 'menuTestSecretKey/menuTestSecretKey+0001' };
const noSink: DocumentSink = { reconcile: async () => {}, save: async () => {}, finish: async () => {}, dispose: async () => {} };

describe('right-click "Download this month\'s invoices" and "last month\'s bill"', () => {
  let listCalls: Record<string, unknown>[];
  let jobs: JobService;
  let openPopup: Mock<() => Promise<void>>;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    listCalls = [];
    vi.spyOn(InvoicingClient.prototype, 'send').mockImplementation((async (command: { input: Record<string, unknown> }) => {
      listCalls.push(command.input);
      return { InvoiceSummaries: [] };
    }) as never);
    vi.spyOn(STSClient.prototype, 'send').mockImplementation((async () => ({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/finance',
      UserId: 'AIDAEXAMPLE',
    })) as never);
    jobs = createJobService({ endpoints: {}, createSink: async () => noSink, announce: async () => {} });
    openPopup = vi.fn(async () => undefined);
  });
  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    fakeBrowser.reset();
    await loadLocale();
  });

  async function click(id: string, at: string): Promise<Record<string, unknown>[]> {
    vi.setSystemTime(new Date(at));
    listCalls.length = 0;
    clickMenu(id);
    await vi.waitFor(async () => expect((await sessionJob.getValue())?.phase).toBe('done'));
    await jobs.settle();
    await sessionJob.removeValue();
    return listCalls.map((input) => input.Filter as Record<string, unknown>);
  }

  it.each([
    ['the last second of a leap February', '2024-02-29T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', { Month: 1, Year: 2024 }],
    ['the first moment of March in a leap year', '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z', { Month: 2, Year: 2024 }],
    ['a February that is not a leap one', '2025-02-28T12:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', { Month: 1, Year: 2025 }],
    ["New Year's Eve", '2025-12-31T23:59:59.999Z', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', { Month: 11, Year: 2025 }],
    ["New Year's Day", '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', { Month: 12, Year: 2025 }],
    ['the end of a 30-day month', '2026-04-30T23:59:59.000Z', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', { Month: 3, Year: 2026 }],
  ])('sends the exact filters on %s', async (_name, now, start, end, billingPeriod) => {
    await sessionCredentials.setValue(KEYS);
    registerContextMenu({ jobs, endpoints: {}, openPopup });
    const [thisMonth] = await click('this-month:default', now);
    expect(thisMonth).toEqual({ TimeInterval: { StartDate: new Date(start), EndDate: new Date(end) } });
    const [lastMonth] = await click('last-month:default', now);
    expect(lastMonth).toEqual({ BillingPeriod: billingPeriod });
  });

  it('offers a sub-menu per profile and "All profiles" once there are several, and runs all of them', async () => {
    const acme = await saveProfile({ name: 'Acme', ...KEYS, sessionToken: '', remember: false, roleArn: '', externalId: '', mfaSerial: '' });
    const beta = await saveProfile({ name: 'Beta', ...KEYS, sessionToken: '', remember: false, roleArn: '', externalId: '', mfaSerial: '' });
    if (!acme.ok || !beta.ok) throw new Error('profiles not saved');
    const items = buildMenuItems([acme.profile, beta.profile]);
    expect(items.filter((item) => item.parentId === 'this-month').map((item) => item.title)).toEqual(['Acme', 'Beta', 'All profiles']);
    expect(items.every((item) => item.contexts.includes('action'))).toBe(true);
    expect(buildMenuItems([acme.profile]).map((item) => item.id)).toEqual(['this-month:default', 'last-month:default']);

    registerContextMenu({ jobs, endpoints: {}, openPopup });
    const filters = await click('last-month:all', '2026-11-26T10:00:00.000Z');
    expect(filters).toEqual([{ BillingPeriod: { Month: 10, Year: 2026 } }, { BillingPeriod: { Month: 10, Year: 2026 } }]);
  });

  it('opens the popup when the vault is locked, and starts the download once it is unlocked', async () => {
    const saved = await saveProfile({
      name: 'Vaulted',
      ...KEYS,
      sessionToken: '',
      remember: true,
      passphrase: 'a long vault passphrase',
      roleArn: '',
      externalId: '',
      mfaSerial: '',
    });
    if (!saved.ok) throw new Error(saved.error.code);
    await fakeBrowser.storage.session.clear(); // a browser restart: the vault is locked
    const menu = registerContextMenu({ jobs, endpoints: {}, openPopup });
    vi.setSystemTime(new Date('2026-11-26T10:00:00.000Z'));
    clickMenu('this-month:default');
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalled());
    expect(await sessionPendingRequest.getValue()).toEqual({
      kind: 'this-month',
      target: 'default',
      profileId: saved.profile.id,
      reason: 'vault-locked',
    });
    expect(listCalls).toEqual([]);

    await unlockVault('a long vault passphrase');
    await menu.runPending();
    await vi.waitFor(async () => expect((await sessionJob.getValue())?.phase).toBe('done'));
    expect(listCalls.map((input) => input.Filter)).toEqual([
      { TimeInterval: { StartDate: new Date('2026-11-01T00:00:00.000Z'), EndDate: new Date('2026-12-01T00:00:00.000Z') } },
    ]);
    expect(await sessionPendingRequest.getValue()).toBeNull();
  });

  it('titles its items in the language chosen in the options, once rebuilt', async () => {
    const menu = registerContextMenu({ jobs, endpoints: {}, openPopup });
    const titles = () => vi.mocked(replaceMenus).mock.lastCall?.[0].map((item) => item.title);
    await menu.rebuild();
    expect(titles()).toEqual(["Download this month's invoices", "Download last month's bill"]);
    await localSettings.setValue({ ...DEFAULT_SETTINGS, locale: 'ko' });
    await menu.rebuild();
    expect(titles()).toEqual(['이번 달 발행 인보이스 다운로드', '지난달 청구분 인보이스 다운로드']);
  });
});
