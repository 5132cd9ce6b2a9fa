/**
 * Deterministic invoices and PDFs for the fake AWS. Tests import these to know what the server will answer,
 * so every value here is a pure function of the account, the month and (for visibility) `now`.
 */
import { createHash } from 'node:crypto';

/** One set of keys the fake AWS accepts, and how that account's invoices and failures look. */
export interface FakeAccount {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it as `x-amz-security-token` (temporary `ASIA…` keys). */
  sessionToken?: string;
  accountId: string;
  /** IAM user name in ARNs; with a session token it is the assumed role's name. Default `fake-user`. */
  userName?: string;
  /** Per billing month. A record lists the only months that have invoices. Default 4 for every month. */
  invoicesPerMonth?: number | Record<string, number>;
  /** Supplemental documents per invoice. Default: every 3rd invoice has one `TAX_E_INVOICE`. */
  supplementalDocuments?: number;
  /** IAM actions to refuse, e.g. `['invoicing:GetInvoicePDF']`. */
  deny?: string[];
  latencyMs?: number;
  throttle?: { ratePerSecond: number; burst: number };
  /** 0..1: share of GetInvoicePDF calls and document downloads answered 500, in a fixed pseudo-random sequence. */
  failureRate?: number;
  /** Lifetime of document URLs. Default 600. */
  urlTtlSeconds?: number;
  tokenExpired?: boolean;
  /** Invoice IDs whose documents always answer 500, until the account is replaced without them. */
  brokenInvoices?: string[];
  /** At most this many invoices per ListInvoiceSummaries page, whatever MaxResults asks for. */
  maxPageSize?: number;
}

export type FakeInvoiceType = 'INVOICE' | 'CREDIT_MEMO' | 'PAYMENT_RECEIPT';

export interface FakeInvoice {
  accountId: string;
  invoiceId: string;
  invoiceType: FakeInvoiceType;
  /** `YYYY-MM` */
  billingMonth: string;
  issuedDate: Date;
  dueDate: Date;
  invoicingEntity: string;
  billingEntity: 'AWS' | 'AWS_MARKETPLACE';
  billType: 'ANNIVERSARY' | 'PURCHASE' | 'REFUND';
  originalInvoiceId?: string;
  purchaseOrderNumber?: string;
  currencyCode: 'USD' | 'KRW';
  /** Decimal strings as AWS sends them: `1234.56`, `-12.30`, KRW without decimals. */
  totalAmount: string;
  totalAmountBeforeTax: string;
  taxAmount: string;
  supplementalDocuments: { documentType: 'TAX_E_INVOICE'; documentId: string }[];
}

const AWS_INC = 'Amazon Web Services, Inc.';
const AWS_KOREA = 'Amazon Web Services Korea LLC';
const DAY_MS = 86_400_000;

