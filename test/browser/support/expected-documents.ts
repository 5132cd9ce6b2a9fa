import { generateDocumentBytes, generateInvoices, type FakeAccount } from '../../fake-aws/data';

/** Every document the fake AWS holds for an account's month: file name (default naming) and exact bytes. */
export function listExpectedDocuments(account: FakeAccount, month: string) {
  const invoices = generateInvoices(account, month);
  const documents = invoices.flatMap((invoice) => [
    { file: `${invoice.invoiceId}.pdf`, bytes: generateDocumentBytes(account.accountId, invoice.invoiceId) },
    ...invoice.supplementalDocuments.map((doc) => ({
      file: `${invoice.invoiceId}-${doc.documentType}-${doc.documentId}.pdf`,
      bytes: generateDocumentBytes(account.accountId, invoice.invoiceId, doc.documentId),
    })),
  ]);
  return { invoices, documents };
}
