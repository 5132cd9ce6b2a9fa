import { describe, expect, it } from 'vitest';
import {
  FIRST_BILLING_MONTH,
  getCurrentMonth,
  getExpectedIssueDate,
  getMonthInterval,
  getPreviousMonth,
  parseBillingMonth,
  shiftMonth,
  toBillingPeriod,
} from '@/utils/billing-month';

describe('getCurrentMonth / getPreviousMonth', () => {
  it('uses the UTC month, not the local one', () => {
    // 23:30 UTC on 31 May is already June in Seoul; AWS bills in UTC.
    const now = new Date('2024-05-31T23:30:00Z');
    expect(getCurrentMonth(now)).toBe('2024-05');
    expect(getPreviousMonth(now)).toBe('2024-04');
  });

  it('defaults to December of last year in January', () => {
    expect(getPreviousMonth(new Date('2025-01-02T08:00:00Z'))).toBe('2024-12');
  });
});

describe('shiftMonth', () => {
  it('moves across year boundaries in both directions', () => {
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(shiftMonth('2024-01', -1)).toBe('2023-12');
    expect(shiftMonth('2024-03', -27)).toBe('2021-12');
    expect(shiftMonth('2024-03', 24)).toBe('2026-03');
    expect(shiftMonth('2024-03', 0)).toBe('2024-03');
  });

  it('rejects a malformed month or a fractional delta', () => {
    expect(() => shiftMonth('2024-13', 1)).toThrow(RangeError);
    expect(() => shiftMonth('2024-01', 0.5)).toThrow(RangeError);
  });
});

describe('parseBillingMonth', () => {
  it('accepts YYYY-MM and trims what Firefox’s text-field month input lets through', () => {
    expect(parseBillingMonth('2024-07')).toEqual({ year: 2024, month: 7 });
    expect(parseBillingMonth('  2024-12\n')).toEqual({ year: 2024, month: 12 });
  });

  it.each(['2024-00', '2024-13', '2024-7', '24-07', '2024/07', '2024-07-01', '', 'July 2024', '２０２４-07'])(
    'rejects %j',
    (text) => {
      expect(parseBillingMonth(text)).toBeNull();
    },
  );
});

describe('getExpectedIssueDate', () => {
  it('is the 2nd of the following month', () => {
    expect(getExpectedIssueDate('2024-05')).toBe('2024-06-02');
    expect(getExpectedIssueDate('2024-12')).toBe('2025-01-02');
  });
});

describe('getMonthInterval', () => {
  it('spans the 1st 00:00 UTC to the 1st of the next month, exclusive', () => {
    const { start, end } = getMonthInterval('2024-02');
    expect(start.toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(end.toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('rolls December into January of the next year', () => {
    const { start, end } = getMonthInterval('2024-12');
    expect(start.toISOString()).toBe('2024-12-01T00:00:00.000Z');
    expect(end.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('toBillingPeriod', () => {
  it('gives the numeric shape ListInvoiceSummaries takes', () => {
    expect(toBillingPeriod('2024-09')).toEqual({ Month: 9, Year: 2024 });
    expect(() => toBillingPeriod('2024-9')).toThrow(RangeError);
  });

  it('starts billing history in January 2005', () => {
    expect(FIRST_BILLING_MONTH).toBe('2005-01');
    expect(toBillingPeriod(FIRST_BILLING_MONTH)).toEqual({ Month: 1, Year: 2005 });
  });
});
