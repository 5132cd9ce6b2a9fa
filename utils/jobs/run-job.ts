import { isRetryable, toUserError } from '../aws/errors';
import { buildDocumentPath, buildZipFilename, makeUniquePaths } from '../filenames';
import { buildManifestCsv, type ManifestRow } from '../manifest';
import type { InvoiceDocument, InvoiceRow, UserError } from '../types';
import type { DownloadForm, JobDocument, JobState } from './job-state';
import { runPool, sleep } from './pool';

/** Why saving one document failed; `expired` asks for fresh presigned URLs before the next attempt. */
export class SaveError extends Error {
  constructor(
    readonly userError: UserError,
    readonly expired = false,
  ) {
    super(userError.code);
  }
}

/** Where documents go: each into Downloads, or into one ZIP. Both receive presigned URLs, never credentials. */
export interface DocumentSink {
  save(document: JobDocument, url: string): Promise<void>;
  /** Called once after every document has been tried; a ZIP is written and saved here. */
  finish(job: JobState, texts: { path: string; text: string }[]): Promise<void>;
  dispose(): Promise<void>;
}

export interface JobDependencies {
  /** GetInvoicePDF, cached; `fresh` bypasses the cache after an expired URL. */
  getDocuments(invoiceId: string, fresh: boolean): Promise<InvoiceDocument[]>;
  createSink(form: DownloadForm): Promise<DocumentSink>;
  writeJob(job: JobState): Promise<void>;
  isCancelled(jobId: string): boolean;
  now(): number;
  /** Test hook: how long to wait before retry `attempt` (1-based). */
  backoffMs?(attempt: number): number;
}

/** Documents of one invoice fetched side by side; GetInvoicePDF and S3 are both rate limited, so keep it small. */
export const CONCURRENCY = 4;
/** Attempts per document before it is named as failed in the popup. */
export const MAX_ATTEMPTS = 3;
/** A presigned URL this close to its expiry is fetched again rather than risked. */
const URL_EXPIRY_MARGIN_MS = 60_000;

/** A fresh job for every invoice of a listing. */
export function createJob(form: DownloadForm, accountId: string, month: string, invoices: InvoiceRow[], now: number): JobState {
  return {
    id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    form,
    accountId,
    month,
    phase: 'preparing',
    pendingInvoices: invoices.map((invoice) => invoice.invoiceId),
    documents: [],
    failedInvoices: [],
    complete: false,
    startedAt: now,
  };
}

/** Turns a finished job's failures back into work, keeping what was saved. A ZIP starts over: it must be whole. */
export function prepareRetry(job: JobState, invoices: InvoiceRow[], now: number): JobState {
  if (job.form === 'zip') return createJob('zip', job.accountId, job.month, invoices, now);
  return {
    ...job,
    phase: 'preparing',
    pendingInvoices: job.failedInvoices.map((failure) => failure.invoiceId),
    failedInvoices: [],
    documents: job.documents.map((document) =>
      document.status === 'failed' ? { ...document, status: 'pending', attempts: 0, error: undefined } : document,
    ),
    complete: false,
    error: undefined,
    finishedAt: undefined,
  };
}

/**
 * Runs a job to the end: lists each invoice's documents, saves every document through the sink with retries and
 * URL refreshes, and writes the job's state after every change so the popup (and a restarted worker) can follow.
 */
