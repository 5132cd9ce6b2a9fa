import { GetInvoicePDFCommand, InvoicingClient, paginateListInvoiceSummaries } from '@aws-sdk/client-invoicing';
import type { FakeAccount } from '../test/fake-aws/server';

/**
 * The original tool's way, with the same SDK in Node: list the month (every page), then for one invoice at a time
 * call GetInvoicePDF and read its document. Returns the wall time in milliseconds and how many documents it read.
 */
export async function runBaseline(origin: string, account: FakeAccount, month: string): Promise<{ ms: number; documents: number }> {
  const client = new InvoicingClient({
    region: 'us-east-1',
    endpoint: origin,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
  });
  const [year, monthNumber] = month.split('-').map(Number);
  const started = performance.now();
  const invoiceIds: string[] = [];
  const pages = paginateListInvoiceSummaries(
    { client },
    {
      Selector: { ResourceType: 'ACCOUNT_ID', Value: account.accountId },
      Filter: { BillingPeriod: { Year: year, Month: monthNumber } },
      MaxResults: 100,
    },
  );
  for await (const page of pages) {
    for (const summary of page.InvoiceSummaries ?? []) if (summary.InvoiceId) invoiceIds.push(summary.InvoiceId);
  }
  let documents = 0;
  for (const invoiceId of invoiceIds) {
    const { InvoicePDF: pdf } = await client.send(new GetInvoicePDFCommand({ InvoiceId: invoiceId }));
    const response = await fetch(pdf?.DocumentUrl ?? '');
    if (!response.ok) throw new Error(`Document of ${invoiceId}: HTTP ${response.status}`);
    await response.arrayBuffer();
    documents += 1;
  }
  const ms = performance.now() - started;
  client.destroy();
  return { ms, documents };
}
