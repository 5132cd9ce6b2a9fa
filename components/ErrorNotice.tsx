import { useState } from 'preact/hooks';
import { MINIMAL_IAM_POLICY } from '@/utils/iam-policy';
import type { UserError } from '@/utils/types';
import { describeUserError } from '@/utils/user-messages';

/** An error as a sentence that says what to do, with the IAM policy to copy when a permission is missing. */
export function ErrorNotice({ error }: { error: UserError }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="notice notice-error" role="alert">
      <p>{describeUserError(error)}</p>
      {error.code === 'access-denied' && (
        <>
          <pre aria-label="Minimal IAM policy" class="policy">{MINIMAL_IAM_POLICY}</pre>
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard.writeText(MINIMAL_IAM_POLICY);
              setCopied(true);
            }}
          >
            {copied ? 'Policy copied' : 'Copy policy'}
          </button>
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
