import { createAwsClients, type AwsClients, type AwsEndpoints } from './aws/clients';
import { toUserError } from './aws/errors';
import { whoAmI } from './aws/identity';
import { getInvoiceDocuments, listInvoices } from './aws/invoices';
import { isJobFinished, type DownloadForm, type JobState } from './jobs/job-state';
import { runPool } from './jobs/pool';
import { CONCURRENCY, createJob, prepareRetry, runJob, type JobDependencies } from './jobs/run-job';
import { createDownloadsSink, createZipSink } from './jobs/sinks';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { onMessage, type ProtocolMap, type Result } from './messaging';
import { sessionCredentials, sessionDocumentUrls, sessionJob, sessionListing, type Listing } from './storage';
import type { CredentialSource, InvoiceDocument, InvoiceRow, UserError } from './types';
import { normalizeCredentials, validateCredentialsForm } from './validation';
import { checkPermissions, type DoctorReport } from './aws/doctor';
import { deleteProfile, resolveCredentials, saveProfile } from './profile-service';
import { forgetEverything, lockVault, touchVault, unlockVault } from './vault-service';

/** A presigned URL is reused from the cache only while it has at least this long to live. */
const CACHE_MARGIN_MS = 2 * 60_000;

/** What the service needs from outside, replaceable in unit tests (fakeBrowser has no downloads or offscreen API). */
export interface ServiceOptions {
  endpoints: AwsEndpoints;
  createSink?: JobDependencies['createSink'];
}

export type InvoiceService = {
  [K in keyof ProtocolMap]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
} & {
  /** Resolves when the running job (if any) has finished; for tests and shutdown. */
  settle(): Promise<void>;
};

/** Answers the popup's messages: list a month, run download jobs, retry, cancel, forget. */
export function registerInvoiceService(options: ServiceOptions): InvoiceService {
  const service = createInvoiceService(options);
  onMessage('listInvoices', ({ data }) => service.listInvoices(data));
  onMessage('startDownload', ({ data }) => service.startDownload(data));
  onMessage('retryFailed', ({ data }) => service.retryFailed(data));
  onMessage('cancelJob', ({ data }) => service.cancelJob(data));
  onMessage('forgetSession', ({ data }) => service.forgetSession(data));
  onMessage('checkPermissions', ({ data }) => service.checkPermissions(data));
  onMessage('saveProfile', ({ data }) => service.saveProfile(data));
  onMessage('deleteProfile', ({ data }) => service.deleteProfile(data));
  onMessage('unlockVault', ({ data }) => service.unlockVault(data));
  onMessage('lockVault', ({ data }) => service.lockVault(data));
  onMessage('forgetAll', ({ data }) => service.forgetAll(data));
  return service;
}