/** A seeded generator (mulberry32) so the same inputs always give the same invoices and bytes. */
export function createRandom(seedText: string): () => number {
  let seed = createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Months since 2005-01 (when AWS billing starts). Invoice IDs start with it, so an ID alone finds its month. */
export function toMonthIndex(month: string): number {
  const [year, mon] = month.split('-').map(Number);
  return ((year ?? 0) - 2005) * 12 + (mon ?? 1) - 1;
}

/** Inverse of `toMonthIndex`: `YYYY-MM`. */
export function fromMonthIndex(index: number): string {
  return `${2005 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Parses `YYYY-MM`; undefined for anything else. */
export function parseMonth(month: string): { year: number; month: number } | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const parsed = match && { year: Number(match[1]), month: Number(match[2]) };
  return parsed && parsed.month >= 1 && parsed.month <= 12 ? parsed : undefined;
}

/** Billing month of an invoice ID made by `generateInvoices`, or undefined for a foreign ID. */
export function findInvoiceMonth(invoiceId: string): string | undefined {
  return /^\d{10}$/.test(invoiceId) ? fromMonthIndex(Number(invoiceId.slice(0, 3))) : undefined;
}

/** How many invoices the account's knob gives the month, before hiding those not issued yet. */
export function countInvoices(account: FakeAccount, month: string): number {
  const setting = account.invoicesPerMonth ?? 4;
  return typeof setting === 'number' ? setting : (setting[month] ?? 0);
}

/** Integer minor units to AWS's decimal string, without ever going through a binary float. */
function formatAmount(minor: number, currency: 'USD' | 'KRW'): string {
  if (currency === 'KRW') return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The invoices of one billing month that have been issued by `now`. The slot order gives variety as soon as the
 * count allows it: two AWS invoices, a Korean one in KRW, a Marketplace one, a credit memo, a payment receipt,
 * then more AWS invoices.
 */
export function generateInvoices(account: FakeAccount, month: string, now: Date = new Date()): FakeInvoice[] {
  const period = parseMonth(month);
  const count = countInvoices(account, month);
  if (!period || count <= 0) return [];
  const random = createRandom(`${account.accountId}/${month}`);
  const prefix = String(toMonthIndex(month)).padStart(3, '0');
  const usedIds = new Set<string>();
  const nextId = (): string => {
    for (;;) {
      const id = prefix + String(Math.floor(random() * 1e7)).padStart(7, '0');
      if (usedIds.has(id)) continue;
      usedIds.add(id);
      return id;
    }
  };
  // All of a month's invoices are issued on day 2 of the next month, so a month is complete once that day has passed.
  const issuedBase = Date.UTC(period.year, period.month, 2, 8);
  const invoices: FakeInvoice[] = [];
  for (let slot = 0; slot < count; slot++) {
    const invoiceId = nextId();
    const issuedDate = new Date(issuedBase + slot * 7 * 60_000);
    const currencyCode = slot === 2 ? 'KRW' : 'USD';
    const beforeTax =
      currencyCode === 'KRW' ? Math.round(10_000 + random() * 490_000) : Math.round(500 + random() * 499_500);
    let invoice: FakeInvoice = {
      accountId: account.accountId,
      invoiceId,
      invoiceType: 'INVOICE',
      billingMonth: month,
      issuedDate,
      dueDate: new Date(issuedDate.getTime() + 30 * DAY_MS),
      invoicingEntity: slot === 2 ? AWS_KOREA : AWS_INC,
      billingEntity: slot === 3 ? 'AWS_MARKETPLACE' : 'AWS',
      billType: slot === 3 || (slot >= 6 && random() < 0.3) ? 'PURCHASE' : 'ANNIVERSARY',
      currencyCode,
      ...amountsFor(beforeTax, currencyCode),
      supplementalDocuments: [],
    };
    if (slot === 4) {
      const original = invoices[0]!;
      const refund = -Math.round(100 + random() * 4_900);
      invoice = {
        ...invoice,
        invoiceType: 'CREDIT_MEMO',
        billType: 'REFUND',
        originalInvoiceId: original.invoiceId,
        ...amountsFor(refund, 'USD'),
      };
    } else if (slot === 5) {
      invoice = { ...invoice, invoiceType: 'PAYMENT_RECEIPT', billType: 'PURCHASE', dueDate: issuedDate };
    }
    if (random() < 0.2) invoice.purchaseOrderNumber = `PO-${month.replace('-', '')}-${String(slot + 1).padStart(3, '0')}`;
    const documents = account.supplementalDocuments ?? (slot % 3 === 2 ? 1 : 0);
    for (let d = 0; d < documents; d++) {
      invoice.supplementalDocuments.push({ documentType: 'TAX_E_INVOICE', documentId: `${invoiceId}-TAX-${d + 1}` });
    }
    invoices.push(invoice);
  }
  return invoices.filter((invoice) => invoice.issuedDate.getTime() <= now.getTime());
}

/** 10% tax, rounded per invoice as AWS does, all in integer minor units. */
function amountsFor(beforeTax: number, currency: 'USD' | 'KRW') {
  const tax = Math.round(beforeTax / 10);
  return {
    totalAmountBeforeTax: formatAmount(beforeTax, currency),
    taxAmount: formatAmount(tax, currency),
    totalAmount: formatAmount(beforeTax + tax, currency),
  };
}

/**
 * A small valid PDF (one page, Helvetica) naming the invoice, with seeded line items as filler so that every
 * document's bytes differ and sizes vary between about 3 and 8 KB.
 */
export function generateDocumentBytes(accountId: string, invoiceId: string, documentId?: string): Uint8Array {
  const random = createRandom(`pdf/${accountId}/${invoiceId}/${documentId ?? ''}`);
  const lines = [
    documentId ? 'AWS Tax e-Invoice' : 'AWS Invoice',
    `Invoice ID: ${invoiceId}`,
    `Account: ${accountId}`,
    ...(documentId ? [`Document ID: ${documentId}`] : []),
  ];
  const items = 40 + Math.floor(random() * 60);
  for (let i = 1; i <= items; i++) {
    const code = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    lines.push(`Line ${String(i).padStart(3, '0')}  usage ${code}  ${(random() * 1000).toFixed(2)} USD`);
  }
  const text = lines
    .map((line, i) => `BT /F1 ${i === 0 ? 16 : 6} Tf 40 ${i === 0 ? 800 : 790 - i * 7} Td (${escapePdf(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}
