import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { createAwsClients, type AwsClients, type AwsEndpoints } from './aws/clients';
import { checkPermissions, type DoctorReport } from './aws/doctor';
import { toUserError } from './aws/errors';
import { whoAmI } from './aws/identity';
import { listInvoicesInRange } from './aws/invoices';
import { downloadAndWait } from './browser/downloads';
import { buildLedgerCsv } from './ledger';
import { createJobService, type JobService, type JobServiceOptions } from './job-service';
import { createCoalescedWriter } from './jobs/coalesce';
import { buildLedgerFilename } from './jobs/run-job';
import { onMessage, type ListRequest, type ProtocolMap, type Result } from './messaging';
import { deleteProfile, resolveCredentials, saveProfile } from './profile-service';
import {
  localProfiles,
  localSettings,
  sessionCredentials,
  sessionDocumentUrls,
  sessionJob,
  sessionJobInvoices,
  sessionListing,
  sessionSupplementalCounts,
  type Listing,
} from './storage';
import type { CallerIdentity, Credentials, CredentialSource, InvoiceRow, UserError } from './types';
import { findKeysIssue, normalizeCredentials, validateBillingMonth, validateCredentialsForm } from './validation';
import { forgetEverything, lockVault, touchVault, unlockVault } from './vault-service';

export type ServiceOptions = JobServiceOptions & { jobs?: JobService };

export type InvoiceService = {
  [K in keyof ProtocolMap]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
} & {
  /** Unlocking or entering keys can let a waiting request (from the context menu) start: it is told here. */
  onCredentialsAvailable(listener: () => void): void;
  jobs: JobService;
};

/** Answers the popup's and the options page's messages. */
export function registerInvoiceService(options: ServiceOptions): InvoiceService {
  const service = createInvoiceService(options);
  for (const type of Object.keys(service) as (keyof ProtocolMap)[]) {
    if (type in MESSAGE_TYPES) onMessage(type, ({ data }) => (service[type] as (d: unknown) => Promise<never>)(data));
  }
  return service;
}

const MESSAGE_TYPES: Record<keyof ProtocolMap, true> = {
  listInvoices: true,
  checkKeys: true,
  exportLedger: true,
  checkPermissions: true,
  startDownload: true,
  retryFailed: true,
  popupOpened: true,
  cancelJob: true,
  forgetSession: true,
  saveProfile: true,
  deleteProfile: true,
  unlockVault: true,
  lockVault: true,
  forgetAll: true,
};

