import { describe, expect, it } from 'vitest';
import { findKeysIssue, normalizeCredentials, validateCredentialsForm, type CredentialsForm } from '@/utils/validation';

// AWS's documented example keys.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN/+=abcdef';
const NOW = new Date('2024-06-15T12:00:00Z');

function form(overrides: Partial<CredentialsForm> = {}): CredentialsForm {
  return { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: '', month: '2024-05', ...overrides };
}

describe('validateCredentialsForm', () => {
  it('accepts long-term keys, and temporary keys with a token', () => {
    expect(validateCredentialsForm(form(), NOW)).toEqual({});
    expect(
      validateCredentialsForm(form({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: TOKEN }), NOW),
    ).toEqual({});
  });

  it('ignores whitespace pasted around the values', () => {
    const padded = form({ accessKeyId: ` ${KEY_ID}\n`, secretAccessKey: `\t${SECRET} `, month: ' 2024-05 ' });
    expect(validateCredentialsForm(padded, NOW)).toEqual({});
  });

  it('reports every empty field as required', () => {
    const empty = { accessKeyId: ' ', secretAccessKey: '', sessionToken: '', month: '' };
    expect(validateCredentialsForm(empty, NOW)).toEqual({
      accessKeyId: 'required',
      secretAccessKey: 'required',
      month: 'required',
    });
  });

  it.each(['akiaiosfodnn7example', 'AKIA-IOSFODNN7EXAMP', 'AKIA123', 'A'.repeat(129), 'AKIA IOSFODNN7EXAMPLE'])(
    'rejects the key ID %j',
    (accessKeyId) => {
      expect(validateCredentialsForm(form({ accessKeyId }), NOW)).toEqual({ accessKeyId: 'key-id-shape' });
    },
  );

  it('accepts key IDs at both documented length limits', () => {
    expect(validateCredentialsForm(form({ accessKeyId: 'A'.repeat(16) }), NOW)).toEqual({});
    expect(validateCredentialsForm(form({ accessKeyId: 'A'.repeat(128) }), NOW)).toEqual({});
  });

  it('asks for a session token for temporary ASIA keys', () => {
    expect(validateCredentialsForm(form({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }), NOW)).toEqual({
      sessionToken: 'key-id-temporary-needs-token',
    });
  });

  it('tells a wrong-length secret from one with bad characters', () => {
    expect(validateCredentialsForm(form({ secretAccessKey: SECRET.slice(1) }), NOW)).toEqual({
      secretAccessKey: 'secret-length',
    });
    expect(validateCredentialsForm(form({ secretAccessKey: `${SECRET}x` }), NOW)).toEqual({
      secretAccessKey: 'secret-length',
    });
    expect(validateCredentialsForm(form({ secretAccessKey: `${SECRET.slice(1)}-` }), NOW)).toEqual({
      secretAccessKey: 'secret-shape',
    });
  });

  it('rejects a session token that is too short or has whitespace inside', () => {
    expect(validateCredentialsForm(form({ sessionToken: 'short' }), NOW)).toEqual({ sessionToken: 'token-shape' });
    expect(validateCredentialsForm(form({ sessionToken: `${TOKEN} ${TOKEN}` }), NOW)).toEqual({
      sessionToken: 'token-shape',
    });
  });

  it('checks the month format and range, allowing the current month', () => {
    expect(validateCredentialsForm(form({ month: '2024-6' }), NOW)).toEqual({ month: 'month-format' });
    expect(validateCredentialsForm(form({ month: '2024-13' }), NOW)).toEqual({ month: 'month-format' });
    expect(validateCredentialsForm(form({ month: '2004-12' }), NOW)).toEqual({ month: 'month-too-early' });
    expect(validateCredentialsForm(form({ month: '2005-01' }), NOW)).toEqual({});
    expect(validateCredentialsForm(form({ month: '2024-06' }), NOW)).toEqual({});
    expect(validateCredentialsForm(form({ month: '2024-07' }), NOW)).toEqual({ month: 'month-in-future' });
  });

  it('judges "the current month" in UTC', () => {
    // Already July in Tokyo, still June in UTC.
    const lateJune = new Date('2024-06-30T20:00:00Z');
    expect(validateCredentialsForm(form({ month: '2024-07' }), lateJune)).toEqual({ month: 'month-in-future' });
  });
});

describe('findKeysIssue', () => {
  it('finds the first problem with keys typed together, whatever the month', () => {
    expect(findKeysIssue(form({ month: '' }))).toBeUndefined();
    expect(findKeysIssue(form({ sessionToken: TOKEN }))).toBeUndefined();
    expect(findKeysIssue(form({ accessKeyId: 'akia', secretAccessKey: '' }))).toBe('key-id-shape');
    expect(findKeysIssue(form({ secretAccessKey: SECRET.slice(1) }))).toBe('secret-length');
    expect(findKeysIssue(form({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }))).toBe('key-id-temporary-needs-token');
  });
});

describe('normalizeCredentials', () => {
  it('trims the values and drops an empty session token', () => {
    const credentials = normalizeCredentials(form({ accessKeyId: ` ${KEY_ID} `, sessionToken: '  ' }));
    expect(credentials).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
    expect('sessionToken' in credentials).toBe(false);
  });

  it('keeps a session token, trimmed', () => {
    expect(normalizeCredentials(form({ sessionToken: `\n${TOKEN}\n` }))).toEqual({
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
    });
  });
});
