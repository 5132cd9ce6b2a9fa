import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  ALL_PROFILES,
  CredentialsForm,
  SEVERAL_PROFILES,
  type FormIssues,
  type FormValues,
  type ProfileNeeds,
} from '@/components/CredentialsForm';
import { DoctorPanel } from '@/components/DoctorPanel';
import { ErrorNotice } from '@/components/ErrorNotice';
import { InvoiceTable } from '@/components/InvoiceTable';
import { JobPanel } from '@/components/JobPanel';
import type { DoctorReport } from '@/utils/aws/doctor';
import { getCurrentMonth, getPreviousMonth } from '@/utils/billing-month';
import { t } from '@/utils/i18n';
import { isJobFinished, type DownloadForm, type JobProgress } from '@/utils/jobs/job-state';
import { sendMessage } from '@/utils/messaging';
import {
  localProfiles,
  localSettings,
  sessionCredentials,
  sessionJob,
  sessionListing,
  sessionPendingRequest,
  sessionSupplementalCounts,
  sessionVaultKey,
  type Listing,
  type PendingRequest,
  type Profile,
} from '@/utils/storage';
import type { CredentialSource, UserError } from '@/utils/types';
import { describePeriod } from '@/utils/format';
import { describeEmptyMonth, describePendingRequest } from '@/utils/user-messages';
import { findKeysIssue, normalizeCredentials, validateBillingMonth, validateCredentialsForm, validateSecretAccessKey } from '@/utils/validation';

const form = signal<FormValues>({
  profileId: '',
  profileIds: [],
  toMonth: '',
  by: 'billing-month',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  month: getPreviousMonth(new Date()),
  passphrase: '',
  mfaCode: '',
});
const issues = signal<FormIssues>({});
const profiles = signal<Profile[]>([]);
const vaultUnlocked = signal(false);
const asked = signal<ProfileNeeds>({ secret: false, passphrase: false, mfa: false });
const listing = signal<Listing | null>(null);
const supplementalCounts = signal<Record<string, number>>({});
const job = signal<JobProgress | null>(null);
const report = signal<DoctorReport | null>(null);
const error = signal<UserError | null>(null);
const busy = signal(false);
const editingKeys = signal(false);
const pending = signal<PendingRequest | null>(null);

const FIELD_IDS: Record<keyof FormValues, string> = {
  profileId: 'profile',
  profileIds: 'profile',
  toMonth: 'to-month',
  by: 'match-by',
  accessKeyId: 'access-key-id',
  secretAccessKey: 'secret-access-key',
  sessionToken: 'session-token',
  month: 'billing-month',
  passphrase: 'passphrase',
  mfaCode: 'mfa-code',
};

/** Loads what the background kept for this browser session, so a reopened popup shows the same month and job. */
async function restoreSession(): Promise<void> {
  const [credentials, storedListing, storedJob, storedProfiles, settings, key, waiting, counts] = await Promise.all([
    sessionCredentials.getValue(),
    sessionListing.getValue(),
    sessionJob.getValue(),
    localProfiles.getValue(),
    localSettings.getValue(),
    sessionVaultKey.getValue(),
    sessionPendingRequest.getValue(),
    sessionSupplementalCounts.getValue(),
  ]);
  supplementalCounts.value = counts;
  profiles.value = storedProfiles;
  pending.value = waiting;
  vaultUnlocked.value = key !== null;
  const knownProfile = (id?: string) => (id && storedProfiles.some((p) => p.id === id) ? id : undefined);
  const profileId = waiting
    ? (knownProfile(waiting.profileId) ?? '')
    : storedListing
    ? (knownProfile(storedListing.profileId) ?? '')
    : (knownProfile(settings.defaultProfileId) ?? storedProfiles[0]?.id ?? '');
  form.value = {
    ...form.value,
    profileId,
    ...(credentials && !storedListing?.profileId
      ? { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken ?? '' }
      : {}),
    ...(storedListing
      ? { month: storedListing.month, toMonth: storedListing.toMonth ?? '', by: storedListing.by ?? 'billing-month' }
      : {}),
  };
  listing.value = storedListing;
  job.value = storedJob;
  // Wakes a stopped worker, which then continues a job at once instead of at its next alarm, and gets ready for a ZIP.
  void sendMessage('popupOpened', {}).catch(() => undefined);
}

/**
 * Shows a listing unless it is already shown: the reply and the storage change both bring it, and the same listing
 * again would redraw the whole table for nothing.
 */
function showListing(next: Listing | null): void {
  if (next?.listedAt !== listing.value?.listedAt) listing.value = next;
}

