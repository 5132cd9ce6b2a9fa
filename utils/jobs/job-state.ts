import type { InvoiceRow, DocumentType, UserError } from '../types';

/** How the user wants the documents: each PDF into Downloads, or one ZIP. */
export type DownloadForm = 'pdfs' | 'zip';

export type DocumentStatus = 'pending' | 'active' | 'saved' | 'failed';

/** One file of a job; its state is written to session storage every time it changes. */
export interface JobDocument {
  accountId: string;
  invoiceId: string;
  documentType: DocumentType;
  documentId?: string;
  /** Path relative to the Downloads folder (PDFs) or inside the ZIP. */
  path: string;
  status: DocumentStatus;
  attempts: number;
  error?: UserError;
  /** The browser download started for it, so a restarted worker can find it instead of downloading again. */
  downloadId?: number;
}

/** An account whose invoices the job covers, and where its credentials come from. */
export interface JobSource {
  /** A saved profile, or undefined for the one-off keys of this browser session. */
  profileId?: string;
  /** Filled once known (after GetCallerIdentity). */
  accountId?: string;
  /** Shown in notifications and the popup: the profile's name or the account; '' for keys typed in the popup. */
  label: string;
}

/** Which invoices: by billing month (BillingPeriod) or by the month they were issued in (TimeInterval). */
export interface InvoiceFilter {
  by: 'billing-month' | 'issued-in';
  month: string;
  /** The last month of a range, when there is one. */
  toMonth?: string;
}

export type JobPhase = 'listing' | 'preparing' | 'downloading' | 'saving' | 'done' | 'cancelled' | 'failed';

export interface JobState {
  id: string;
  form: DownloadForm;
  /** What the user asked for; the popup and the notification put it in words (describeJobTitle) when shown. */
  filter: InvoiceFilter;
  sources: JobSource[];
  phase: JobPhase;
  /** The plan: every invoice to fetch, once listed. Kept so a restarted worker resumes without listing again. */
  invoices: InvoiceRow[];
  /** Invoices whose document list is not known yet (GetInvoicePDF not answered). */
  pendingInvoices: string[];
  documents: JobDocument[];
  /** Invoices whose documents could not even be listed, and sources that could not be listed at all. */
  failedInvoices: { invoiceId: string; accountId: string; error: UserError }[];
  failedSources: { label: string; error: UserError }[];
  /** How documents are named (the options' template when the job started). */
  namingTemplate?: string;
  /** The ZIP being built in the offscreen document (Chrome), so a restarted worker can find it. */
  zipId?: string;
  /** The ZIP's file name. */
  zipFilename?: string;
  /** True only when every document was saved (for a ZIP: every document is inside it). */
  complete: boolean;
  /** A failure of the whole job, such as the ZIP not being saved. */
  error?: UserError;
  startedAt: number;
  finishedAt?: number;
}

/** A job as stored for the popup: everything but its invoices, which are stored once apart (see storage.ts). */
export type JobProgress = Omit<JobState, 'invoices'>;

/** Counts for a progress bar. `total` grows while GetInvoicePDF answers reveal supplemental documents. */
export function countProgress(job: JobProgress): { done: number; failed: number; total: number } {
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
export function isJobFinished(job: JobProgress): boolean {
  return job.phase === 'done' || job.phase === 'cancelled' || job.phase === 'failed';
}
