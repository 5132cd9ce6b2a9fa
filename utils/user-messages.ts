import { getExpectedIssueDate } from './billing-month';
import { formatDate, formatMonth } from './format';
import { t, type MessageKey } from './i18n';
import type { UserError } from './types';
import type { FieldIssue } from './validation';

/** Problems of fields beyond the key form's: profiles, MFA and the vault. */
export type IssueCode = FieldIssue | 'mfa-code-shape' | 'role-arn-shape' | 'mfa-serial-shape' | 'passphrase-short' | 'range-order';

// Literal tables, code to message key, so that test/unit/locales.test.ts can find every key in the code.
const ISSUE_KEYS: Record<IssueCode, MessageKey> = {
  'range-order': 'issueRangeOrder',
  'mfa-code-shape': 'issueMfaCodeShape',
  'role-arn-shape': 'issueRoleArnShape',
  'mfa-serial-shape': 'issueMfaSerialShape',
  'passphrase-short': 'issuePassphraseShort',
  required: 'issueRequired',
  'key-id-shape': 'issueKeyIdShape',
  'key-id-temporary-needs-token': 'issueKeyIdNeedsToken',
  'secret-length': 'issueSecretLength',
  'secret-shape': 'issueSecretShape',
  'token-shape': 'issueTokenShape',
  'month-format': 'issueMonthFormat',
  'month-too-early': 'issueMonthTooEarly',
  'month-in-future': 'issueMonthInFuture',
};

const ERROR_KEYS: Record<Exclude<UserError['code'], 'access-denied' | 'invalid-request'>, MessageKey> = {
  'unknown-key': 'errorUnknownKey',
  'wrong-secret': 'errorWrongSecret',
  'expired-token': 'errorExpiredToken',
  throttled: 'errorThrottled',
  network: 'errorNetwork',
  'not-found': 'errorNotFound',
  server: 'errorServer',
  unknown: 'errorUnknown',
  'secret-needed': 'errorSecretNeeded',
  'vault-locked': 'errorVaultLocked',
  'wrong-passphrase': 'errorWrongPassphrase',
  'vault-tampered': 'errorVaultTampered',
  'weak-passphrase': 'errorWeakPassphrase',
  'mfa-needed': 'errorMfaNeeded',
  'mfa-invalid': 'errorMfaInvalid',
  'profile-missing': 'errorProfileMissing',
  'nothing-listed': 'errorNothingListed',
  'no-finished-job': 'errorNoFinishedJob',
  'no-vault': 'errorNoVault',
  'no-answer': 'errorNoAnswer',
  'link-refused': 'errorLinkRefused',
};

// Whole sentences per case rather than pieces glued together: word order differs between languages.
const PENDING_KEYS: Record<'this-month' | 'last-month', Record<'vault' | 'mfa' | 'keys', MessageKey>> = {
  'this-month': { vault: 'pendingThisMonthVault', mfa: 'pendingThisMonthMfa', keys: 'pendingThisMonthKeys' },
  'last-month': { vault: 'pendingLastMonthVault', mfa: 'pendingLastMonthMfa', keys: 'pendingLastMonthKeys' },
};

/** What to tell the user about a field, saying what to do. */
export function describeFieldIssue(issue: IssueCode): string {
  return t(ISSUE_KEYS[issue]);
}

/** The headline for an error, saying what happened and what to do next. Never includes a secret. */
export function describeUserError(error: UserError): string {
  switch (error.code) {
    case 'access-denied':
      if (error.action === 'sts:AssumeRole') return t('errorAssumeRoleDenied');
      return error.action ? t('errorActionDenied', error.action) : t('errorInvoicingDenied');
    case 'invalid-request':
      return error.detail ? t('errorInvalidRequestDetail', error.detail) : t('errorInvalidRequest');
    default:
      return t(ERROR_KEYS[error.code]);
  }
}

/** Why a month has no invoices, and when to come back. */
export function describeEmptyMonth(month: string, now: Date): string {
  const expected = getExpectedIssueDate(month);
  if (expected >= now.toISOString().slice(0, 10)) return t('emptyMonthNotYet', formatMonth(month), formatDate(expected));
  return t('emptyMonthNone', formatMonth(month));
}

/** The popup's banner for a right-click download that waits for keys. */
export function describePendingRequest(request: { kind: 'this-month' | 'last-month'; reason: UserError['code'] }): string {
  const missing =
    request.reason === 'vault-locked'
      ? 'vault'
      : request.reason === 'mfa-needed' || request.reason === 'mfa-invalid'
        ? 'mfa'
        : 'keys';
  return t(PENDING_KEYS[request.kind][missing]);
}
