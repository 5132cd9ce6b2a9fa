import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { CredentialsForm } from '@/components/CredentialsForm';
import { ErrorNotice } from '@/components/ErrorNotice';
import { InvoiceTable } from '@/components/InvoiceTable';
import { JobPanel } from '@/components/JobPanel';
import { getCurrentMonth, getPreviousMonth } from '@/utils/billing-month';
import { isJobFinished, type DownloadForm, type JobState } from '@/utils/jobs/job-state';
import { sendMessage } from '@/utils/messaging';
import { sessionCredentials, sessionJob, sessionListing, type Listing } from '@/utils/storage';
import type { UserError } from '@/utils/types';
import { describeEmptyMonth } from '@/utils/user-messages';
import { validateCredentialsForm, type CredentialsForm as FormValues, type FieldIssue } from '@/utils/validation';

const form = signal<FormValues>({ accessKeyId: '', secretAccessKey: '', sessionToken: '', month: getPreviousMonth(new Date()) });
const issues = signal<Partial<Record<keyof FormValues, FieldIssue>>>({});
const listing = signal<Listing | null>(null);
const job = signal<JobState | null>(null);
const error = signal<UserError | null>(null);
const busy = signal(false);
const editingKeys = signal(false);

/** Loads what the background kept for this browser session, so a reopened popup shows the same month and job. */
async function restoreSession(): Promise<void> {
  const [credentials, storedListing, storedJob] = await Promise.all([
    sessionCredentials.getValue(),
    sessionListing.getValue(),
    sessionJob.getValue(),
  ]);
  if (credentials) {
    form.value = {
      ...form.value,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken ?? '',
    };
  }
  if (storedListing) form.value = { ...form.value, month: storedListing.month };
  listing.value = storedListing;
  job.value = storedJob;
}

async function listMonth(): Promise<void> {
  const found = validateCredentialsForm(form.value, new Date());
  issues.value = found;
  error.value = null;
  if (Object.keys(found).length > 0) {
    const first = Object.keys(found)[0];
    document.getElementById(fieldIds[first as keyof FormValues])?.focus();
    return;
  }
  busy.value = true;
  try {
    const { accessKeyId, secretAccessKey, sessionToken, month } = form.value;
    const result = await sendMessage('listInvoices', {
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken.trim() ? { sessionToken } : {}) },
      month: month.trim(),
    });
    if (result.ok) {
      listing.value = result.listing;
      editingKeys.value = false;
    } else {
      error.value = result.error;
    }
  } catch {
    error.value = { code: 'unknown', detail: 'The extension did not answer. Reopen the popup and try again.' };
  } finally {
    busy.value = false;
  }
}

async function startDownload(downloadForm: DownloadForm): Promise<void> {
  const result = await sendMessage('startDownload', { form: downloadForm });
  if (!result.ok) error.value = result.error;
}

const fieldIds: Record<keyof FormValues, string> = {
  accessKeyId: 'access-key-id',
  secretAccessKey: 'secret-access-key',
  sessionToken: 'session-token',
  month: 'billing-month',
};

export function App() {
  useEffect(() => {
    void restoreSession();
    const unwatch = [
      sessionListing.watch((value) => (listing.value = value)),
      sessionJob.watch((value) => (job.value = value)),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const current = listing.value;
  const currentJob = job.value;
  const jobRunning = currentJob !== null && !isJobFinished(currentJob);
  return (
    <main>
      <header>
        <h1>AWS Invoice Downloader</h1>
        {current && (
          <p class="identity" aria-label="Signed in as">
            Account <strong>{current.identity.accountId}</strong>
            <span class="sub arn">{current.identity.arn}</span>
          </p>
        )}
      </header>
      <CredentialsForm
        values={form.value}
        issues={issues.value}
        busy={busy.value}
        keysCollapsed={current !== null && !editingKeys.value}
        maxMonth={getCurrentMonth(new Date())}
        onChange={(values) => (form.value = values)}
        onSubmit={() => void listMonth()}
        onEditKeys={() => (editingKeys.value = true)}
      />
      {error.value && <ErrorNotice error={error.value} />}
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