/** The service's logic, free of message plumbing. */
export function createInvoiceService({ endpoints, createSink = createDefaultSink }: ServiceOptions): InvoiceService {
  const cancelled = new Set<string>();
  let running: Promise<unknown> | undefined;
  let urlCache: Record<string, InvoiceDocument[]> | undefined;

  /** Validates the input and resolves a profile to usable credentials; never sends malformed keys to AWS. */
  async function prepare(source: CredentialSource, month: string) {
    if (source.kind === 'keys') {
      // The popup validated already; checking again keeps a malformed request from ever reaching AWS.
      const form = { ...source.credentials, sessionToken: source.credentials.sessionToken ?? '', month };
      const issues = validateCredentialsForm(form, new Date());
      if (Object.keys(issues).length > 0) return failure({ code: 'invalid-request', detail: Object.keys(issues).join(', ') });
      return resolveCredentials({ kind: 'keys', credentials: normalizeCredentials(form) }, endpoints);
    }
    if (validateCredentialsForm({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40), sessionToken: '', month }, new Date()).month) {
      return failure({ code: 'invalid-request', detail: 'month' });
    }
    await touchVault();
    return resolveCredentials(source, endpoints);
  }

  async function listInvoicesForMonth(data: { source: CredentialSource; month: string }): Promise<Result<{ listing: Listing }>> {
    const resolved = await prepare(data.source, data.month);
    if (!resolved.ok) return resolved;
    const { credentials } = resolved;
    const clients = createAwsClients(credentials, endpoints);
    let identity;
    try {
      identity = await whoAmI(clients);
    } catch (error) {
      return failure(toUserError(error));
    }
    // Keys that STS accepted are kept for this browser session only (memory), for downloads and the next popup.
    await sessionCredentials.setValue(credentials);
    let invoices: InvoiceRow[];
    try {
      invoices = await listInvoices(clients, identity.accountId, data.month);
    } catch (error) {
      return failure(toUserError(error, 'invoicing:ListInvoiceSummaries'));
    }
    const listing: Listing = {
      ...(data.source.kind === 'profile' ? { profileId: data.source.profileId } : {}),
      identity,
      month: data.month,
      invoices,
      listedAt: Date.now(),
    };
    await sessionListing.setValue(listing);
    void countSupplementalDocuments(clients, listing);
    return { ok: true as const, listing };
  }

  async function retryFailed(): Promise<Result<{ jobId: string }>> {
    const [job, listing] = await Promise.all([sessionJob.getValue(), sessionListing.getValue()]);
    if (!job || !listing || !isJobFinished(job)) return failure({ code: 'invalid-request', detail: 'No finished job to retry.' });
    const retry = prepareRetry(job, listing.invoices, Date.now());
    return launch(retry, listing.invoices);
  }

  async function cancelJob(): Promise<Result<object>> {
    const job = await sessionJob.getValue();
    if (job && !isJobFinished(job)) cancelled.add(job.id);
    return { ok: true as const };
  }

  function cancelRunning(): void {
    void sessionJob.getValue().then((job) => job && cancelled.add(job.id));
  }

  async function forgetSession(): Promise<Result<object>> {
    const job = await sessionJob.getValue();
    if (job) cancelled.add(job.id);
    urlCache = {};
    await Promise.all([
      sessionCredentials.removeValue(),
      sessionListing.removeValue(),
      sessionDocumentUrls.removeValue(),
      sessionJob.removeValue(),
    ]);
    return { ok: true as const };
  }

  async function checkPermissionsFor(data: { source: CredentialSource; month: string }): Promise<Result<{ report: DoctorReport }>> {
    const resolved = await prepare(data.source, data.month);
    if (!resolved.ok) return resolved;
    return { ok: true, report: await checkPermissions(createAwsClients(resolved.credentials, endpoints), data.month) };
  }

  return {
    listInvoices: listInvoicesForMonth,
    checkPermissions: checkPermissionsFor,
    saveProfile: (draft) => saveProfile(draft),
    async deleteProfile({ profileId }) {
      await deleteProfile(profileId);
      return { ok: true };
    },
    async unlockVault({ passphrase }) {
      const error = await unlockVault(passphrase);
      return error ? failure(error) : { ok: true };
    },
    async lockVault() {
      await lockVault();
      return { ok: true };
    },
    async forgetAll() {
      cancelRunning();
      await forgetEverything();
      await forgetSession();
      return { ok: true };
    },
    startDownload: (data) => startJob(data.form),
    retryFailed,
    cancelJob,
    forgetSession,
    async settle() {
      await running;
    },
  };

  async function startJob(form: DownloadForm): Promise<Result<{ jobId: string }>> {
    const [listing, current] = await Promise.all([sessionListing.getValue(), sessionJob.getValue()]);
    if (!listing) return failure({ code: 'invalid-request', detail: 'List a month first.' });
    if (current && !isJobFinished(current) && running) return { ok: true, jobId: current.id };
    const job = createJob(form, listing.identity.accountId, listing.month, listing.invoices, Date.now());
    return launch(job, listing.invoices);
  }

  async function launch(job: JobState, invoices: InvoiceRow[]): Promise<Result<{ jobId: string }>> {
    const credentials = await sessionCredentials.getValue();
    if (!credentials) return failure({ code: 'invalid-request', detail: 'Enter your keys again.' });
    const clients = createAwsClients(credentials, endpoints);
    await sessionJob.setValue(job);
    running = runJob(job, invoices, {
      getDocuments: (invoiceId, fresh) => getDocuments(clients, invoiceId, fresh),
      createSink,
      writeJob: (state) => sessionJob.setValue(state),
      isCancelled: (jobId) => cancelled.has(jobId),
      now: () => Date.now(),
    }).finally(() => (running = undefined));
    return { ok: true, jobId: job.id };
  }

  async function getDocuments(clients: AwsClients, invoiceId: string, fresh: boolean): Promise<InvoiceDocument[]> {
    // Copy: storage items hand out their shared fallback object when empty.
    urlCache ??= { ...(await sessionDocumentUrls.getValue()) };
    const cached = urlCache[invoiceId];
    if (!fresh && cached && cached.every((document) => document.expiresAt - Date.now() > CACHE_MARGIN_MS)) return cached;
    const documents = await getInvoiceDocuments(clients, invoiceId);
    urlCache[invoiceId] = documents;
    await sessionDocumentUrls.setValue(urlCache);
    return documents;
  }

  /** Fills the table's "supplemental documents" column; the URLs it gets are reused by the download that follows. */
  async function countSupplementalDocuments(clients: AwsClients, listing: Listing): Promise<void> {
    await runPool(listing.invoices, CONCURRENCY, async (invoice) => {
      try {
        const documents = await getDocuments(clients, invoice.invoiceId, false);
        invoice.supplementalCount = documents.filter((document) => document.documentType !== 'INVOICE').length;
      } catch {
        // Without GetInvoicePDF the count stays unknown; the download reports the missing permission.
        return;
      }
      const stored = await sessionListing.getValue();
      if (stored?.listedAt !== listing.listedAt) return;
      await sessionListing.setValue(listing);
    });
  }
}

function createDefaultSink(form: DownloadForm) {
  return form === 'zip' ? createZipSink() : Promise.resolve(createDownloadsSink());
}

function failure(error: UserError): { ok: false; error: UserError } {
  return { ok: false, error };
}

