import { describe, expect, it } from 'vitest';
import { addDecimals, sumByCurrency } from '@/utils/decimal';

describe('addDecimals', () => {
  it('adds 0.1 and 0.2 exactly', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
  });

  it('keeps the larger number of fraction digits', () => {
    expect(addDecimals('0.10', '0.2')).toBe('0.30');
    expect(addDecimals('5', '0.125')).toBe('5.125');
    expect(addDecimals('1.5', '1.5')).toBe('3.0');
  });

  it('handles signs, credit memos and results below zero', () => {
    expect(addDecimals('100.00', '-12.50')).toBe('87.50');
    expect(addDecimals('-12.50', '-0.5')).toBe('-13.00');
    expect(addDecimals('1.00', '-3.25')).toBe('-2.25');
    expect(addDecimals('-0.05', '0.01')).toBe('-0.04');
    expect(addDecimals('+7', '+0.5')).toBe('7.5');
  });

  it('never produces negative zero', () => {
    expect(addDecimals('-12.50', '12.5')).toBe('0.00');
    expect(addDecimals('-0', '0')).toBe('0');
    expect(addDecimals('-0.0', '-0')).toBe('0.0');
  });

  it('accepts ".5" and "5." forms', () => {
    expect(addDecimals('.5', '.25')).toBe('0.75');
    expect(addDecimals('5.', '1')).toBe('6');
  });

  it('stays exact beyond the float range', () => {
    expect(addDecimals('9007199254740993.01', '0.01')).toBe('9007199254740993.02');
  });

  it.each(['1e3', '', '.', '-', '+', '1,000', ' 1', '1.2.3', 'NaN', 'Infinity', '0x10', '--1'])(
    'rejects %j with a RangeError',
    (bad) => {
      expect(() => addDecimals(bad, '1')).toThrow(RangeError);
      expect(() => addDecimals('1', bad)).toThrow(RangeError);
    },
  );
});

describe('sumByCurrency', () => {
  it('sums 1000 cents to exactly 10.00', () => {
    const rows = Array.from({ length: 1000 }, () => ({ amount: '0.01', currency: 'USD' }));
    expect(sumByCurrency(rows)).toEqual([{ currency: 'USD', total: '10.00', count: 1000 }]);
  });

  it('keeps currencies apart, sorted by code, with KRW in whole won', () => {
    const rows = [
      { amount: '15000', currency: 'KRW' },
      { amount: '12.34', currency: 'USD' },
      { amount: '2300', currency: 'KRW' },
      { amount: '5.00', currency: 'EUR' },
      { amount: '-2.34', currency: 'USD' },
    ];
    expect(sumByCurrency(rows)).toEqual([
      { currency: 'EUR', total: '5.00', count: 1 },
      { currency: 'KRW', total: '17300', count: 2 },
      { currency: 'USD', total: '10.00', count: 2 },
    ]);
  });

  it('nets credit memos against invoices', () => {
    const rows = [
      { amount: '120.00', currency: 'USD' },
      { amount: '-120.00', currency: 'USD' },
    ];
    expect(sumByCurrency(rows)).toEqual([{ currency: 'USD', total: '0.00', count: 2 }]);
  });

  it('skips rows without an amount and does not count them', () => {
    const rows = [
      { amount: '', currency: 'USD' },
      { amount: '1.50', currency: 'USD' },
      { amount: ' ', currency: 'JPY' },
    ];
    expect(sumByCurrency(rows)).toEqual([{ currency: 'USD', total: '1.50', count: 1 }]);
  });

  it('normalises a lone amount like any sum', () => {
    expect(sumByCurrency([{ amount: '+.5', currency: 'USD' }])).toEqual([{ currency: 'USD', total: '0.5', count: 1 }]);
  });

  it('throws on an amount that is not a decimal', () => {
    expect(() => sumByCurrency([{ amount: '1e3', currency: 'USD' }])).toThrow(RangeError);
  });

  it('returns nothing for no rows', () => {
    expect(sumByCurrency([])).toEqual([]);
  });
});
