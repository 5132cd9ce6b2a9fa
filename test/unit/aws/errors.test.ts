import { describe, expect, it } from 'vitest';
import { isRetryable, scrubSecrets, toUserError } from '@/utils/aws/errors';

function awsError(name: string, message: string, status = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('toUserError', () => {
  it.each([
    ['InvalidClientTokenId', 'unknown-key'],
    ['UnrecognizedClientException', 'unknown-key'],
    ['SignatureDoesNotMatch', 'wrong-secret'],
    ['InvalidSignatureException', 'wrong-secret'],
    ['ExpiredToken', 'expired-token'],
    ['ExpiredTokenException', 'expired-token'],
    ['ThrottlingException', 'throttled'],
    ['ResourceNotFoundException', 'not-found'],
    ['InternalServerException', 'server'],
  ])('maps %s to %s', (name, code) => {
    expect(toUserError(awsError(name, 'x')).code).toBe(code);
  });

  it('names the denied action from AWS message, else the call that failed', () => {
    const denied = awsError(
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/finance is not authorized to perform: invoicing:GetInvoicePDF because no identity-based policy allows the invoicing:GetInvoicePDF action',
      403,
    );
    expect(toUserError(denied)).toMatchObject({ code: 'access-denied', action: 'invoicing:GetInvoicePDF' });
    expect(toUserError(awsError('AccessDeniedException', 'Access denied', 403), 'invoicing:ListInvoiceSummaries')).toMatchObject({
      action: 'invoicing:ListInvoiceSummaries',
    });
  });

  it('recognises a network failure from fetch and keeps no stack', () => {
    const result = toUserError(new TypeError('Failed to fetch'));
    expect(result).toEqual({ code: 'network' });
  });

  it('falls back on the HTTP status for errors it does not know', () => {
    expect(toUserError(awsError('Weird', 'x', 429)).code).toBe('throttled');
    expect(toUserError(awsError('Weird', 'x', 503)).code).toBe('server');
    expect(toUserError('boom').code).toBe('unknown');
  });

  it('never passes a key or a secret on to the popup', () => {
    const leaky = awsError(
      'ValidationException',
      'Bad AKIAIOSFODNN7EXAMPLE with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY at https://x/?X-Amz-Signature=abcdef&a=1',
    );
    const detail = toUserError(leaky).detail ?? '';
    expect(detail).toContain('ValidationException');
    expect(detail).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(detail).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(detail).not.toContain('abcdef');
    expect(scrubSecrets('ASIAABCDEFGHIJKLMNOP')).toBe('[access key]');
  });

  it('retries only what can get better by waiting', () => {
    expect(isRetryable({ code: 'throttled' })).toBe(true);
    expect(isRetryable({ code: 'network' })).toBe(true);
    expect(isRetryable({ code: 'server' })).toBe(true);
    expect(isRetryable({ code: 'access-denied' })).toBe(false);
    expect(isRetryable({ code: 'wrong-secret' })).toBe(false);
  });
});
