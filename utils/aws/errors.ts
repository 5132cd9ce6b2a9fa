import type { UserError } from '../types';

const CODES_BY_AWS_NAME: Record<string, UserError['code']> = {
  InvalidClientTokenId: 'unknown-key',
  UnrecognizedClientException: 'unknown-key',
  SignatureDoesNotMatch: 'wrong-secret',
  InvalidSignatureException: 'wrong-secret',
  IncompleteSignature: 'wrong-secret',
  ExpiredToken: 'expired-token',
  ExpiredTokenException: 'expired-token',
  RequestExpired: 'expired-token',
  AccessDeniedException: 'access-denied',
  AccessDenied: 'access-denied',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  ValidationException: 'invalid-request',
  ResourceNotFoundException: 'not-found',
  InternalServerException: 'server',
  ServiceUnavailable: 'server',
};

/**
 * Turns anything the SDK or fetch throws into a message code the popup can show. `fallbackAction` names the IAM
 * action of the call that failed, for when AWS's AccessDenied message does not say which one it was.
 */
export function toUserError(error: unknown, fallbackAction?: string): UserError {
  const name = readString(error, 'name') ?? '';
  const message = readString(error, 'message') ?? '';
  const code = CODES_BY_AWS_NAME[name] ?? (isNetworkFailure(error, message) ? 'network' : guessFromStatus(error));
  if (code === 'access-denied' && /MultiFactorAuthentication failed/i.test(message)) return { code: 'mfa-invalid' };
  const result: UserError = { code };
  if (code === 'access-denied') {
    const action = /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(message)?.[1] ?? fallbackAction;
    if (action) result.action = action;
  }
  const detail = scrubSecrets(message);
  if (detail && code !== 'network') result.detail = name ? `${name}: ${detail}` : detail;
  return result;
}

/** True for failures worth retrying: throttling, AWS server faults and network blips. */
export function isRetryable(error: UserError): boolean {
  return error.code === 'throttled' || error.code === 'server' || error.code === 'network';
}

/** Removes anything that looks like an access key ID, a secret or a signature before text reaches the UI. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b(A3T[A-Z0-9]|AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{12,124}\b/g, '[access key]')
    .replace(/(X-Amz-(Signature|Credential|Security-Token)=)[^&\s]+/gi, '$1[hidden]')
    .replace(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g, '[hidden]')
    .slice(0, 500);
}

function isNetworkFailure(error: unknown, message: string): boolean {
  if (readString(error, 'name') === 'TypeError' && /fetch|network/i.test(message)) return true;
  return /Failed to fetch|NetworkError|network error|ERR_|ECONNREFUSED|ENOTFOUND|fetch failed|Load failed/i.test(message);
}

function guessFromStatus(error: unknown): UserError['code'] {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  const status = metadata?.httpStatusCode ?? 0;
  if (status === 403) return 'access-denied';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'unknown';
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}
