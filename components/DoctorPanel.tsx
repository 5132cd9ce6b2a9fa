import type { DoctorReport, PermissionCheck } from '@/utils/aws/doctor';
import { MINIMAL_IAM_POLICY } from '@/utils/iam-policy';
import { describeUserError } from '@/utils/user-messages';
import { CopyButton } from './CopyButton';

const STATUS_TEXT: Record<PermissionCheck['status'], string> = {
  allowed: 'Allowed',
  denied: 'Denied',
  failed: 'Failed',
  untested: 'Not tested',
};

/** The IAM doctor's report: one line per API action, with the policy to copy when something is denied. */
export function DoctorPanel({ report }: { report: DoctorReport }) {
  const denied = report.checks.some((check) => check.status === 'denied');
  return (
    <section class="doctor" aria-label="Permission check">
      <h2>Permission check for {report.month}</h2>
      {report.identity && <p class="sub arn">{report.identity.arn}</p>}
      <ul class="checks">
        {report.checks.map((check) => (
          <li key={check.action} class={`check check-${check.status}`}>
            <code>{check.action}</code>: <strong>{STATUS_TEXT[check.status]}</strong>
            {check.reason === 'no-invoice' && <span class="sub">No invoice in this month to try it on. Pick another month.</span>}
            {check.error && check.status !== 'denied' && <span class="sub">{describeUserError(check.error)}</span>}
          </li>
        ))}
      </ul>
      {denied && (
        <>
          <p>
            {report.likelyCause === 'not-invoice-receiver'
              ? 'Likely cause: this account does not receive invoices itself (for example an AWS Organizations member account). Use the management account, or attach the policy there.'
              : 'Likely cause: the IAM policy lacks the action. Attach this least-privilege policy to the user or role:'}
          </p>
          <pre class="policy" aria-label="Least-privilege IAM policy">{MINIMAL_IAM_POLICY}</pre>
          <CopyButton text={MINIMAL_IAM_POLICY} label="Copy policy" />
        </>
      )}
    </section>
  );
}
