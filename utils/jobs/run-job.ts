import { isRetryable, toUserError } from '../aws/errors';
import { makeUniquePaths, sanitizePathSegment } from '../filenames';
import { LEDGER_FILENAME, buildLedgerCsv } from '../ledger';
import { DEFAULT_NAMING_TEMPLATE, buildNamingValues, renderDocumentPath } from '../naming-template';
import { buildManifestCsv, type ManifestRow } from '../manifest';
import type { InvoiceDocument, InvoiceRow, UserError } from '../types';
import type { DownloadForm, InvoiceFilter, JobDocument, JobSource, JobState } from './job-state';
import { createCoalescedWriter } from './coalesce';
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
  /**
   * Brings the job in line with what survived a stopped worker: downloads that finished or are still running,
   * documents already inside the ZIP (or lost with it).
   */
  reconcile(job: JobState): Promise<void>;
  /** Saves one document; `onStarted` records a browser download's id before waiting for it to complete. */
  save(document: JobDocument, url: string, onStarted: (downloadId: number) => Promise<void>): Promise<void>;
  /**
   * Adds a document that was fetched ahead into the ZIP (waiting for it if it is still on its way), making no request.
   * False when it was not fetched ahead after all: the caller saves it the usual way.
   */
  saveWarm?(document: JobDocument, url: string): Promise<boolean>;
  /** Called once after every document has been tried; a ZIP is written and saved here. */
  finish(job: JobState, texts: { path: string; text: string }[]): Promise<void>;
  dispose(): Promise<void>;
}

export interface JobDependencies {
  /** Lists one source's invoices (and learns its account ID). */
  listInvoices(source: JobSource, filter: InvoiceFilter): Promise<{ accountId: string; invoices: InvoiceRow[] }>;
  /** GetInvoicePDF, cached; `fresh` bypasses the cache after an expired URL. */
  getDocuments(invoice: InvoiceRow, fresh: boolean): Promise<InvoiceDocument[]>;
  createSink(job: JobState): Promise<DocumentSink>;
  writeJob(job: JobState): Promise<void>;
  isCancelled(jobId: string): boolean;
  now(): number;
  /** Test hook: how long to wait before retry `attempt` (1-based). */
  backoffMs?(attempt: number): number;
  /** Test hook: the longest a change waits before it is written. */
  persistIntervalMs?: number;
}

/** Invoices worked on side by side; the requests they make are bounded again by the job service's request pool. */
export const CONCURRENCY = 12;
/** Attempts per document before it is named as failed in the popup. */
export const MAX_ATTEMPTS = 3;
/** The longest a document's change waits before the job is written to session storage. */
const PERSIST_INTERVAL_MS = 250;
/** A presigned URL this close to its expiry is fetched again rather than risked. */
const URL_EXPIRY_MARGIN_MS = 60_000;