/** The service's logic, free of message plumbing. */
export function createInvoiceService(options: ServiceOptions): InvoiceService {
  const { endpoints } = options;
  const jobs = options.jobs ?? createJobService(options);
  const listeners: (() => void)[] = [];
  const credentialsAvailable = () => listeners.forEach((listener) => listener());
  /** The listing last stored (its listedAt): counts for an older one are not written. */
  let currentListing: number | undefined;
  /**
   * SDK clients and STS's answer for each set of typed keys, in memory while the worker lives: the popup has the keys
   * checked as soon as they are typed, and a listing reuses both instead of waiting for STS (and for the SDK's first
   * call). Profiles' keys are not kept here, so that a locked vault leaves none behind.
   */
  const checkedKeys = new Map<string, { clients: AwsClients; identity: Promise<CallerIdentity> }>();

  function checkKeys(credentials: Credentials, keep = true) {
    const key = JSON.stringify([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]);
    const kept = checkedKeys.get(key);
    if (kept) return kept;
    const clients = createAwsClients(credentials, endpoints);
    const checked = { clients, identity: whoAmI(clients) };
    if (keep) {
      checkedKeys.set(key, checked);
      // A refused or failed check is asked again next time: the keys may be new, or the network back.
      checked.identity.catch(() => checkedKeys.get(key) === checked && checkedKeys.delete(key));
    }
    return checked;
  }

  /** Validates the input and resolves a profile to usable credentials; never sends malformed keys to AWS. */
  async function prepare(source: CredentialSource, month: string) {
    const monthIssue = validateMonth(month);
    if (monthIssue) return failure({ code: 'invalid-request', detail: `month: ${monthIssue}` });
    if (source.kind === 'keys') {
      // The popup validated already; checking again keeps a malformed request from ever reaching AWS.
      const form = { ...source.credentials, sessionToken: source.credentials.sessionToken ?? '', month };
      const issues = validateCredentialsForm(form, new Date());
      if (Object.keys(issues).length > 0) return failure({ code: 'invalid-request', detail: Object.keys(issues).join(', ') });
      return resolveCredentials({ kind: 'keys', credentials: normalizeCredentials(form) }, endpoints);
    }
    await touchVault();
    return resolveCredentials(source, endpoints);
  }

  async function listMonth(data: ListRequest): Promise<Result<{ listing: Listing }>> {
    const by = data.by ?? 'billing-month';
    const toMonth = data.toMonth && data.toMonth > data.month ? data.toMonth : undefined;
    const toIssue = toMonth && validateMonth(toMonth);
    if (toIssue) return failure({ code: 'invalid-request', detail: `toMonth: ${toIssue}` });
    // Documents fetched ahead for the previous listing are of no use to this one.
    void jobs.clearWarm();
    // Open already when the popup opened; else it opens while AWS answers, so the first links found can be fetched.
    const zipReady = jobs.prepareZip();
    // Each page's invoices are looked up as it arrives; their counts are written once this listing is stored.
    let settleListing: (listedAt: number | undefined) => void = () => undefined;
    const stored = new Promise<number | undefined>((resolve) => (settleListing = resolve));
    const lookups = lookUpDocuments(stored, zipReady);
    const result = await collectListing(data, by, toMonth, lookups.add);
    if (!result.ok) {
      settleListing(undefined);
      return result;
    }
    const { listing } = result;
    currentListing = listing.listedAt;
    await Promise.all([sessionListing.setValue(listing), sessionSupplementalCounts.removeValue()]);
    settleListing(listing.listedAt);
    credentialsAvailable();
    return { ok: true, listing };
  }

  /** Lists every source in turn (keys checked with STS first), handing each page's new invoices to `onRows`. */
  async function collectListing(
    data: ListRequest,
    by: NonNullable<ListRequest['by']>,
    toMonth: string | undefined,
    onRows: (clients: AwsClients, rows: InvoiceRow[]) => void,
  ): Promise<Result<{ listing: Listing }>> {
    // Read while AWS answers, like the stored copy of the keys below: neither is on the way to the first page.
    const saved = localProfiles.getValue();
    const accounts: NonNullable<Listing['accounts']> = [];
    const invoices: InvoiceRow[] = [];
    const seen = new Set<string>();
    const lookedUp = new Set<string>();
    let firstIdentity: CallerIdentity | undefined;
    for (const source of [data.source, ...(data.moreSources ?? [])]) {
      const resolved = await prepare(source, data.month);
      if (!resolved.ok) return resolved;
      const { clients, identity: checked } = checkKeys(resolved.credentials, source.kind === 'keys');
      let identity: CallerIdentity;
      try {
        identity = await checked;
      } catch (error) {
        return failure(toUserError(error));
      }
      // Keys that STS accepted are kept for this browser session only (memory), for downloads and the next popup.
      const kept = source.kind === 'keys' && sessionCredentials.setValue(resolved.credentials);
      firstIdentity ??= identity;
      const profileId = source.kind === 'profile' ? source.profileId : undefined;
      const range = { by, month: data.month, ...(toMonth ? { toMonth } : {}) };
      const onPage = (rows: InvoiceRow[]) => onRows(clients, rows.filter((row) => !lookedUp.has(row.invoiceId) && lookedUp.add(row.invoiceId)));
      try {
        const [rows, profiles] = await Promise.all([listInvoicesInRange(clients, identity.accountId, range, onPage), saved, kept]);
        accounts.push({
          ...(profileId ? { profileId } : {}),
          accountId: identity.accountId,
          label: profiles.find((p) => p.id === profileId)?.name ?? identity.accountId,
        });
        // Invoice IDs are unique across AWS: one seen through two profiles is listed (and fetched) once.
        for (const row of rows) if (!seen.has(row.invoiceId) && seen.add(row.invoiceId)) invoices.push(row);
      } catch (error) {
        return failure(toUserError(error, 'invoicing:ListInvoiceSummaries'));
      }
    }
    const listing: Listing = {
      ...(data.source.kind === 'profile' ? { profileId: data.source.profileId } : {}),
      identity: firstIdentity as CallerIdentity,
      month: data.month,
      ...(toMonth ? { toMonth } : {}),
      by,
      accounts,
      invoices,
      listedAt: Date.now(),
    };
    return { ok: true, listing };
  }

  /**
   * Fills the table's "supplemental documents" column. The URLs it gets are reused by the download that follows, and
   * the documents behind them are fetched ahead for a ZIP (see jobs/warm-documents.ts). The request pool bounds the
   * calls in flight; counts are written once `stored` gives the listing's time, and only while it is the one shown.
   */
  function lookUpDocuments(stored: Promise<number | undefined>, zipReady: Promise<boolean>) {
    const counts: Record<string, number> = {};
    const writer = createCoalescedWriter(async () => {
      const listedAt = await stored;
      if (listedAt !== undefined && currentListing === listedAt) await sessionSupplementalCounts.setValue({ ...counts });
    }, 250);
    const lookUp = async (clients: AwsClients, invoiceId: string) => {
      try {
        const documents = await jobs.getDocuments(clients, invoiceId, false);
        void zipReady.then((ready) => ready && jobs.warm(documents));
        counts[invoiceId] = documents.filter((document) => document.documentType !== 'INVOICE').length;
      } catch {
        // Without GetInvoicePDF the count stays unknown; the download reports the missing permission.
        return;
      }
      writer.soon();
    };
    return {
      add: (clients: AwsClients, rows: InvoiceRow[]) => rows.forEach((row) => void lookUp(clients, row.invoiceId)),
    };
  }

  async function forgetSession(): Promise<Result<object>> {
    checkedKeys.clear();
    await jobs.cancel();
    jobs.clearCache();
    currentListing = undefined;
    await jobs.clearWarm();
    await Promise.all([
      sessionCredentials.removeValue(),
      sessionListing.removeValue(),
      sessionSupplementalCounts.removeValue(),
      sessionDocumentUrls.removeValue(),
      sessionJob.removeValue(),
      sessionJobInvoices.removeValue(),
    ]);
    return { ok: true };
  }

  return {
    jobs,
    onCredentialsAvailable: (listener) => void listeners.push(listener),
    listInvoices: listMonth,
    async checkKeys({ credentials }) {
      const form = { ...credentials, sessionToken: credentials.sessionToken ?? '' };
      // Malformed keys never reach AWS.
      if (findKeysIssue(form)) return failure({ code: 'invalid-request' });
      try {
        await checkKeys(normalizeCredentials(form)).identity;
        return { ok: true };
      } catch (error) {
        return failure(toUserError(error));
      }
    },
    async checkPermissions(data): Promise<Result<{ report: DoctorReport }>> {
      const resolved = await prepare(data.source, data.month);
      if (!resolved.ok) return resolved;
      return { ok: true, report: await checkPermissions(createAwsClients(resolved.credentials, endpoints), data.month) };
    },
    async startDownload({ form }) {
      const [listing, profiles, { namingTemplate }] = await Promise.all([
        sessionListing.getValue(),
        localProfiles.getValue(),
        localSettings.getValue(),
      ]);
      if (!listing) return failure({ code: 'nothing-listed' });
      const profile = profiles.find((p) => p.id === listing.profileId);
      const sources = listing.accounts ?? [
        {
          ...(listing.profileId ? { profileId: listing.profileId } : {}),
          accountId: listing.identity.accountId,
          label: profile?.name ?? listing.identity.accountId,
        },
      ];
      return jobs.start({
        form,
        ...(namingTemplate ? { namingTemplate } : {}),
        filter: { by: listing.by ?? 'billing-month', month: listing.month, ...(listing.toMonth ? { toMonth: listing.toMonth } : {}) },
        sources,
        invoices: listing.invoices,
        now: Date.now(),
      });
    },
    retryFailed: () => jobs.retryFailed(),
    async exportLedger() {
      const listing = await sessionListing.getValue();
      if (!listing) return failure({ code: 'nothing-listed' });
      const labels = new Map((listing.accounts ?? []).map((account) => [account.accountId, account.label]));
      const csv = buildLedgerCsv(listing.invoices.map((invoice) => ({ invoice, profile: labels.get(invoice.accountId) ?? '' })));
      const filename = buildLedgerFilename(listing);
      // A data URL downloads from a service worker, which cannot make blob URLs; a ledger is small.
      await downloadAndWait(`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`, filename);
      return { ok: true, filename };
    },
    async popupOpened() {
      await Promise.all([jobs.resume(), jobs.prepareZip()]);
      return { ok: true };
    },
    async cancelJob() {
      await jobs.cancel();
      return { ok: true };
    },
    forgetSession,
    saveProfile: async (draft) => {
      const result = await saveProfile(draft);
      if (result.ok) credentialsAvailable();
      return result;
    },
    async deleteProfile({ profileId }) {
      await deleteProfile(profileId);
      return { ok: true };
    },
    async unlockVault({ passphrase }) {
      const error = await unlockVault(passphrase);
      if (error) return failure(error);
      credentialsAvailable();
      return { ok: true };
    },
    async lockVault() {
      await lockVault();
      return { ok: true };
    },
    async forgetAll() {
      await forgetSession();
      await forgetEverything();
      return { ok: true };
    },
  };
}

function validateMonth(month: string) {
  return validateBillingMonth(month, new Date());
}

function failure(error: UserError): { ok: false; error: UserError } {
  return { ok: false, error };
}
