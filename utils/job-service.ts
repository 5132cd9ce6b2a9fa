import { browser } from 'wxt/browser';
import { createAwsClients, type AwsClients, type AwsEndpoints } from './aws/clients';
import { whoAmI } from './aws/identity';
import { getInvoiceDocuments, listInvoicesInRange } from './aws/invoices';
import { showBadge } from './browser/badge';
import { closeOffscreenDocument, openOffscreenWorker } from './browser/offscreen';
import { showNotification } from './browser/notifications';
import { loadLocale, t } from './i18n';
import { countProgress, isJobFinished, type JobProgress, type JobSource, type JobState } from './jobs/job-state';
import { createDebouncedWriter } from './jobs/coalesce';
import { createRequestPool } from './jobs/request-pool';
import { createJob, prepareRetry, runJob, SaveError, type JobDependencies } from './jobs/run-job';
import { clearWarmDocuments, createDownloadsSink, createZipSink, warmDocuments } from './jobs/sinks';
import { resolveCredentials } from './profile-service';
import { sessionCredentials, sessionDocumentUrls, sessionJob, sessionJobInvoices } from './storage';
import type { InvoiceDocument, InvoiceRow, UserError } from './types';
import { describeJobTitle } from './format';

/** The URL cache is written once GetInvoicePDF answers have paused this long. */
export const URL_CACHE_QUIET_MS = 500;
/** Closes Chrome's offscreen document once it has sat unused this long (the documents fetched ahead expire too). */
const OFFSCREEN_IDLE_ALARM = 'offscreen-idle';
const OFFSCREEN_IDLE_MINUTES = 10;
/** While a job runs, this alarm wakes a stopped service worker so the job resumes. Chrome's minimum period is 30 s. */
const WATCHDOG_ALARM = 'job-watchdog';
/** A presigned URL is reused from the cache only while it has at least this long to live. */
const CACHE_MARGIN_MS = 2 * 60_000;
/**
 * Requests in flight at once, GetInvoicePDF and document fetches together; lowered while AWS throttles. A job works on
 * as many invoices side by side (run-job.ts), each holding one slot at a time, so its documents and its GetInvoicePDF
 * calls never starve each other. Documents fetched ahead of a ZIP are bounded where they are fetched
 * (warm-documents.ts): answering each through this worker, busy with GetInvoicePDF calls, held connections idle.
 */
export const REQUESTS_IN_FLIGHT = 12;

export interface JobServiceOptions {
  endpoints: AwsEndpoints;
  /** Replaceable in unit tests, where fakeBrowser has no downloads or offscreen API. */
  createSink?: JobDependencies['createSink'];
  /** Badge and notification; replaceable in unit tests. */
  announce?: (job: JobState) => Promise<void>;
}

export type JobRequest = Parameters<typeof createJob>[0];

export interface JobService {
  /** Starts a job unless one is running (then that one's id is returned). */
  start(request: JobRequest): Promise<{ ok: true; jobId: string } | { ok: false; error: UserError }>;
  retryFailed(): Promise<{ ok: true; jobId: string } | { ok: false; error: UserError }>;
  cancel(): Promise<void>;
  /** Continues a job a stopped worker left unfinished; call at startup and on the watchdog alarm. */
  resume(): Promise<void>;
  /** Resolves when the running job (if any) has finished. */
  settle(): Promise<void>;
  /** Forgets cached document URLs (with the keys that fetched them). */
  clearCache(): void;
  getDocuments(clients: AwsClients, invoiceId: string, fresh: boolean): Promise<InvoiceDocument[]>;
  /** Fetches documents ahead of a ZIP download, through the same pool (see jobs/warm-documents.ts). */
  warm(documents: InvoiceDocument[]): void;
  /** Drops the documents fetched ahead. */
  clearWarm(): Promise<void>;
  /**
   * Opens Chrome's offscreen document, where documents are fetched ahead and ZIPs built, before it is needed: it takes
   * a few hundred milliseconds to open. Closed again after 10 idle minutes. True once it is open (always on Firefox).
   */
  prepareZip(): Promise<boolean>;
  /** Handles this service's alarms: the job watchdog and the idle offscreen document. */
  handleAlarm(name: string): Promise<void>;
}

