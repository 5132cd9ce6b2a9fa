/** Exact arithmetic on AWS's decimal-string amounts; binary floats would turn 0.1 + 0.2 into 0.30000000000000004. */

// Optional sign, then digits with at most one point; "1e3", "1,000" and "" are rejected.
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Adds two decimal strings exactly, keeping the larger number of fraction digits ("0.10" + "0.2" = "0.30"). */
export function addDecimals(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.fraction.length, y.fraction.length);
  return formatScaled(toScaled(x, scale) + toScaled(y, scale), scale);
}

/** One currency's total over a set of rows. */
export interface CurrencyTotal {
  currency: string;
  total: string;
  count: number;
}

/** Totals amounts per currency (never across currencies), sorted by currency code; rows without an amount are skipped. */
export function sumByCurrency(rows: { amount: string; currency: string }[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const { amount, currency } of rows) {
    if (amount.trim() === '') continue;
    const entry = totals.get(currency);
    if (entry) {
      entry.total = addDecimals(entry.total, amount);
      entry.count += 1;
    } else {
      // Adding "0" validates the amount and normalises it ("+5" → "5") like every later sum.
      totals.set(currency, { currency, total: addDecimals('0', amount), count: 1 });
    }
  }
  return [...totals.values()].sort((p, q) => (p.currency < q.currency ? -1 : p.currency > q.currency ? 1 : 0));
}

interface ParsedDecimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parseDecimal(text: string): ParsedDecimal {
  const match = DECIMAL_PATTERN.exec(text);
  const integer = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || integer + fraction === '') throw new RangeError(`Not a decimal amount: ${JSON.stringify(text)}`);
  return { negative: match[1] === '-', integer, fraction };
}

function toScaled({ negative, integer, fraction }: ParsedDecimal, scale: number): bigint {
  const magnitude = BigInt(`${integer}${fraction.padEnd(scale, '0')}`);
  return negative ? -magnitude : magnitude;
}

function formatScaled(value: bigint, scale: number): string {
  // BigInt has no negative zero, so "-0.00" + "0" comes out as "0.00".
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