export async function runJob(job: JobState, invoices: InvoiceRow[], deps: JobDependencies): Promise<JobState> {
  const backoff = deps.backoffMs ?? ((attempt: number) => 400 * 2 ** attempt);
  const persist = () => deps.writeJob(structuredClone(job));
  const invoicesById = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice]));
  let sink: DocumentSink | undefined;
  try {
    sink = await deps.createSink(job.form);
    job.phase = 'downloading';
    await persist();
    const work = [...new Set([...job.pendingInvoices, ...job.documents.filter(isUnsaved).map((d) => d.invoiceId)])];
    await runPool(work, CONCURRENCY, async (invoiceId) => {
      if (deps.isCancelled(job.id)) return;
      await saveInvoice(invoiceId, sink as DocumentSink);
    });
    if (deps.isCancelled(job.id)) {
      job.phase = 'cancelled';
    } else {
      job.phase = 'saving';
      await persist();
      const manifest = buildManifestCsv(buildManifestRows(job, invoicesById));
      await sink.finish(job, job.form === 'zip' ? [{ path: 'manifest.csv', text: manifest }] : []);
      job.complete = job.failedInvoices.length === 0 && job.documents.every((document) => document.status === 'saved');
      job.phase = 'done';
    }
  } catch (error) {
    job.error = error instanceof SaveError ? error.userError : toUserError(error);
    job.phase = 'failed';
    job.complete = false;
  } finally {
    job.finishedAt = deps.now();
    await persist();
    await sink?.dispose().catch(() => undefined);
  }
  return job;

  async function saveInvoice(invoiceId: string, target: DocumentSink): Promise<void> {
    let documents: InvoiceDocument[];
    try {
      documents = await retry(() => deps.getDocuments(invoiceId, false));
    } catch (error) {
      job.pendingInvoices = job.pendingInvoices.filter((id) => id !== invoiceId);
      job.failedInvoices.push({ invoiceId, error: toUserError(error, 'invoicing:GetInvoicePDF') });
      await persist();
      return;
    }
    if (job.pendingInvoices.includes(invoiceId)) {
      job.pendingInvoices = job.pendingInvoices.filter((id) => id !== invoiceId);
      addDocuments(documents);
      await persist();
    }
    for (const entry of job.documents.filter((d) => d.invoiceId === invoiceId && isUnsaved(d))) {
      if (deps.isCancelled(job.id)) return;
      await saveDocument(entry, documents, target);
    }
  }

  async function saveDocument(entry: JobDocument, initial: InvoiceDocument[], target: DocumentSink): Promise<void> {
    let documents = initial;
    entry.status = 'active';
    await persist();
    for (;;) {
      entry.attempts += 1;
      try {
        let source = findSource(documents, entry);
        if (!source || source.expiresAt - deps.now() < URL_EXPIRY_MARGIN_MS) {
          documents = await deps.getDocuments(entry.invoiceId, true);
          source = findSource(documents, entry);
        }
        if (!source) throw new SaveError({ code: 'not-found' });
        await target.save(entry, source.url);
        entry.status = 'saved';
        entry.error = undefined;
        break;
      } catch (error) {
        const saveError = error instanceof SaveError ? error : new SaveError(toUserError(error, 'invoicing:GetInvoicePDF'));
        if (saveError.expired) {
          // A presigned URL that S3 refuses has usually expired: fetch new ones before the next attempt.
          documents = await deps.getDocuments(entry.invoiceId, true).catch(() => documents);
        }
        const canRetry = saveError.expired || isRetryable(saveError.userError);
        if (!canRetry || entry.attempts >= MAX_ATTEMPTS || deps.isCancelled(job.id)) {
          entry.status = 'failed';
          entry.error = saveError.userError;
          break;
        }
        await sleep(backoff(entry.attempts));
      }
    }
    await persist();
  }

  async function retry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(toUserError(error))) throw error;
        await sleep(backoff(attempt));
      }
    }
  }

  function addDocuments(documents: InvoiceDocument[]): void {
    const added = documents.map((document) => ({
      invoiceId: document.invoiceId,
      documentType: document.documentType,
      ...(document.documentId ? { documentId: document.documentId } : {}),
      path: buildDocumentPath({
        accountId: job.accountId,
        month: job.month,
        invoiceId: document.invoiceId,
        documentType: document.documentType,
        documentId: document.documentId,
      }),
      status: 'pending' as const,
      attempts: 0,
    }));
    // Two documents must never share a name, even when sanitising makes their IDs collide.
    const unique = makeUniquePaths([...job.documents.map((d) => d.path), ...added.map((d) => d.path)]);
    added.forEach((document, index) => (document.path = unique[job.documents.length + index] as string));
    job.documents.push(...added);
  }
}

/** The ZIP's name for a job. */
export function getZipFilename(job: JobState): string {
  return buildZipFilename(job.accountId, job.month);
}

function isUnsaved(document: JobDocument): boolean {
  return document.status !== 'saved';
}

function findSource(documents: InvoiceDocument[], entry: JobDocument): InvoiceDocument | undefined {
  return documents.find(
    (document) => document.documentType === entry.documentType && (document.documentId ?? '') === (entry.documentId ?? ''),
  );
}

function buildManifestRows(job: JobState, invoicesById: Map<string, InvoiceRow>): ManifestRow[] {
  const rows: ManifestRow[] = job.documents.map((document) => {
    const invoice = invoicesById.get(document.invoiceId);
    return {
      accountId: job.accountId,
      billingMonth: invoice?.billingMonth ?? job.month,
      invoiceId: document.invoiceId,
      type: invoice?.type ?? '',
      issuedDate: invoice?.issuedDate ?? '',
      dueDate: invoice?.dueDate ?? '',
      seller: invoice?.seller ?? '',
      amount: invoice?.amount ?? '',
      currency: invoice?.currency ?? '',
      documentType: document.documentType,
      filePath: document.path,
      status: document.status === 'saved' ? 'saved' : 'missing',
    };
  });
  for (const failure of job.failedInvoices) {
    const invoice = invoicesById.get(failure.invoiceId);
    rows.push({
      accountId: job.accountId,
      billingMonth: invoice?.billingMonth ?? job.month,
      invoiceId: failure.invoiceId,
      type: invoice?.type ?? '',
      issuedDate: invoice?.issuedDate ?? '',
      dueDate: invoice?.dueDate ?? '',
      seller: invoice?.seller ?? '',
      amount: invoice?.amount ?? '',
      currency: invoice?.currency ?? '',
      documentType: 'INVOICE',
      filePath: '',
      status: 'missing',
    });
  }
  return rows;
}
