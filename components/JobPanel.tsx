import { t } from '@/utils/i18n';
import { countProgress, isJobFinished, type JobProgress } from '@/utils/jobs/job-state';
import { describeJobTitle } from '@/utils/format';
import { describeUserError } from '@/utils/user-messages';

interface Props {
  job: JobProgress;
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
    ...job.failedInvoices.map((failure) => ({ name: t('failedInvoice', failure.invoiceId), error: failure.error })),
    ...job.failedSources.map((failure) => ({
      name: t('failedSource', failure.label || t('keysFromPopup')),
      error: failure.error,
    })),
  ];
  const active = job.documents.find((document) => document.status === 'active');
  const missingFromZip = job.form === 'zip' && finished;
  return (
    <section class="job" aria-label={t('jobRegion')}>
      <progress aria-label={t('jobProgress')} max={Math.max(total, 1)} value={done + failed} />
      <p class="job-status" role="status" aria-live="polite">
        {describeJob(job, done, failed, total)}
      </p>
      {!finished && active && <p class="sub">{t('jobNow', active.path.split('/').pop() ?? '')}</p>}
      {job.error && <p class="notice notice-error">{describeUserError(job.error)}</p>}
      {failures.length > 0 && (
        <div class="failures">
          <p>
            {failures.length === 1
              ? t(missingFromZip ? 'failedOneZip' : 'failedOne')
              : t(missingFromZip ? 'failedManyZip' : 'failedMany', String(failures.length))}
          </p>
          <ul aria-label={t('failedDocuments')}>
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
            {t('cancel')}
          </button>
        )}
        {finished && (failures.length > 0 || job.phase === 'failed' || job.phase === 'cancelled') && (
          <button type="button" class="primary" onClick={onRetry}>
            {t('retryFailed')}
          </button>
        )}
      </div>
    </section>
  );
}

function describeJob(job: JobProgress, done: number, failed: number, total: number): string {
  const [saved, all, missing] = [String(done), String(total), String(failed)];
  switch (job.phase) {
    case 'listing':
      return t('jobListing', describeJobTitle(job.filter));
    case 'preparing':
      return t(job.form === 'zip' ? 'jobPreparingZip' : 'jobPreparingPdfs');
    case 'downloading':
      return t('jobDownloading', saved, all);
    case 'saving':
      return job.form === 'zip' ? t('jobSavingZip', saved) : t('jobFinishing');
    case 'cancelled':
      return t('jobCancelled', saved, all);
    case 'failed':
      return t('jobStopped', saved, all);
    case 'done':
      if (job.form === 'zip') {
        const file = job.zipFilename ?? '';
        return job.complete ? t('jobZipComplete', file, saved) : t('jobZipIncomplete', file, missing, all);
      }
      return failed === 0 ? t('jobSavedAll', saved) : t('jobSavedSome', saved, all, missing);
  }
}
