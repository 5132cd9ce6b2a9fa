import type { DocumentType, UserError } from '../types';

/** How the user wants the documents: each PDF into Downloads, or one ZIP. */
export type DownloadForm = 'pdfs' | 'zip';

export type DocumentStatus = 'pending' | 'active' | 'saved' | 'failed';

/** One file of a job; its state is written to session storage every time it changes. */
export interface JobDocument {
  invoiceId: string;
  documentType: DocumentType;
  documentId?: string;
  /** Path relative to the Downloads folder (PDFs) or inside the ZIP. */
  path: string;
  status: DocumentStatus;
  attempts: number;
  error?: UserError;
}

export type JobPhase = 'preparing' | 'downloading' | 'saving' | 'done' | 'cancelled' | 'failed';

export interface JobState {
  id: string;
  form: DownloadForm;
  accountId: string;
  month: string;
  phase: JobPhase;
  /** Invoices whose document list is not known yet (GetInvoicePDF not answered). */
  pendingInvoices: string[];
  documents: JobDocument[];
  /** Invoices whose documents could not even be listed. */
  failedInvoices: { invoiceId: string; error: UserError }[];
  /** The ZIP's file name, once saved. */
  zipFilename?: string;
  /** True only when every document was saved (for a ZIP: every document is inside it). */
  complete: boolean;
  /** A failure of the whole job, such as the ZIP not being saved. */
  error?: UserError;
  startedAt: number;
  finishedAt?: number;
}

/** Counts for a progress bar. `total` grows while GetInvoicePDF answers reveal supplemental documents. */
export function countProgress(job: JobState): { done: number; failed: number; total: number } {
  let done = 0;
  let failed = 0;
  for (const document of job.documents) {
    if (document.status === 'saved') done += 1;
    else if (document.status === 'failed') failed += 1;
  }
  // Each invoice not yet expanded holds at least its own PDF.
  const total = job.documents.length + job.pendingInvoices.length + job.failedInvoices.length;
  return { done, failed: failed + job.failedInvoices.length, total };
}

/** True once the job will change no more. */
export function isJobFinished(job: JobState): boolean {
  return job.phase === 'done' || job.phase === 'cancelled' || job.phase === 'failed';
}
