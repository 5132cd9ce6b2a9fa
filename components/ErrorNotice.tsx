import { MINIMAL_IAM_POLICY } from '@/utils/iam-policy';
import type { UserError } from '@/utils/types';
import { describeUserError } from '@/utils/user-messages';
import { CopyButton } from './CopyButton';

/** An error as a sentence that says what to do, with the IAM policy to copy when a permission is missing. */
export function ErrorNotice({ error }: { error: UserError }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{describeUserError(error)}</p>
      {error.code === 'access-denied' && !error.action?.startsWith('sts:') && (
        <>
          <pre aria-label="Minimal IAM policy" class="policy">{MINIMAL_IAM_POLICY}</pre>
          <CopyButton text={MINIMAL_IAM_POLICY} label="Copy policy" />
          <p class="hint">
            If the policy is already attached, this account may not receive its own invoices (for example an AWS
            Organizations member account): use the management account's keys.
          </p>
        </>
      )}
      {error.detail && <p class="detail">Details: {error.detail}</p>}
    </div>
  );
}
