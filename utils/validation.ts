/** Checks the popup's credentials form before anything is sent to AWS, so typos get a precise message. */
import type { Credentials } from './types';
import { FIRST_BILLING_MONTH, getCurrentMonth, parseBillingMonth } from './billing-month';

/** Why one form field is rejected; the UI maps each to a message. */
export type FieldIssue =
  | 'required'
  | 'key-id-shape'
  | 'key-id-temporary-needs-token'
  | 'secret-length'
  | 'secret-shape'
  | 'token-shape'
  | 'month-format'
  | 'month-too-early'
  | 'month-in-future';

/** The popup form's raw text fields. */
export interface CredentialsForm {
  accessKeyId: string;
  secretAccessKey: string;
  /** '' when the user has long-term keys. */
  sessionToken: string;
  month: string;
}

// AWS documents key IDs as 16-128 of [A-Z0-9]; real ones are 20 long and start AKIA (long-term) or ASIA (temporary).
const KEY_ID_PATTERN = /^[A-Z0-9]{16,128}$/;
const SECRET_LENGTH = 40;
const SECRET_PATTERN = /^[A-Za-z0-9/+=]+$/;
const MIN_TOKEN_LENGTH = 16;

/** Returns one issue per invalid field; an empty object means the form can be submitted. */
export function validateCredentialsForm(
  form: CredentialsForm,
  now: Date,
): Partial<Record<keyof CredentialsForm, FieldIssue>> {
  const issues: Partial<Record<keyof CredentialsForm, FieldIssue>> = {};
  const keyIdIssue = validateAccessKeyId(form.accessKeyId);
  if (keyIdIssue) issues.accessKeyId = keyIdIssue;
  const secretIssue = validateSecretAccessKey(form.secretAccessKey);
  if (secretIssue) issues.secretAccessKey = secretIssue;
  const tokenIssue = validateSessionToken(form.sessionToken, form.accessKeyId);
  if (tokenIssue) issues.sessionToken = tokenIssue;
  const monthIssue = validateBillingMonth(form.month, now);
  if (monthIssue) issues.month = monthIssue;
  return issues;
}

/** Trims pasted credentials and drops an empty session token, giving the shape the AWS clients take. */
export function normalizeCredentials(
  form: Pick<CredentialsForm, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
): Credentials {
  const credentials: Credentials = {
    accessKeyId: form.accessKeyId.trim(),
    secretAccessKey: form.secretAccessKey.trim(),
  };
  const sessionToken = form.sessionToken.trim();
  if (sessionToken !== '') credentials.sessionToken = sessionToken;
  return credentials;
}

/** The problem with an access key ID on its own, if any. */
export function validateAccessKeyId(keyId: string): FieldIssue | undefined {
  const trimmed = keyId.trim();
  if (trimmed === '') return 'required';
  if (!KEY_ID_PATTERN.test(trimmed)) return 'key-id-shape';
  return undefined;
}

/** The first problem with a key ID, secret and session token ('' for none) typed together, if any. */
export function findKeysIssue(keys: Pick<CredentialsForm, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): FieldIssue | undefined {
  return validateAccessKeyId(keys.accessKeyId) ?? validateSecretAccessKey(keys.secretAccessKey) ?? validateSessionToken(keys.sessionToken, keys.accessKeyId);
}

/** The problem with the session token given with `accessKeyId` ('' when none was given), if any. */
export function validateSessionToken(token: string, accessKeyId: string): FieldIssue | undefined {
  const trimmed = token.trim();
  if (trimmed !== '') return trimmed.length < MIN_TOKEN_LENGTH || /\s/.test(trimmed) ? 'token-shape' : undefined;
  // STS rejects temporary keys without their token; saying so here beats a generic "invalid token" from AWS.
  if (!validateAccessKeyId(accessKeyId) && accessKeyId.trim().startsWith('ASIA')) return 'key-id-temporary-needs-token';
  return undefined;
}

/** The problem with a secret access key on its own (for a profile that only asks for its secret), if any. */
export function validateSecretAccessKey(secret: string): FieldIssue | undefined {
  const trimmed = secret.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length !== SECRET_LENGTH) return 'secret-length';
  if (!SECRET_PATTERN.test(trimmed)) return 'secret-shape';
  return undefined;
}

/** The problem with a billing month on its own (a profile's listing, the end of a range), if any. */
export function validateBillingMonth(text: string, now: Date): FieldIssue | undefined {
  if (text.trim() === '') return 'required';
  const parsed = parseBillingMonth(text);
  if (!parsed) return 'month-format';
  // Zero-padded YYYY-MM strings sort chronologically, so plain string comparison is enough.
  const month = text.trim();
  if (month < FIRST_BILLING_MONTH) return 'month-too-early';
  // The current month is allowed: mid-month purchases (Marketplace, Savings Plans) are invoiced right away.
  if (month > getCurrentMonth(now)) return 'month-in-future';
  return undefined;
}
