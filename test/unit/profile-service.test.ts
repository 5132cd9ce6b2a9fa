import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resolveCredentials, saveProfile, validateProfileDraft } from '@/utils/profile-service';
import { localProfiles, localVault, sessionProfileSecrets, sessionTemporaryCredentials, sessionVaultKey } from '@/utils/storage';
import type { ProfileDraft } from '@/utils/types';
import { lockVault, registerAutoLock, unlockVault } from '@/utils/vault-service';
import { startFakeAws, type FakeAws } from '../fake-aws/server';

const KEYS = { accessKeyId: 'AKIAPROFILETEST00001', secretAccessKey: 'profileTestSecretKey/profileTestSecret+1' };
const PASSPHRASE = 'a long vault passphrase';

function draft(overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return { name: 'Acme', ...KEYS, sessionToken: '', remember: false, roleArn: '', externalId: '', mfaSerial: '', ...overrides };
}

describe('profiles and the vault service (fakeBrowser storage and alarms)', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({
      accounts: [
        {
          ...KEYS,
          accountId: '111100002222',
          mfa: { serialNumber: 'arn:aws:iam::111100002222:mfa/finance', code: '654321' },
          roles: [{ roleArn: 'arn:aws:iam::333300004444:role/Reader', requireMfa: true, target: { accountId: '333300004444' } }],
        },
      ],
    });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fakeBrowser.reset();
  });
  const endpoints = () => ({ sts: fake.origin, invoicing: fake.origin });

  it('keeps a session-only profile secret out of local storage and asks for it once it is gone', async () => {
    const saved = await saveProfile(draft());
    if (!saved.ok) throw new Error(saved.error.code);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(KEYS.secretAccessKey);
    const resolved = await resolveCredentials({ kind: 'profile', profileId: saved.profile.id }, endpoints());
    expect(resolved).toMatchObject({ ok: true, credentials: KEYS });
    await sessionProfileSecrets.setValue({});
    await expect(resolveCredentials({ kind: 'profile', profileId: saved.profile.id }, endpoints())).resolves.toEqual({
      ok: false,
      error: { code: 'secret-needed' },
    });
  });

  it('remembers a profile in the vault: ciphertext only on disk, locked after a restart, unlocked by the passphrase', async () => {
    const saved = await saveProfile(draft({ remember: true, passphrase: PASSPHRASE }));
    if (!saved.ok) throw new Error(saved.error.code);
    const local = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(local).not.toContain(KEYS.secretAccessKey);
    expect(local).not.toContain(PASSPHRASE);
    expect((await localVault.getValue())?.ciphertext.length).toBeGreaterThan(40);

    await fakeBrowser.storage.session.clear(); // what a browser restart does to session storage
    const profileId = saved.profile.id;
    await expect(resolveCredentials({ kind: 'profile', profileId }, endpoints())).resolves.toMatchObject({ error: { code: 'vault-locked' } });
    const vaultBefore = await localVault.getValue();
    await expect(unlockVault('wrong passphrase!')).resolves.toEqual({ code: 'wrong-passphrase' });
    expect(await localVault.getValue()).toEqual(vaultBefore);
    expect(await sessionVaultKey.getValue()).toBeNull();
    await expect(unlockVault(PASSPHRASE)).resolves.toBeUndefined();
    await expect(resolveCredentials({ kind: 'profile', profileId }, endpoints())).resolves.toMatchObject({ ok: true, credentials: KEYS });
  });

  it('schedules the auto-lock from the settings and locks when the alarm fires', async () => {
    registerAutoLock();
    const saved = await saveProfile(draft({ remember: true, passphrase: PASSPHRASE }));
    if (!saved.ok) throw new Error(saved.error.code);
    const alarm = await fakeBrowser.alarms.get('vault-autolock');
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 14 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger(alarm as NonNullable<typeof alarm>);
    await expect.poll(() => sessionVaultKey.getValue()).toBeNull();
    expect(await sessionProfileSecrets.getValue()).toEqual({});
  });

  it('assumes a role with MFA, caches the temporary credentials, and renews them near expiry', async () => {
    const saved = await saveProfile(
      draft({ roleArn: 'arn:aws:iam::333300004444:role/Reader', mfaSerial: 'arn:aws:iam::111100002222:mfa/finance' }),
    );
    if (!saved.ok) throw new Error(saved.error.code);
    const profileId = saved.profile.id;
    await expect(resolveCredentials({ kind: 'profile', profileId }, endpoints())).resolves.toEqual({ ok: false, error: { code: 'mfa-needed' } });
    await expect(resolveCredentials({ kind: 'profile', profileId, mfaCode: '111111' }, endpoints())).resolves.toEqual({
      ok: false,
      error: { code: 'mfa-invalid' },
    });
    const first = await resolveCredentials({ kind: 'profile', profileId, mfaCode: '654321' }, endpoints());
    if (!first.ok) throw new Error(first.error.code);
    expect(first.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(first.credentials.sessionToken).toBeTruthy();
    const again = await resolveCredentials({ kind: 'profile', profileId }, endpoints());
    expect(again).toMatchObject({ ok: true, credentials: first.credentials });
    const expiresAt = (await sessionTemporaryCredentials.getValue())[profileId]?.expiresAt ?? 0;
    // Four minutes before expiry the cache is not trusted: a new MFA code is needed.
    await expect(resolveCredentials({ kind: 'profile', profileId }, endpoints(), expiresAt - 4 * 60_000)).resolves.toEqual({
      ok: false,
      error: { code: 'mfa-needed' },
    });
  });

  it('locking drops the vault secrets and temporary credentials made from them, but keeps session-only ones', async () => {
    const kept = await saveProfile(draft({ name: 'Session' }));
    const vaulted = await saveProfile(draft({ name: 'Vaulted', remember: true, passphrase: PASSPHRASE }));
    if (!kept.ok || !vaulted.ok) throw new Error('save failed');
    await lockVault();
    const secrets = await sessionProfileSecrets.getValue();
    expect(Object.keys(secrets)).toEqual([kept.profile.id]);
    expect((await localProfiles.getValue()).map((p) => p.name)).toEqual(['Session', 'Vaulted']);
  });

  it('refuses a malformed profile before storing anything', async () => {
    const result = await saveProfile(draft({ name: ' ', accessKeyId: 'nope', roleArn: 'role/x' }));
    expect(result).toMatchObject({ ok: false, issues: { name: 'required', accessKeyId: 'key-id-shape', roleArn: 'role-arn-shape' } });
    expect(await localProfiles.getValue()).toEqual([]);
  });
});