/** A new job. With `invoices` it starts from a listing the popup already shows; without, it lists first. */
export function createJob(request: {
  form: DownloadForm;
  filter: InvoiceFilter;
  sources: JobSource[];
  invoices?: InvoiceRow[];
  namingTemplate?: string;
  now: number;
}): JobState {
  const job: JobState = {
    id: `${request.now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    form: request.form,
    filter: request.filter,
    sources: request.sources,
    phase: request.invoices ? 'preparing' : 'listing',
    invoices: request.invoices ?? [],
    pendingInvoices: (request.invoices ?? []).map((invoice) => invoice.invoiceId),
    documents: [],
    failedInvoices: [],
    failedSources: [],
    complete: false,
    ...(request.namingTemplate ? { namingTemplate: request.namingTemplate } : {}),
    startedAt: request.now,
  };
  job.zipFilename = buildJobZipFilename(job);
  return job;
}

/** Turns a finished job's failures back into work, keeping what was saved. A ZIP starts over: it must be whole. */
export function prepareRetry(job: JobState, now: number): JobState {
  const relist = job.failedSources.length > 0;
  if (job.form === 'zip') {
    return createJob({
      form: 'zip',
      filter: job.filter,
      sources: job.sources.map((source) => ({ ...source })),
      ...(relist ? {} : { invoices: job.invoices }),
      ...(job.namingTemplate ? { namingTemplate: job.namingTemplate } : {}),
      now,
    });
  }
  const failedLabels = new Set(job.failedSources.map((failure) => failure.label));
  return {
    ...job,
    phase: relist ? 'listing' : 'preparing',
    sources: relist ? job.sources.filter((source) => failedLabels.has(source.label)) : job.sources,
    pendingInvoices: job.failedInvoices.map((failure) => failure.invoiceId),
    failedInvoices: [],
    failedSources: [],
    documents: job.documents.map((document) =>
      document.status === 'failed' ? { ...document, status: 'pending', attempts: 0, error: undefined } : document,
    ),
    complete: false,
    error: undefined,
    finishedAt: undefined,
  };
}

/**
 * Runs a job to the end: lists its sources if needed, lists each invoice's documents, saves every document through
 * the sink with retries and URL refreshes, and writes the job's state after every change so the popup can follow
 * and a restarted worker can resume where this one stopped.
 */
export async function runJob(job: JobState, deps: JobDependencies): Promise<JobState> {
  const backoff = deps.backoffMs ?? ((attempt: number) => 400 * 2 ** attempt);
  // Progress is written at most every PERSIST_INTERVAL_MS: writing the whole job (tens of KB) after every change
  // made the workers queue behind storage. Phase changes are written at once; a worker stopped between two
  // writes loses nothing, because the sinks reconcile with the browser's downloads and the ZIP on resume.
  const writer = createCoalescedWriter(() => deps.writeJob(structuredClone(job)), deps.persistIntervalMs ?? PERSIST_INTERVAL_MS);
  const persist = async () => writer.soon();
  const persistNow = () => writer.now();
  let sink: DocumentSink | undefined;
  /** The lower-cased paths of the job's documents, once the first invoice's documents are added. */
  let takenPaths: Set<string> | undefined;
  try {
    if (job.phase === 'listing') await listSources();
    const invoicesById = new Map(job.invoices.map((invoice) => [invoice.invoiceId, invoice]));
    sink = await deps.createSink(job);
    await sink.reconcile(job);
    job.phase = 'downloading';
    await persistNow();
    const work = [...new Set([...job.pendingInvoices, ...job.documents.filter(isUnsaved).map((d) => d.invoiceId)])];
    await runPool(work, CONCURRENCY, async (invoiceId) => {
      const invoice = invoicesById.get(invoiceId);
      if (deps.isCancelled(job.id) || !invoice) return;
      await saveInvoice(invoice, sink as DocumentSink);
    });
    if (deps.isCancelled(job.id)) {
      job.phase = 'cancelled';
    } else {
      job.phase = 'saving';
      // Not awaited: the ZIP need not wait for the popup to learn of it. Writes never overlap, so the final state
      // still lands last.
      void persistNow().catch(() => undefined);
      const manifest = buildManifestCsv(buildManifestRows(job, invoicesById));
      // The same ledger the popup exports goes into every ZIP, beside the manifest of what the ZIP holds.
      const ledger = buildLedgerCsv(job.invoices.map((invoice) => ({ invoice, profile: labelOf(invoice.accountId) })));
      const texts = [
        { path: 'manifest.csv', text: manifest },
        { path: LEDGER_FILENAME, text: ledger },
      ];
      await sink.finish(job, job.form === 'zip' ? texts : []);
      job.complete =
        job.failedInvoices.length === 0 &&
        job.failedSources.length === 0 &&
        job.documents.every((document) => document.status === 'saved');
      job.phase = 'done';
    }
  } catch (error) {
    job.error = error instanceof SaveError ? error.userError : toUserError(error);
    job.phase = 'failed';
    job.complete = false;
  } finally {
    job.finishedAt = deps.now();
    await persistNow();
    await sink?.dispose().catch(() => undefined);
  }
  return job;

  function labelOf(accountId: string): string {
    return job.sources.find((source) => source.accountId === accountId)?.label ?? '';
  }

  async function listSources(): Promise<void> {
    for (const source of job.sources) {
      if (deps.isCancelled(job.id)) return;
      try {
        const { accountId, invoices } = await deps.listInvoices(source, job.filter);
        source.accountId = accountId;
        // Invoice IDs are unique across AWS: the same invoice reached through two profiles is fetched once.
        const known = new Set(job.invoices.map((invoice) => invoice.invoiceId));
        const fresh = invoices.filter((invoice) => !known.has(invoice.invoiceId));
        job.invoices.push(...fresh);
        job.pendingInvoices.push(...fresh.map((invoice) => invoice.invoiceId));
      } catch (error) {
        job.failedSources.push({ label: source.label, error: toUserError(error, 'invoicing:ListInvoiceSummaries') });
      }
    }
    job.zipFilename = buildJobZipFilename(job);
    job.phase = 'preparing';
    await persistNow();
  }

  async function saveInvoice(invoice: InvoiceRow, target: DocumentSink): Promise<void> {
    const invoiceId = invoice.invoiceId;
    let documents: InvoiceDocument[];
    try {
      documents = await retry(() => deps.getDocuments(invoice, false));
    } catch (error) {
      job.pendingInvoices = job.pendingInvoices.filter((id) => id !== invoiceId);
      job.failedInvoices.push({ invoiceId, accountId: invoice.accountId, error: toUserError(error, 'invoicing:GetInvoicePDF') });
      await persist();
      return;
    }
    if (job.pendingInvoices.includes(invoiceId)) {
      job.pendingInvoices = job.pendingInvoices.filter((id) => id !== invoiceId);
      addDocuments(invoice, documents);
      await persist();
    }
    for (const entry of job.documents.filter((d) => d.invoiceId === invoiceId && isUnsaved(d))) {
      if (deps.isCancelled(job.id)) return;
      await saveDocument(entry, invoice, documents, target);
    }
  }

  async function saveDocument(entry: JobDocument, invoice: InvoiceRow, initial: InvoiceDocument[], target: DocumentSink): Promise<void> {
    let documents = initial;
    entry.status = 'active';
    await persist();
    for (;;) {
      entry.attempts += 1;
      try {
        let source = findSource(documents, entry);
        if (!source || source.expiresAt - deps.now() < URL_EXPIRY_MARGIN_MS) {
          documents = await deps.getDocuments(invoice, true);
          source = findSource(documents, entry);
        }
        if (!source) throw new SaveError({ code: 'not-found' });
        await target.save(entry, source.url, async (downloadId) => {
          entry.downloadId = downloadId;
          await persist();
        });
        entry.status = 'saved';
        entry.error = undefined;
        break;
      } catch (error) {
        const saveError = error instanceof SaveError ? error : new SaveError(toUserError(error, 'invoicing:GetInvoicePDF'));
        entry.downloadId = undefined;
        if (saveError.expired) {
          // A presigned URL that S3 refuses has usually expired: fetch new ones before the next attempt.
          documents = await deps.getDocuments(invoice, true).catch(() => documents);
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

  function addDocuments(invoice: InvoiceRow, documents: InvoiceDocument[]): void {
    const added: JobDocument[] = documents.map((document) => ({
      accountId: invoice.accountId,
      invoiceId: document.invoiceId,
      documentType: document.documentType,
      ...(document.documentId ? { documentId: document.documentId } : {}),
      path: renderDocumentPath(
        job.namingTemplate ?? DEFAULT_NAMING_TEMPLATE,
        buildNamingValues({ ...invoice, billingMonth: invoice.billingMonth || job.filter.month }, document, labelOf(invoice.accountId)),
      ),
      status: 'pending',
      attempts: 0,
    }));
    // Two documents must never share a name, even when sanitising makes their IDs collide. The names taken so far
    // are kept between invoices: checking every document again for each invoice grew with the square of their number.
    takenPaths ??= new Set(job.documents.map((document) => document.path.toLowerCase()));
    const unique = makeUniquePaths(added.map((document) => document.path), takenPaths);
    added.forEach((document, index) => (document.path = unique[index] as string));
    job.documents.push(...added);
  }
}

/** The ZIP's name: the account and month(s) when there is one account, else the months alone. */
export function buildJobZipFilename(job: Pick<JobState, 'sources' | 'filter'>): string {
  return `${buildBaseName(job.sources.map((source) => source.accountId), job.filter)}.zip`;
}

/** The ledger CSV's name for a listing, in the same pattern as the ZIP's. */
export function buildLedgerFilename(listing: { accounts?: { accountId: string }[]; identity: { accountId: string }; month: string; toMonth?: string; by?: InvoiceFilter['by'] }): string {
  const accounts = listing.accounts?.map((account) => account.accountId) ?? [listing.identity.accountId];
  const filter: InvoiceFilter = { by: listing.by ?? 'billing-month', month: listing.month, ...(listing.toMonth ? { toMonth: listing.toMonth } : {}) };
  return `${buildBaseName(accounts, filter)}.csv`;
}

function buildBaseName(accountIds: (string | undefined)[], filter: InvoiceFilter): string {
  const months = filter.toMonth ? `${filter.month}-to-${filter.toMonth}` : filter.month;
  const period = filter.by === 'issued-in' ? `issued-${months}` : months;
  const known = [...new Set(accountIds.filter(Boolean))];
  const middle = accountIds.length === 1 && known.length === 1 ? known[0] : accountIds.length > 1 ? 'all-accounts' : '';
  return sanitizePathSegment(['aws-invoices', middle, period].filter(Boolean).join('-'), 'aws-invoices');
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
  const toRow = (invoiceId: string, fields: Pick<ManifestRow, 'documentType' | 'filePath' | 'status'>): ManifestRow => {
    const invoice = invoicesById.get(invoiceId);
    return {
      accountId: invoice?.accountId ?? '',
      billingMonth: invoice?.billingMonth ?? job.filter.month,
      invoiceId,
      type: invoice?.type ?? '',
      issuedDate: invoice?.issuedDate ?? '',
      dueDate: invoice?.dueDate ?? '',
      seller: invoice?.seller ?? '',
      amount: invoice?.amount ?? '',
      currency: invoice?.currency ?? '',
      ...fields,
    };
  };
  return [
    ...job.documents.map((document) =>
      toRow(document.invoiceId, {
        documentType: document.documentType,
        filePath: document.path,
        status: document.status === 'saved' ? 'saved' : 'missing',
      }),
    ),
    ...job.failedInvoices.map((failure) => toRow(failure.invoiceId, { documentType: 'INVOICE', filePath: '', status: 'missing' })),
  ];
}

