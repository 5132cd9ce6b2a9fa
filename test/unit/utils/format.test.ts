import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatAmount, formatDate, formatList, formatMonth } from '@/utils/format';
import { loadLocale } from '@/utils/i18n';
import { DEFAULT_SETTINGS, localSettings } from '@/utils/storage';

describe('months, dates, amounts and lists in the chosen language', () => {
  afterEach(async () => {
    fakeBrowser.reset();
    await loadLocale();
  });

  it('writes them as the browser\'s English does by default', async () => {
    await loadLocale();
    expect(formatMonth('2026-10')).toBe('October 2026');
    expect(formatMonth('2026-01')).toBe('January 2026');
    expect(formatDate('2026-11-02')).toBe('Nov 2, 2026');
    expect(formatAmount('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatList(['Acme', 'Beta', 'Gamma'])).toBe('Acme, Beta, and Gamma');
  });

  it('writes them as Korean does when Korean is chosen', async () => {
    await localSettings.setValue({ ...DEFAULT_SETTINGS, locale: 'ko' });
    await loadLocale();
    expect(formatMonth('2026-10')).toBe('2026년 10월');
    expect(formatDate('2026-11-02')).toBe('2026. 11. 2.');
    expect(formatAmount('1234567', 'KRW')).toBe('₩1,234,567');
    expect(formatAmount('1234.56', 'USD')).toBe('US$1,234.56');
    expect(formatList(['Acme', 'Beta', 'Gamma'])).toBe('Acme, Beta 및 Gamma');
  });

  it('keeps every digit of an amount: decimal strings never become floats', () => {
    // 2^53 + 1 and a sub-cent fraction: both are lost by a Number.
    expect(formatAmount('9007199254740993.01', 'USD')).toBe('$9,007,199,254,740,993.01');
    expect(formatAmount('0.123456789', 'USD')).toBe('$0.123456789');
    expect(formatAmount('-0.10', 'EUR')).toBe('-€0.10');
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatMonth('2026-13')).toBe('2026-13');
    expect(formatDate('')).toBe('');
    expect(formatDate('soon')).toBe('soon');
    expect(formatAmount('', 'USD')).toBe('—');
    expect(formatAmount('12.50', 'not a currency')).toBe('12.50 not a currency');
  });

  it('builds a table\'s formatters ahead, so that drawing the first table builds none', async () => {
    // A fresh module: the tests above already built this language's formatters.
    vi.resetModules();
    const format = await import('@/utils/format');
    await (await import('@/utils/i18n')).loadLocale();
    const built: string[] = [];
    const count = <T extends object>(kind: string, constructor: T): T =>
      new Proxy(constructor, { construct: (target, args) => (built.push(kind), Reflect.construct(target as never, args)) });
    const { DateTimeFormat, NumberFormat } = Intl;
    Intl.DateTimeFormat = count('date', DateTimeFormat);
    Intl.NumberFormat = count('number', NumberFormat);
    try {
      format.warmFormats();
      expect(built).toEqual(['date', 'date', 'number']);
      built.length = 0;
      expect(format.formatMonth('2026-10')).toBe('October 2026');
      expect(format.formatDate('2026-11-02')).toBe('Nov 2, 2026');
      expect(format.formatAmount('1234.5', 'USD')).toBe('$1,234.50');
      expect(built).toEqual([]);
    } finally {
      Intl.DateTimeFormat = DateTimeFormat;
      Intl.NumberFormat = NumberFormat;
    }
  });
});