let lastCheckedKeys = '';
/** Once typed keys look right, the background checks them with STS while the person picks a month (see checkKeys). */
function checkTypedKeys(values: FormValues): void {
  const credentials = normalizeCredentials(values);
  const keys = JSON.stringify(credentials);
  if (values.profileId || keys === lastCheckedKeys || findKeysIssue(values)) return;
  lastCheckedKeys = keys;
  void sendMessage('checkKeys', { credentials }).catch(() => undefined);
}

/** The saved profiles the form points at: one, all of them, or the ticked ones. */
function chosenProfiles(): Profile[] {
  const { profileId, profileIds } = form.value;
  if (profileId === ALL_PROFILES) return profiles.value;
  if (profileId === SEVERAL_PROFILES) return profiles.value.filter((p) => profileIds.includes(p.id));
  return profiles.value.filter((p) => p.id === profileId);
}

/** What the chosen profiles still need: known up front for a locked vault, otherwise learnt from the background. */
function computeNeeds(): ProfileNeeds {
  return {
    secret: asked.value.secret,
    passphrase: chosenProfiles().some((p) => p.remember && !vaultUnlocked.value) || asked.value.passphrase,
    mfa: asked.value.mfa,
  };
}

/** Validates locally, unlocks the vault if a passphrase was typed, and builds the sources for the background. */
async function prepareSource(): Promise<CredentialSource[] | null> {
  const values = form.value;
  const found: FormIssues = {};
  const needs = computeNeeds();
  const checkMonth = (month: string) => validateBillingMonth(month, new Date());
  if (values.toMonth.trim()) {
    const toIssue = checkMonth(values.toMonth);
    if (toIssue) found.toMonth = toIssue;
    else if (values.toMonth.trim() < values.month.trim()) found.toMonth = 'range-order';
  }
  if (values.profileId) {
    const monthIssue = checkMonth(values.month);
    if (monthIssue) found.month = monthIssue;
    if (values.profileId === SEVERAL_PROFILES && values.profileIds.length === 0) found.profileIds = 'required';
    if (needs.passphrase && !values.passphrase) found.passphrase = 'required';
    if (needs.mfa && !/^\d{6}$/.test(values.mfaCode.trim())) found.mfaCode = 'mfa-code-shape';
    if (needs.secret) {
      const secretIssue = validateSecretAccessKey(values.secretAccessKey);
      if (secretIssue) found.secretAccessKey = secretIssue;
    }
  } else {
    Object.assign(found, validateCredentialsForm(values, new Date()));
  }
  issues.value = found;
  error.value = null;
  if (Object.keys(found).length > 0) {
    document.getElementById(FIELD_IDS[Object.keys(found)[0] as keyof FormValues])?.focus();
    return null;
  }
  if (values.profileId && needs.passphrase) {
    const unlocked = await sendMessage('unlockVault', { passphrase: values.passphrase });
    form.value = { ...form.value, passphrase: '' };
    if (!unlocked.ok) {
      error.value = unlocked.error;
      return null;
    }
    vaultUnlocked.value = true;
    asked.value = { ...asked.value, passphrase: false };
  }
  if (values.profileId) {
    return chosenProfiles().map((profile) => ({
      kind: 'profile',
      profileId: profile.id,
      ...(needs.secret ? { secretAccessKey: values.secretAccessKey } : {}),
      ...(needs.mfa ? { mfaCode: values.mfaCode.trim() } : {}),
    }));
  }
  const { accessKeyId, secretAccessKey, sessionToken } = values;
  return [{ kind: 'keys', credentials: { accessKeyId, secretAccessKey, ...(sessionToken.trim() ? { sessionToken } : {}) } }];
}

/** Shows the field the background asked for instead of a dead-end error. */
function handleFailure(failure: UserError): void {
  if (failure.code === 'secret-needed') asked.value = { ...asked.value, secret: true };
  if (failure.code === 'vault-locked') {
    vaultUnlocked.value = false;
    asked.value = { ...asked.value, passphrase: true };
  }
  if (failure.code === 'mfa-needed' || failure.code === 'mfa-invalid') asked.value = { ...asked.value, mfa: true };
  error.value = failure;
}

async function runWithSource(action: (sources: CredentialSource[], month: string) => Promise<void>): Promise<void> {
  busy.value = true;
  try {
    const sources = await prepareSource();
    if (sources && sources.length > 0) await action(sources, form.value.month.trim());
  } catch {
    error.value = { code: 'no-answer' };
  } finally {
    busy.value = false;
  }
}

function listMonth(): Promise<void> {
  return runWithSource(async ([source, ...moreSources], month) => {
    report.value = null;
    const toMonth = form.value.toMonth.trim();
    const result = await sendMessage('listInvoices', {
      source: source as CredentialSource,
      ...(moreSources.length ? { moreSources } : {}),
      month,
      ...(toMonth && toMonth !== month ? { toMonth } : {}),
      by: form.value.by,
    });
    if (result.ok) {
      showListing(result.listing);
      editingKeys.value = false;
      asked.value = { secret: false, passphrase: false, mfa: false };
      form.value = { ...form.value, mfaCode: '' };
    } else {
      handleFailure(result.error);
    }
  });
}