describe('profile drafts (validateProfileDraft)', () => {
  // AWS's documented example keys.
  const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  const draft = (overrides: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: 'Acme',
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    sessionToken: '',
    remember: false,
    roleArn: '',
    externalId: '',
    mfaSerial: '',
    ...overrides,
  });

  it('checks a new secret and the token that goes with temporary keys', () => {
    expect(validateProfileDraft(draft(), false)).toEqual({});
    expect(validateProfileDraft(draft({ secretAccessKey: 'short' }), false)).toEqual({ secretAccessKey: 'secret-length' });
    expect(validateProfileDraft(draft({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }), false)).toEqual({
      sessionToken: 'key-id-temporary-needs-token',
    });
    expect(validateProfileDraft(draft({ sessionToken: 'has spaces in it, too short' }), true)).toEqual({ sessionToken: 'token-shape' });
  });

  it('lets an empty secret keep the stored one, and asks for it only when it must be remembered', () => {
    expect(validateProfileDraft(draft({ secretAccessKey: '' }), true)).toEqual({});
    expect(validateProfileDraft(draft({ secretAccessKey: '', remember: true }), true)).toEqual({});
    // Session-only: the popup asks for the secret when it is needed.
    expect(validateProfileDraft(draft({ secretAccessKey: '' }), false)).toEqual({});
    expect(validateProfileDraft(draft({ secretAccessKey: '', remember: true }), false)).toEqual({ secretAccessKey: 'required' });
    // A new secret for stored temporary keys may keep the stored token.
    expect(validateProfileDraft(draft({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }), true)).toEqual({});
  });

  it('names the key ID, role ARN and MFA device problems', () => {
    expect(validateProfileDraft(draft({ name: ' ', accessKeyId: 'nope', roleArn: 'role', mfaSerial: 'x' }), false)).toEqual({
      name: 'required',
      accessKeyId: 'key-id-shape',
      roleArn: 'role-arn-shape',
      mfaSerial: 'mfa-serial-shape',
    });
  });
});
