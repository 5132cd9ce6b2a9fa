import type { DoctorReport, PermissionCheck } from '@/utils/aws/doctor';
import { formatMonth } from '@/utils/format';
import { t, type MessageKey } from '@/utils/i18n';
import { MINIMAL_IAM_POLICY } from '@/utils/iam-policy';
import { describeUserError } from '@/utils/user-messages';
import { CopyButton } from './CopyButton';

const STATUS_KEYS: Record<PermissionCheck['status'], MessageKey> = {
  allowed: 'statusAllowed',
  denied: 'statusDenied',
  failed: 'statusFailed',
  untested: 'statusUntested',
};

/** The IAM doctor's report: one line per API action, with the policy to copy when something is denied. */
export function DoctorPanel({ report }: { report: DoctorReport }) {
  const denied = report.checks.some((check) => check.status === 'denied');
  return (
    <section class="doctor" aria-label={t('permissionCheck')}>
      <h2>{t('permissionCheckFor', formatMonth(report.month))}</h2>
      {report.identity && <p class="sub arn">{report.identity.arn}</p>}
      <ul class="checks">
        {report.checks.map((check) => (
          <li key={check.action} class={`check check-${check.status}`}>
            <code>{check.action}</code>: <strong>{t(STATUS_KEYS[check.status])}</strong>
            {check.reason === 'no-invoice' && <span class="sub">{t('noInvoiceToTry')}</span>}
            {check.error && check.status !== 'denied' && <span class="sub">{describeUserError(check.error)}</span>}
          </li>
        ))}
      </ul>
      {denied && (
        <>
          <p>{t(report.likelyCause === 'not-invoice-receiver' ? 'causeNotReceiver' : 'causeMissingAction')}</p>
          <pre class="policy" aria-label={t('leastPrivilegePolicy')}>{MINIMAL_IAM_POLICY}</pre>
          <CopyButton text={MINIMAL_IAM_POLICY} label={t('copyPolicy')} />
        </>
      )}
    </section>
  );
}