function checkPermissions(): Promise<void> {
  return runWithSource(async ([source], month) => {
    const result = await sendMessage('checkPermissions', { source: source as CredentialSource, month });
    if (result.ok) report.value = result.report;
    else handleFailure(result.error);
  });
}

async function exportLedger(): Promise<void> {
  const result = await sendMessage('exportLedger', {});
  if (!result.ok) error.value = result.error;
}

async function startDownload(downloadForm: DownloadForm): Promise<void> {
  const result = await sendMessage('startDownload', { form: downloadForm });
  if (!result.ok) error.value = result.error;
}

export function App() {
  useEffect(() => {
    void restoreSession();
    const unwatch = [
      sessionListing.watch(showListing),
      sessionSupplementalCounts.watch((value) => (supplementalCounts.value = value)),
      sessionJob.watch((value) => (job.value = value)),
      localProfiles.watch((value) => (profiles.value = value)),
      sessionVaultKey.watch((value) => (vaultUnlocked.value = value !== null)),
      sessionPendingRequest.watch((value) => (pending.value = value)),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const current = listing.value;
  return (
    <main>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav class="top-actions" aria-label={t('extensionNav')}>
          {vaultUnlocked.value && (
            <button type="button" class="link" onClick={() => void sendMessage('lockVault', {})}>
              {t('lockVault')}
            </button>
          )}
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('openOptions')}
          </button>
        </nav>
      </header>
      {pending.value && (
        <p class="notice" role="status">
          {describePendingRequest(pending.value)}
        </p>
      )}
      {current && (
        <p class="identity" aria-label={t('signedInAs')}>
          {t('identityAccount')} <strong>{current.identity.accountId}</strong>
          <span class="sub arn">{current.identity.arn}</span>
        </p>
      )}
      <CredentialsForm
        values={form.value}
        issues={issues.value}
        profiles={profiles.value}
        needs={computeNeeds()}
        busy={busy.value}
        keysCollapsed={current !== null && !editingKeys.value}
        maxMonth={getCurrentMonth(new Date())}
        onChange={(values) => {
          if (values.profileId !== form.value.profileId) {
            asked.value = { secret: false, passphrase: false, mfa: false };
            error.value = null;
            issues.value = {};
          }
          // The secret is typed or pasted last: checking on a change of the key ID alone would ask STS about a new
          // key ID with the old secret.
          if (values.secretAccessKey !== form.value.secretAccessKey) checkTypedKeys(values);
          form.value = values;
        }}
        onSubmit={() => void listMonth()}
        onCheckPermissions={() => void checkPermissions()}
        onEditKeys={() => (editingKeys.value = true)}
      />
      {error.value && <ErrorNotice error={error.value} />}
      {report.value && <DoctorPanel report={report.value} />}
      {current && !error.value && (
        <section class="listing" aria-label={t('invoicesRegion')}>
          {current.invoices.length === 0 ? (
            <p class="notice" role="status">
              {describeEmptyMonth(current.month, new Date())}
            </p>
          ) : (
            <>
              <InvoiceTable
                invoices={current.invoices}
                period={describePeriod(current.month, current.toMonth)}
                accounts={current.accounts}
                counts={supplementalCounts}
              />
              <DownloadActions />
            </>
          )}
        </section>
      )}
      <JobArea />
    </main>
  );
}

/** The download buttons; they alone follow the job, so progress does not redraw the whole popup. */
function DownloadActions() {
  const currentJob = job.value;
  const jobRunning = currentJob !== null && !isJobFinished(currentJob);
  // aria-disabled rather than disabled: a disabled button drops keyboard focus the moment it is pressed.
  const start = (form: DownloadForm) => () => !jobRunning && void startDownload(form);
  return (
    <div class="actions">
      <button type="button" class="primary" aria-disabled={jobRunning} onClick={start('pdfs')}>
        {t('downloadPdfs')}
      </button>
      <button type="button" aria-disabled={jobRunning} onClick={start('zip')}>
        {t('downloadZip')}
      </button>
      <button type="button" onClick={() => void exportLedger()}>
        {t('exportCsv')}
      </button>
    </div>
  );
}

/** The job's progress panel, redrawn on every progress write. */
function JobArea() {
  const currentJob = job.value;
  if (!currentJob) return null;
  return (
    <JobPanel
      job={currentJob}
      onRetry={() => void sendMessage('retryFailed', {}).then((result) => !result.ok && (error.value = result.error))}
      onCancel={() => void sendMessage('cancelJob', {})}
    />
  );
}
