import { countProgress, isJobFinished, type JobState } from '@/utils/jobs/job-state';
import { describeUserError } from '@/utils/user-messages';

interface Props {
  job: JobState;
  onRetry(): void;
  onCancel(): void;
}

/** Progress of the background job, what it saved, and every document that failed with a way to retry. */
export function JobPanel({ job, onRetry, onCancel }: Props) {
  const { done, failed, total } = countProgress(job);
  const finished = isJobFinished(job);
  const failures = [
    ...job.documents.filter((document) => document.status === 'failed').map((document) => ({
      name: document.path.split('/').pop() ?? document.path,
      error: document.error,
    })),
    ...job.failedInvoices.map((failure) => ({ name: `${failure.invoiceId} (all documents)`, error: failure.error })),
    ...job.failedSources.map((failure) => ({ name: `${failure.label} (could not be listed)`, error: failure.error })),
  ];
  const active = job.documents.find((document) => document.status === 'active');
  return (
    <section class="job" aria-label="Download">
      <progress aria-label="Download progress" max={Math.max(total, 1)} value={done + failed} />
      <p class="job-status" role="status" aria-live="polite">
        {describeJob(job, done, failed, total)}
      </p>
      {!finished && active && <p class="sub">Now: {active.path.split('/').pop()}</p>}
      {job.error && <p class="notice notice-error">{describeUserError(job.error)}</p>}
      {failures.length > 0 && (
        <div class="failures">
          <p>
            {failures.length === 1 ? 'This document' : `These ${failures.length} documents`} could not be saved
            {job.form === 'zip' && finished ? ' and are missing from the ZIP' : ''}:
          </p>
          <ul aria-label="Failed documents">
            {failures.map((failure) => (
              <li key={failure.name}>
                {failure.name}
                {failure.error && <span class="sub">{describeUserError(failure.error)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="actions">
        {!finished && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {finished && (failures.length > 0 || job.phase === 'failed' || job.phase === 'cancelled') && (
          <button type="button" class="primary" onClick={onRetry}>
            Retry failed
          </button>
        )}
      </div>
    </section>
  );
}

function describeJob(job: JobState, done: number, failed: number, total: number): string {
  const form = job.form === 'zip' ? 'ZIP' : 'PDFs';
  switch (job.phase) {
    case 'listing':
      return `Listing ${job.title}…`;
    case 'preparing':
      return `Preparing ${form}…`;
    case 'downloading':
      return `Downloading ${done} of ${total} documents…`;
    case 'saving':
      return job.form === 'zip' ? `Saving the ZIP (${done} documents)…` : `Finishing…`;
    case 'cancelled':
      return `Cancelled after ${done} of ${total} documents.`;
    case 'failed':
      return `Stopped: ${done} of ${total} documents saved.`;
    case 'done':
      if (job.form === 'zip') {
        return job.complete
          ? `ZIP saved to Downloads: ${job.zipFilename} (${done} documents, complete).`
          : `ZIP saved to Downloads: ${job.zipFilename}, but it is incomplete: ${failed} of ${total} documents are missing.`;
      }
      return failed === 0
        ? `Saved all ${done} documents to Downloads/AWS Invoices.`
        : `Saved ${done} of ${total} documents; ${failed} failed.`;
  }
}
