import {
  GetInvoicePDFCommand,
  paginateListInvoiceSummaries,
  type InvoiceSummariesFilter,
  type InvoiceCurrencyAmount,
  type InvoiceSummary,
} from '@aws-sdk/client-invoicing';
import { getMonthInterval, listMonths, toBillingPeriod } from '../billing-month';
import { runPool } from '../jobs/pool';
import type { CurrencyAmount, DocumentType, InvoiceDocument, InvoiceRow, InvoiceType } from '../types';
import type { AwsClients } from './clients';

/** Lists every invoice of one billing month (BillingPeriod) for the caller's account, following every page. */
export function listInvoices(clients: AwsClients, accountId: string, month: string, onPage?: (rows: InvoiceRow[]) => void): Promise<InvoiceRow[]> {
  return listByFilter(clients, accountId, { BillingPeriod: toBillingPeriod(month) }, month, onPage);
}

/** Fetches the presigned URLs of an invoice's PDF and of each supplemental document. */
export async function getInvoiceDocuments(clients: AwsClients, invoiceId: string): Promise<InvoiceDocument[]> {
  const { InvoicePDF: pdf } = await clients.invoicing.send(new GetInvoicePDFCommand({ InvoiceId: invoiceId }));
  const documents: InvoiceDocument[] = [];
  if (pdf?.DocumentUrl) {
    documents.push({
      invoiceId,
      documentType: 'INVOICE',
      url: pdf.DocumentUrl,
      expiresAt: toEpochMs(pdf.DocumentUrlExpirationDate),
    });
  }
  for (const supplement of pdf?.SupplementalDocuments ?? []) {
    if (!supplement.DocumentUrl) continue;
    documents.push({
      invoiceId,
      documentType: (supplement.DocumentType ?? 'SUPPLEMENT') as DocumentType,
      documentId: supplement.DocumentId ?? String(documents.length),
      url: supplement.DocumentUrl,
      expiresAt: toEpochMs(supplement.DocumentUrlExpirationDate),
    });
  }
  return documents;
}

function toInvoiceRow(summary: InvoiceSummary, accountId: string, month: string): InvoiceRow {
  const amount = summary.BaseCurrencyAmount ?? summary.PaymentCurrencyAmount;
  const period = summary.BillingPeriod;
  return {
    accountId: summary.AccountId ?? accountId,
    invoiceId: summary.InvoiceId ?? '',
    type: (summary.InvoiceType ?? 'INVOICE') as InvoiceType,
    issuedDate: toIsoDate(summary.IssuedDate),
    dueDate: toIsoDate(summary.DueDate),
    billingMonth: period?.Year && period.Month ? `${period.Year}-${String(period.Month).padStart(2, '0')}` : month,
    seller: summary.Entity?.InvoicingEntity ?? '',
    amount: amount?.TotalAmount ?? '',
    currency: amount?.CurrencyCode ?? '',
    ...(summary.OriginalInvoiceId ? { originalInvoiceId: summary.OriginalInvoiceId } : {}),
    ...(summary.PurchaseOrderNumber ? { purchaseOrderNumber: summary.PurchaseOrderNumber } : {}),
    amounts: {
      ...(summary.BaseCurrencyAmount ? { base: toCurrencyAmount(summary.BaseCurrencyAmount) } : {}),
      ...(summary.PaymentCurrencyAmount ? { payment: toCurrencyAmount(summary.PaymentCurrencyAmount) } : {}),
      ...(summary.TaxCurrencyAmount ? { tax: toCurrencyAmount(summary.TaxCurrencyAmount) } : {}),
    },
  };
}

function toCurrencyAmount(amount: InvoiceCurrencyAmount): CurrencyAmount {
  return {
    currency: amount.CurrencyCode ?? '',
    total: amount.TotalAmount ?? '',
    beforeTax: amount.TotalAmountBeforeTax ?? '',
    tax: amount.AmountBreakdown?.Taxes?.TotalAmount ?? '',
    ...(amount.CurrencyExchangeDetails?.Rate ? { exchangeRate: amount.CurrencyExchangeDetails.Rate } : {}),
  };
}

function toIsoDate(value: Date | undefined): string {
  return value && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : '';
}

function toEpochMs(value: Date | undefined): number {
  // Without an expiry, assume the short lifetime S3 presigned URLs commonly have, so the URL is refreshed early.
  return value && !Number.isNaN(value.getTime()) ? value.getTime() : Date.now() + 5 * 60_000;
}

/**
 * Lists every invoice issued within one calendar month (TimeInterval, end exclusive). AWS refuses intervals longer
 * than a month, so longer ranges take one call per month.
 */
export function listInvoicesIssuedIn(
  clients: AwsClients,
  accountId: string,
  month: string,
  onPage?: (rows: InvoiceRow[]) => void,
): Promise<InvoiceRow[]> {
  const { start, end } = getMonthInterval(month);
  return listByFilter(clients, accountId, { TimeInterval: { StartDate: start, EndDate: end } }, '', onPage);
}

/** Months listed at once: a year's range takes three round trips, and stays far from AWS's rate limits. */
const MONTHS_AT_ONCE = 4;

/**
 * Every invoice of a month or a range of months, by billing month (BillingPeriod) or by month issued (TimeInterval):
 * one listing per month, a few months at once, the rows in month order.
 * `onPage` sees each page's rows as it arrives, so work on them can start before the last page.
 */
export async function listInvoicesInRange(
  clients: AwsClients,
  accountId: string,
  filter: { by: 'billing-month' | 'issued-in'; month: string; toMonth?: string },
  onPage?: (rows: InvoiceRow[]) => void,
): Promise<InvoiceRow[]> {
  const list = filter.by === 'issued-in' ? listInvoicesIssuedIn : listInvoices;
  const months = listMonths(filter.month, filter.toMonth ?? filter.month);
  const byMonth: InvoiceRow[][] = [];
  await runPool(months.map((month, index) => ({ month, index })), MONTHS_AT_ONCE, async ({ month, index }) => {
    byMonth[index] = await list(clients, accountId, month, onPage);
  });
  return byMonth.flat();
}

async function listByFilter(
  clients: AwsClients,
  accountId: string,
  filter: InvoiceSummariesFilter,
  month: string,
  onPage?: (rows: InvoiceRow[]) => void,
): Promise<InvoiceRow[]> {
  const rows: InvoiceRow[] = [];
  const pages = paginateListInvoiceSummaries(
    { client: clients.invoicing, pageSize: 100 },
    { Selector: { ResourceType: 'ACCOUNT_ID', Value: accountId }, Filter: filter, MaxResults: 100 },
  );
  for await (const page of pages) {
    const pageRows = (page.InvoiceSummaries ?? []).map((summary) => toInvoiceRow(summary, accountId, month));
    onPage?.(pageRows);
    rows.push(...pageRows);
  }
  return rows;
}
