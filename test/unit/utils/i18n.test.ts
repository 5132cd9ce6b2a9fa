import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fillMessage, getLocale, loadLocale, t, watchLocale } from '@/utils/i18n';
import { DEFAULT_SETTINGS, localSettings } from '@/utils/storage';
import { describeJobTitle } from '@/utils/format';
import { describeEmptyMonth, describeUserError } from '@/utils/user-messages';

async function chooseLocale(locale: 'en' | 'ko' | undefined): Promise<void> {
  await localSettings.setValue({ ...DEFAULT_SETTINGS, ...(locale ? { locale } : {}) });
  await loadLocale();
}

describe('the extension\'s language (browser English by default, Korean when chosen)', () => {
  afterEach(async () => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
    await loadLocale();
  });

  it('speaks the browser\'s language when nothing is chosen', async () => {
    await loadLocale();
    expect(t('listInvoices')).toBe('List invoices');
    expect(t('jobDownloading', '3', '12')).toBe('Downloading 3 of 12 documents…');
    expect(describeUserError({ code: 'access-denied', action: 'invoicing:GetInvoicePDF' })).toContain(
      'not allowed to call invoicing:GetInvoicePDF',
    );
    expect(getLocale()).toBe('en-US');
  });

  it('switches words, months and dates to Korean when Korean is chosen', async () => {
    await chooseLocale('ko');
    expect(getLocale()).toBe('ko');
    expect(t('listInvoices')).toBe('인보이스 조회');
    expect(t('accessKeyId')).toBe('액세스 키 ID');
    expect(t('secretAccessKey')).toBe('보안 액세스 키');
    expect(t('jobDownloading', '3', '12')).toBe('문서 12개 중 3개 다운로드 중…');
    expect(describeJobTitle({ by: 'billing-month', month: '2026-09' })).toBe('2026년 9월 청구분');
    expect(describeEmptyMonth('2026-10', new Date('2026-10-20T00:00:00Z'))).toBe(
      '2026년 10월 인보이스가 아직 없습니다. AWS는 한 달 치 인보이스를 다음 달 초에 발행하므로 2026. 11. 2. 무렵 발행될 예정입니다.',
    );

    await chooseLocale(undefined);
    expect(t('listInvoices')).toBe('List invoices');
    expect(describeJobTitle({ by: 'issued-in', month: '2026-07', toMonth: '2026-09' })).toBe(
      'invoices issued from July 2026 to September 2026',
    );
  });

  it('uses the browser\'s own table, fetching nothing, when the choice is the browser\'s language', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    await chooseLocale('en');
    expect(fetch).not.toHaveBeenCalled();
    expect(t('listInvoices')).toBe('List invoices');
    // The browser's region still shapes dates when its language is the one shown.
    expect(getLocale()).toBe('en-US');
  });

  it('keeps to the browser\'s language when the chosen table cannot be read', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await chooseLocale('ko');
    expect(t('listInvoices')).toBe('List invoices');
    expect(getLocale()).toBe('en-US');
  });

  it('tells a page when the language setting changes, and only then', async () => {
    const changed = vi.fn();
    const stop = watchLocale(changed);
    await localSettings.setValue({ ...DEFAULT_SETTINGS, autoLockMinutes: 30 });
    await localSettings.setValue({ ...DEFAULT_SETTINGS, autoLockMinutes: 30, locale: 'ko' });
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    stop();
  });

  it('fills messages by the rules of messages.json', () => {
    expect(fillMessage('$1 of $2', ['3', '12'])).toBe('3 of 12');
    expect(fillMessage('Costs $$5, $$$$ and $1', ['x'])).toBe('Costs $5, $$$ and x');
    // A substitution is inserted as it is, never read again for placeholders.
    expect(fillMessage('Hello $1', ['$2 $$'])).toBe('Hello $2 $$');
    expect(fillMessage('Missing $2', ['only one'])).toBe('Missing ');
  });
});