/** Runs download jobs in the background, one at a time, with their state in session storage. */
export function createJobService({ endpoints, createSink = createDefaultSink, announce = announceJob }: JobServiceOptions): JobService {
  const cancelled = new Set<string>();
  let running: Promise<unknown> | undefined;
  /** GetInvoicePDF answers by invoice, read from storage once however many lookups start together. */
  let urlCache: Promise<Record<string, InvoiceDocument[]>> | undefined;
  const inflight = new Map<string, Promise<InvoiceDocument[]>>();
  const pool = createRequestPool({ max: REQUESTS_IN_FLIGHT, classify: classifyThrottling });
  /** Documents sent to be fetched ahead of a ZIP, by URL. */
  const warmed = new Set<string>();
  // The cache only spares GetInvoicePDF calls after a stopped worker, so it is written once the lookups pause rather
  // than during them: each write is every URL so far (tens of KB), and it also reaches the popup.
  const cacheWriter = createDebouncedWriter(async () => sessionDocumentUrls.setValue({ ...(await urlCache) }), URL_CACHE_QUIET_MS, 10_000);
  /** The job whose invoices are stored, and how many: they change only when the job lists its sources. */
  let storedInvoices: { jobId: string; count: number } | undefined;

  /** Stores a job's progress, and its invoices when they changed. */
  async function storeJob(job: JobState): Promise<void> {
    const { invoices, ...progress } = job;
    const writes = [sessionJob.setValue(progress)];
    if (storedInvoices?.jobId !== job.id || storedInvoices.count !== invoices.length) {
      storedInvoices = { jobId: job.id, count: invoices.length };
      writes.push(sessionJobInvoices.setValue({ jobId: job.id, invoices }));
    }
    await Promise.all(writes);
  }

  /** The stored job with its invoices, read only for a job that will run again (not on every popup or download event). */
  async function withInvoices(progress: JobProgress): Promise<JobState> {
    const stored = await sessionJobInvoices.getValue();
    return { ...progress, invoices: stored?.jobId === progress.id ? stored.invoices : [] };
  }

  /**
   * Runs a job; `running` is set before the first await, so the many events that wake a restarted worker (alarm,
   * download changes, the popup) can never start a second runner on the same job.
   */
  function launch(job: JobState): { ok: true; jobId: string } {
    running = runExclusive(job).finally(() => (running = undefined));
    return { ok: true, jobId: job.id };
  }

  async function runExclusive(job: JobState): Promise<void> {
    // Documents fetched ahead serve ZIPs only; one by one, the browser's download manager fetches each itself.
    if (job.form !== 'zip') void service.clearWarm();
    await Promise.all([storeJob(job), browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 0.5 })]);
    const clients = new Map<string, Promise<AwsClients>>();
    const clientsFor = (source: JobSource | undefined): Promise<AwsClients> => {
      const key = source?.profileId ?? 'session';
      let entry = clients.get(key);
      if (!entry) {
        entry = createSourceClients(source);
        clients.set(key, entry);
        entry.catch(() => clients.delete(key));
      }
      return entry;
    };
    try {
      await runJob(job, {
        async listInvoices(source, filter) {
          const sourceClients = await clientsFor(source);
          const accountId = source.accountId ?? (await whoAmI(sourceClients)).accountId;
          return { accountId, invoices: await listInvoicesInRange(sourceClients, accountId, filter) };
        },
        async getDocuments(invoice: InvoiceRow, fresh) {
          const source = job.sources.find((s) => s.accountId === invoice.accountId) ?? job.sources[0];
          return getDocuments(await clientsFor(source), invoice.invoiceId, fresh);
        },
        async createSink(current) {
          const sink = await createSink(current);
          const save: typeof sink.save = async (document, url, onStarted) => {
            // A document fetched ahead (or still on its way) is beside the ZIP already: adding it makes no request.
            const warm = current.form === 'zip' && warmed.delete(url);
            // Not there after all (its fetch failed, or it was dropped): fetched the usual way, through the pool.
            if (warm && (await sink.saveWarm?.(document, url))) return;
            return pool.run(() => sink.save(document, url, onStarted), { urgent: true });
          };
          return { ...sink, save };
        },
        async writeJob(state) {
          await storeJob(state);
          await announce(state);
        },
        isCancelled: (jobId) => cancelled.has(jobId),
        now: () => Date.now(),
      });
    } finally {
      // Whatever was fetched ahead went into this job's ZIP or is of no further use.
      warmed.clear();
      await browser.alarms.clear(WATCHDOG_ALARM);
    }
  }

  async function createSourceClients(source: JobSource | undefined): Promise<AwsClients> {
    if (source?.profileId) {
      const resolved = await resolveCredentials({ kind: 'profile', profileId: source.profileId }, endpoints);
      if (!resolved.ok) throw new SaveError(resolved.error);
      return createAwsClients(resolved.credentials, endpoints);
    }
    const credentials = await sessionCredentials.getValue();
    if (!credentials) throw new SaveError({ code: 'secret-needed' });
    return createAwsClients(credentials, endpoints);
  }

  async function getDocuments(clients: AwsClients, invoiceId: string, fresh: boolean): Promise<InvoiceDocument[]> {
    // Copy: storage items hand out their shared fallback object when empty.
    urlCache ??= sessionDocumentUrls.getValue().then((stored) => ({ ...stored }));
    const cached = (await urlCache)[invoiceId];
    if (!fresh && cached && cached.every((document) => document.expiresAt - Date.now() > CACHE_MARGIN_MS)) return cached;
    // The table's count of supplemental documents and a download may ask for the same invoice at once.
    const pending = !fresh && inflight.get(invoiceId);
    if (pending) return pending;
    const request = pool.run(() => getInvoiceDocuments(clients, invoiceId)).then(async (documents) => {
      (await (urlCache as Promise<Record<string, InvoiceDocument[]>>))[invoiceId] = documents;
      cacheWriter.soon();
      return documents;
    });
    inflight.set(invoiceId, request);
    try {
      return await request;
    } finally {
      if (inflight.get(invoiceId) === request) inflight.delete(invoiceId);
    }
  }

  const service: JobService = {
    async start(request) {
      if (running) {
        const current = await sessionJob.getValue();
        if (current && !isJobFinished(current)) return { ok: true, jobId: current.id };
        await running;
      }
      return launch(createJob(request));
    },
    async retryFailed() {
      await running;
      const job = await sessionJob.getValue();
      if (!job || !isJobFinished(job)) return { ok: false, error: { code: 'no-finished-job' } };
      return launch(prepareRetry(await withInvoices(job), Date.now()));
    },
    async cancel() {
      const job = await sessionJob.getValue();
      if (job && !isJobFinished(job)) cancelled.add(job.id);
    },
    resume() {
      if (running) return Promise.resolve();
      running = (async () => {
        const job = await sessionJob.getValue();
        if (!job || isJobFinished(job) || cancelled.has(job.id)) {
          await browser.alarms.clear(WATCHDOG_ALARM);
          return;
        }
        await runExclusive(await withInvoices(job));
      })().finally(() => (running = undefined));
      return Promise.resolve();
    },
    async settle() {
      await running;
    },
    clearCache() {
      urlCache = Promise.resolve({});
    },
    getDocuments,
    warm(documents) {
      const urls = documents.map((document) => document.url).filter((url) => !warmed.has(url));
      if (urls.length === 0) return;
      urls.forEach((url) => warmed.add(url));
      // Fetched where they are kept, a few at a time (warm-documents.ts), not through this worker's request pool:
      // each answer would wait for a worker busy with GetInvoicePDF calls while the connections sat idle.
      void warmDocuments(urls).catch(() => undefined);
    },
    async clearWarm() {
      warmed.clear();
      await clearWarmDocuments().catch(() => undefined);
    },
    async prepareZip() {
      if (import.meta.env.FIREFOX) return true;
      const [ready] = await Promise.all([
        // Open, and its worker listening for documents to fetch ahead.
        openOffscreenWorker().catch(() => false),
        browser.alarms.create(OFFSCREEN_IDLE_ALARM, { delayInMinutes: OFFSCREEN_IDLE_MINUTES }),
      ]);
      return ready;
    },
    async handleAlarm(name) {
      if (name === WATCHDOG_ALARM) await service.resume();
      // A running ZIP job closes the document itself when it ends.
      if (name === OFFSCREEN_IDLE_ALARM && !running) {
        warmed.clear();
        await closeOffscreenDocument().catch(() => undefined);
      }
    },
  };
  return service;
}

