import { getExpectedIssueDate } from './billing-month';
import type { UserError } from './types';
import type { FieldIssue } from './validation';

/** Problems of fields beyond the key form's: profiles, MFA and the vault. */
export type IssueCode = FieldIssue | 'mfa-code-shape' | 'role-arn-shape' | 'mfa-serial-shape' | 'passphrase-short' | 'range-order';

/** What to tell the user about a field, saying what to do. */
export function describeFieldIssue(issue: IssueCode): string {
  switch (issue) {
    case 'range-order':
      return 'The last month must not come before the first.';
    case 'mfa-code-shape':
      return 'Enter the 6 digits your MFA device shows now.';
    case 'role-arn-shape':
      return 'A role ARN looks like arn:aws:iam::123456789012:role/InvoiceReader.';
    case 'mfa-serial-shape':
      return 'Enter the MFA device ARN, like arn:aws:iam::123456789012:mfa/alice, from IAM > Security credentials.';
    case 'passphrase-short':
      return 'Use at least 8 characters. There is no way to recover a forgotten passphrase.';
    case 'required':
      return 'Required.';
    case 'key-id-shape':
      return 'An access key ID is 20 capital letters and digits, starting with AKIA (or ASIA for temporary keys).';
    case 'key-id-temporary-needs-token':
      return 'Keys starting with ASIA are temporary: paste the session token that came with them.';
    case 'secret-length':
      return 'A secret access key is exactly 40 characters. Paste it again without spaces.';
    case 'secret-shape':
      return 'A secret access key has only letters, digits, "/", "+" and "=". Paste it again.';
    case 'token-shape':
      return 'This does not look like a session token. Paste the whole token, or leave it empty for AKIA keys.';
    case 'month-format':
      return 'Enter a month as YYYY-MM, for example 2025-03.';
    case 'month-too-early':
      return 'AWS invoices start in 2005-01. Pick a later month.';
    case 'month-in-future':
      return 'That month has not started yet. Pick this month or an earlier one.';
  }
}

/** The headline for an error, saying what happened and what to do next. Never includes a secret. */
export function describeUserError(error: UserError): string {
  switch (error.code) {
    case 'unknown-key':
      return 'AWS does not recognise this access key ID. Check that you copied the whole key and that it is still active in IAM.';
    case 'wrong-secret':
      return 'The secret access key does not match this access key ID. Paste the secret again.';
    case 'expired-token':
      return 'These temporary credentials have expired. Get new ones and enter them again.';
    case 'access-denied':
      if (error.action === 'sts:AssumeRole') {
        return 'AWS refused to let these keys assume the role. Check the role ARN, the external ID and the role\'s trust policy.';
      }
      return `Your IAM user or role is not allowed to call ${error.action ?? 'the AWS Invoicing API'}. Ask an administrator to attach the policy below, then try again.`;
    case 'throttled':
      return 'AWS is limiting requests right now. Wait a minute, then try again.';
    case 'network':
      return 'Could not reach AWS. Check your internet connection, VPN or proxy, then try again.';
    case 'invalid-request':
      return `AWS did not accept the request${error.detail ? `: ${error.detail}` : '.'}`;
    case 'not-found':
      return 'AWS could not find this invoice. It may belong to another account.';
    case 'server':
      return 'AWS had a temporary problem. Try again in a moment.';
    case 'unknown':
      return 'Something went wrong. Try again; if it keeps happening, report the details below.';
    case 'secret-needed':
      return 'This profile keeps its secret only until the browser closes. Enter the secret access key again.';
    case 'vault-locked':
      return 'The vault is locked. Enter your passphrase to unlock it.';
    case 'wrong-passphrase':
      return 'That passphrase is not right. Nothing was changed; try again.';
    case 'vault-tampered':
      return 'The stored vault has been altered and cannot be trusted. Use "Forget all" in the options and save your keys again.';
    case 'weak-passphrase':
      return 'Choose a passphrase of at least 8 characters.';
    case 'mfa-needed':
      return 'Enter the current 6-digit code from your MFA device.';
    case 'mfa-invalid':
      return 'AWS did not accept that MFA code. Wait for the next code and try again.';
    case 'profile-missing':
      return 'That profile no longer exists. Pick another one.';
  }
}

/** Why a month has no invoices, and when to come back. */
export function describeEmptyMonth(month: string, now: Date): string {
  const expected = getExpectedIssueDate(month);
  if (expected >= now.toISOString().slice(0, 10)) {
    return `No invoices for ${month} yet. AWS issues a month's invoice early in the following month: expect it around ${expected}.`;
  }
  return `No invoices were issued for ${month} for this account. Usage billed in another month, or through your organization's management account, appears there instead.`;
}

/** The popup's banner for a right-click download that waits for keys. */
export function describePendingRequest(request: { kind: 'this-month' | 'last-month'; reason: UserError['code'] }): string {
  const what = request.kind === 'this-month' ? "This month's invoices" : "Last month's bill";
  const how =
    request.reason === 'vault-locked'
      ? 'unlock the vault with your passphrase'
      : request.reason === 'mfa-needed' || request.reason === 'mfa-invalid'
        ? 'enter a code from your MFA device'
        : 'enter your access keys (or save a profile in the options)';
  return `${what} will download as soon as you ${how} and list invoices.`;
}
