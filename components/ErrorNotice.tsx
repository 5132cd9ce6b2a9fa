import { t } from '@/utils/i18n';
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
          <pre aria-label={t('minimalPolicy')} class="policy">{MINIMAL_IAM_POLICY}</pre>
          <CopyButton text={MINIMAL_IAM_POLICY} label={t('copyPolicy')} />
          <p class="hint">{t('policyAttachedHint')}</p>
        </>
      )}
      {error.detail && <p class="detail">{t('errorDetails', error.detail)}</p>}
    </div>
  );
}