/** Throttling from the SDK (after its own retries), from S3 (HTTP 429), or passed on by a sink. */
function classifyThrottling(error: unknown): { throttled: boolean; retryAfterSeconds?: number } {
  if (error instanceof SaveError) return { throttled: error.userError.code === 'throttled' };
  const details = error as { name?: string; retryAfterSeconds?: number; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
  const throttled = ['ThrottlingException', 'Throttling', 'TooManyRequestsException'].includes(details?.name ?? '') || details?.$metadata?.httpStatusCode === 429;
  const header = Number(details?.$response?.headers?.['retry-after']);
  const retryAfterSeconds = details?.retryAfterSeconds ?? (Number.isFinite(header) && header > 0 ? header : undefined);
  return { throttled, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

function createDefaultSink(job: JobState) {
  return job.form === 'zip' ? createZipSink(job) : Promise.resolve(createDownloadsSink());
}

/** Keeps the toolbar badge on the job's progress, and sends one notification when it ends. */
async function announceJob(job: JobState): Promise<void> {
  const { done, failed, total } = countProgress(job);
  const finished = isJobFinished(job);
  await showBadge({ running: !finished, percent: total ? ((done + failed) / total) * 100 : 0, failed: finished && !job.complete });
  if (!finished) return;
  await loadLocale();
  const count = String(done);
  const failures = String(failed + job.failedSources.length);
  const zip = job.form === 'zip' ? (job.zipFilename ?? '') : '';
  let message: string;
  if (job.phase === 'cancelled') message = t('jobCancelled', count, String(total));
  else if (job.complete) message = zip ? t('notifySavedZip', count, zip) : t('notifySaved', count);
  else message = zip ? t('notifyFailedZip', count, zip, failures) : t('notifyFailed', count, failures);
  await showNotification(`job:${job.id}`, t('notifyTitle', describeJobTitle(job.filter)), message).catch(() => undefined);
}
