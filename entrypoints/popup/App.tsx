import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CredentialsForm, type FormIssues, type FormValues, type ProfileNeeds } from '@/components/CredentialsForm';
import { DoctorPanel } from '@/components/DoctorPanel';
import { ErrorNotice } from '@/components/ErrorNotice';
import { InvoiceTable } from '@/components/InvoiceTable';
import { JobPanel } from '@/components/JobPanel';
import type { DoctorReport } from '@/utils/aws/doctor';
import { getCurrentMonth, getPreviousMonth } from '@/utils/billing-month';
import { isJobFinished, type DownloadForm, type JobState } from '@/utils/jobs/job-state';
import { sendMessage } from '@/utils/messaging';
import {
  localProfiles,
  localSettings,
  sessionCredentials,
  sessionJob,
  sessionListing,
  sessionPendingRequest,
  sessionVaultKey,
  type Listing,
  type PendingRequest,
  type Profile,
} from '@/utils/storage';
import type { CredentialSource, UserError } from '@/utils/types';
import { describeEmptyMonth, describePendingRequest } from '@/utils/user-messages';
import { validateCredentialsForm } from '@/utils/validation';

const form = signal<FormValues>({
  profileId: '',
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
const job = signal<JobState | null>(null);
const report = signal<DoctorReport | null>(null);
const error = signal<UserError | null>(null);
const busy = signal(false);
const editingKeys = signal(false);
const pending = signal<PendingRequest | null>(null);

const FIELD_IDS: Record<keyof FormValues, string> = {
  profileId: 'profile',
  accessKeyId: 'access-key-id',
  secretAccessKey: 'secret-access-key',
  sessionToken: 'session-token',
  month: 'billing-month',
  passphrase: 'passphrase',
  mfaCode: 'mfa-code',
};

/** Loads what the background kept for this browser session, so a reopened popup shows the same month and job. */
async function restoreSession(): Promise<void> {
  const [credentials, storedListing, storedJob, storedProfiles, settings, key, waiting] = await Promise.all([
    sessionCredentials.getValue(),
    sessionListing.getValue(),
    sessionJob.getValue(),
    localProfiles.getValue(),
    localSettings.getValue(),
    sessionVaultKey.getValue(),
    sessionPendingRequest.getValue(),
  ]);
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
    ...(storedListing ? { month: storedListing.month } : {}),
  };
  listing.value = storedListing;
  job.value = storedJob;
  // Opening the popup wakes a stopped worker, which then continues the job at once instead of at its next alarm.
  if (storedJob && !isJobFinished(storedJob)) void sendMessage('resumeJob', {}).catch(() => undefined);
}

/** What the chosen profile still needs: known up front for a locked vault, otherwise learnt from the background. */
function computeNeeds(): ProfileNeeds {
  const profile = profiles.value.find((p) => p.id === form.value.profileId);
  return {
    secret: asked.value.secret,
    passphrase: Boolean(profile?.remember && !vaultUnlocked.value) || asked.value.passphrase,
    mfa: asked.value.mfa,
  };
}

/** Validates locally, unlocks the vault if a passphrase was typed, and builds the source for the background. */
async function prepareSource(): Promise<CredentialSource | null> {
  const values = form.value;
  const found: FormIssues = {};
  const needs = computeNeeds();
  if (values.profileId) {
    const monthIssue = validateCredentialsForm(
      { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'a'.repeat(40), sessionToken: '', month: values.month },
      new Date(),
    ).month;
    if (monthIssue) found.month = monthIssue;
    if (needs.passphrase && !values.passphrase) found.passphrase = 'required';
    if (needs.mfa && !/^\d{6}$/.test(values.mfaCode.trim())) found.mfaCode = 'mfa-code-shape';
    if (needs.secret) {
      const secretIssue = validateCredentialsForm(
        { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: values.secretAccessKey, sessionToken: '', month: values.month },
        new Date(),
      ).secretAccessKey;
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
    return {
      kind: 'profile',
      profileId: values.profileId,
      ...(needs.secret ? { secretAccessKey: values.secretAccessKey } : {}),
      ...(needs.mfa ? { mfaCode: values.mfaCode.trim() } : {}),
    };
  }
  const { accessKeyId, secretAccessKey, sessionToken } = values;
  return { kind: 'keys', credentials: { accessKeyId, secretAccessKey, ...(sessionToken.trim() ? { sessionToken } : {}) } };
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

async function runWithSource(action: (source: CredentialSource, month: string) => Promise<void>): Promise<void> {
  busy.value = true;
  try {
    const source = await prepareSource();
    if (source) await action(source, form.value.month.trim());
  } catch {
    error.value = { code: 'unknown', detail: 'The extension did not answer. Reopen the popup and try again.' };
  } finally {
    busy.value = false;
  }
}

function listMonth(): Promise<void> {
  return runWithSource(async (source, month) => {
    report.value = null;
    const result = await sendMessage('listInvoices', { source, month });
    if (result.ok) {
      listing.value = result.listing;
      editingKeys.value = false;
      asked.value = { secret: false, passphrase: false, mfa: false };
      form.value = { ...form.value, mfaCode: '' };
    } else {
      handleFailure(result.error);
    }
  });
}

function checkPermissions(): Promise<void> {
  return runWithSource(async (source, month) => {
    const result = await sendMessage('checkPermissions', { source, month });
    if (result.ok) report.value = result.report;
    else handleFailure(result.error);
  });
}

async function startDownload(downloadForm: DownloadForm): Promise<void> {
  const result = await sendMessage('startDownload', { form: downloadForm });
  if (!result.ok) error.value = result.error;
}

export function App() {
  useEffect(() => {
    void restoreSession();
    const unwatch = [
      sessionListing.watch((value) => (listing.value = value)),
      sessionJob.watch((value) => (job.value = value)),
      localProfiles.watch((value) => (profiles.value = value)),
      sessionVaultKey.watch((value) => (vaultUnlocked.value = value !== null)),
      sessionPendingRequest.watch((value) => (pending.value = value)),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const current = listing.value;
  const currentJob = job.value;
  const jobRunning = currentJob !== null && !isJobFinished(currentJob);
  return (
    <main>
      <header class="top">
        <h1>AWS Invoice Downloader</h1>
        <nav class="top-actions" aria-label="Extension">
          {vaultUnlocked.value && (
            <button type="button" class="link" onClick={() => void sendMessage('lockVault', {})}>
              Lock vault
            </button>
          )}
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Profiles and settings
          </button>
        </nav>
      </header>
      {pending.value && (
        <p class="notice" role="status">
          {describePendingRequest(pending.value)}
        </p>
      )}
      {current && (
        <p class="identity" aria-label="Signed in as">
          Account <strong>{current.identity.accountId}</strong>
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
          form.value = values;
        }}
        onSubmit={() => void listMonth()}
        onCheckPermissions={() => void checkPermissions()}
        onEditKeys={() => (editingKeys.value = true)}
      />
      {error.value && <ErrorNotice error={error.value} />}
      {report.value && <DoctorPanel report={report.value} />}
      {current && !error.value && (
        <section class="listing" aria-label="Invoices">
          {current.invoices.length === 0 ? (
            <p class="notice" role="status">
              {describeEmptyMonth(current.month, new Date())}
            </p>
          ) : (
            <>
              <InvoiceTable invoices={current.invoices} month={current.month} />
              <div class="actions">
                <button type="button" class="primary" disabled={jobRunning} onClick={() => void startDownload('pdfs')}>
                  Download PDFs
                </button>
                <button type="button" disabled={jobRunning} onClick={() => void startDownload('zip')}>
                  Download ZIP
                </button>
              </div>
            </>
          )}
        </section>
      )}
      {currentJob && (
        <JobPanel
          job={currentJob}
          onRetry={() => void sendMessage('retryFailed', {}).then((result) => !result.ok && (error.value = result.error))}
          onCancel={() => void sendMessage('cancelJob', {})}
        />
      )}
    </main>
  );
}
