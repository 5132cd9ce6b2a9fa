import { createAwsClients, type AwsEndpoints } from './aws/clients';
import { toUserError } from './aws/errors';
import { assumeRole, getSessionToken } from './aws/sts';
import { localProfiles, sessionProfileSecrets, sessionTemporaryCredentials, type Profile } from './storage';
import type { CredentialSource, Credentials, ProfileDraft, UserError } from './types';
import { validateAccessKeyId, validateSecretAccessKey, validateSessionToken } from './validation';
import { storeVaultSecret } from './vault-service';

export type ProfileFieldIssue = Partial<Record<'name' | 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'roleArn' | 'mfaSerial', string>>;

/** Temporary credentials are renewed this long before they expire, so a download never starts on dying keys. */
const RENEW_MARGIN_MS = 5 * 60_000;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const MFA_SERIAL = /^(arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/[\w+=,.@\/-]+|[A-Z0-9]{9,})$/;

/** Checks a draft without touching storage; keys mirror the form's fields. */
export function validateProfileDraft(draft: ProfileDraft, hasStoredSecret: boolean): ProfileFieldIssue {
  const issues: ProfileFieldIssue = {};
  if (!draft.name.trim()) issues.name = 'required';
  const keyIdIssue = validateAccessKeyId(draft.accessKeyId);
  if (keyIdIssue) issues.accessKeyId = keyIdIssue;
  // An empty secret keeps the stored one; a profile kept for this session only may ask for it later.
  const secretIssue = draft.secretAccessKey || (draft.remember && !hasStoredSecret) ? validateSecretAccessKey(draft.secretAccessKey) : undefined;
  if (secretIssue) issues.secretAccessKey = secretIssue;
  // The token goes with a new secret; with the stored secret, an empty token keeps the stored token too.
  const tokenIssue = draft.secretAccessKey && (draft.sessionToken || !hasStoredSecret) ? validateSessionToken(draft.sessionToken, draft.accessKeyId) : undefined;
  if (tokenIssue) issues.sessionToken = tokenIssue;
  if (draft.roleArn.trim() && !ROLE_ARN.test(draft.roleArn.trim())) issues.roleArn = 'role-arn-shape';
  if (draft.mfaSerial.trim() && !MFA_SERIAL.test(draft.mfaSerial.trim())) issues.mfaSerial = 'mfa-serial-shape';
  return issues;
}

/** Creates or updates a profile; the secret goes to session storage, and to the vault when remembered. */
export async function saveProfile(
  draft: ProfileDraft,
): Promise<{ ok: true; profile: Profile } | { ok: false; error: UserError; issues?: ProfileFieldIssue }> {
  const profiles = await localProfiles.getValue();
  const existing = draft.id ? profiles.find((profile) => profile.id === draft.id) : undefined;
  const sessionSecrets = await sessionProfileSecrets.getValue();
  const storedSecret = existing ? sessionSecrets[existing.id] : undefined;
  const issues = validateProfileDraft(draft, Boolean(storedSecret) || Boolean(existing?.remember));
  if (Object.keys(issues).length > 0) return { ok: false, error: { code: 'invalid-request' }, issues };
  const profile: Profile = {
    id: existing?.id ?? crypto.randomUUID(),
    name: draft.name.trim(),
    accessKeyId: draft.accessKeyId.trim(),
    remember: draft.remember,
    ...(draft.roleArn.trim() ? { roleArn: draft.roleArn.trim() } : {}),
    ...(draft.externalId.trim() ? { externalId: draft.externalId.trim() } : {}),
    ...(draft.mfaSerial.trim() ? { mfaSerial: draft.mfaSerial.trim() } : {}),
  };
  const secret = draft.secretAccessKey.trim()
    ? {
        accessKeyId: profile.accessKeyId,
        secretAccessKey: draft.secretAccessKey.trim(),
        ...(draft.sessionToken.trim() ? { sessionToken: draft.sessionToken.trim() } : {}),
      }
    : storedSecret && { ...storedSecret, accessKeyId: profile.accessKeyId };
  if (profile.remember) {
    if (!secret) return { ok: false, error: { code: 'vault-locked' } };
    const error = await storeVaultSecret(profile.id, secret, draft.passphrase || undefined);
    if (error) return { ok: false, error };
  } else {
    if (existing?.remember) {
      const error = await storeVaultSecret(profile.id, null, draft.passphrase || undefined);
      if (error) return { ok: false, error };
    }
    if (secret) await sessionProfileSecrets.setValue({ ...(await sessionProfileSecrets.getValue()), [profile.id]: secret });
  }
  // Keys or role changed: temporary credentials made from the old ones must not be reused.
  const temporary = { ...(await sessionTemporaryCredentials.getValue()) };
  delete temporary[profile.id];
  await sessionTemporaryCredentials.setValue(temporary);
  const next = existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile];
  await localProfiles.setValue(next);
  return { ok: true, profile };
}

/** Deletes a profile and its secrets; a locked vault drops its entry the next time it is saved. */
export async function deleteProfile(profileId: string): Promise<void> {
  const profiles = await localProfiles.getValue();
  const profile = profiles.find((p) => p.id === profileId);
  await localProfiles.setValue(profiles.filter((p) => p.id !== profileId));
  if (profile?.remember) await storeVaultSecret(profileId, null).catch(() => undefined);
  const secrets = { ...(await sessionProfileSecrets.getValue()) };
  delete secrets[profileId];
  await sessionProfileSecrets.setValue(secrets);
  const temporary = { ...(await sessionTemporaryCredentials.getValue()) };
  delete temporary[profileId];
  await sessionTemporaryCredentials.setValue(temporary);
}

/**
 * Turns a source into credentials the Invoicing client can use, assuming the profile's role (or getting an MFA
 * session token) when needed, and caching temporary credentials until shortly before they expire. When something
 * is missing it says what (a secret, the passphrase, an MFA code), so the popup can ask for exactly that.
 */
export async function resolveCredentials(
  source: CredentialSource,
  endpoints: AwsEndpoints,
  now = Date.now(),
): Promise<{ ok: true; credentials: Credentials; profile?: Profile } | { ok: false; error: UserError }> {
  if (source.kind === 'keys') return { ok: true, credentials: source.credentials };
  const profile = (await localProfiles.getValue()).find((p) => p.id === source.profileId);
  if (!profile) return { ok: false, error: { code: 'profile-missing' } };
  // Copies throughout: an empty item returns its shared fallback object, which must never be filled in.
  const secrets = { ...(await sessionProfileSecrets.getValue()) };
  if (source.secretAccessKey && !profile.remember) {
    secrets[profile.id] = {
      accessKeyId: profile.accessKeyId,
      secretAccessKey: source.secretAccessKey.trim(),
      ...(source.sessionToken?.trim() ? { sessionToken: source.sessionToken.trim() } : {}),
    };
    await sessionProfileSecrets.setValue(secrets);
  }
  const secret = secrets[profile.id];
  if (!secret) return { ok: false, error: { code: profile.remember ? 'vault-locked' : 'secret-needed' } };
  const base: Credentials = {
    accessKeyId: profile.accessKeyId,
    secretAccessKey: secret.secretAccessKey,
    ...(secret.sessionToken ? { sessionToken: secret.sessionToken } : {}),
  };
  if (!profile.roleArn && !profile.mfaSerial) return { ok: true, credentials: base, profile };

  const cache = await sessionTemporaryCredentials.getValue();
  const cached = cache[profile.id];
  if (cached && cached.expiresAt - now > RENEW_MARGIN_MS) return { ok: true, credentials: cached.credentials, profile };
  if (profile.mfaSerial && !source.mfaCode) return { ok: false, error: { code: 'mfa-needed' } };
  if (source.mfaCode && !/^\d{6}$/.test(source.mfaCode.trim())) return { ok: false, error: { code: 'mfa-invalid' } };
  const clients = createAwsClients(base, endpoints);
  const mfa = profile.mfaSerial && source.mfaCode ? { mfaSerial: profile.mfaSerial, mfaCode: source.mfaCode.trim() } : undefined;
  try {
    const temporary = profile.roleArn
      ? await assumeRole(clients, { roleArn: profile.roleArn, externalId: profile.externalId, ...mfa })
      : await getSessionToken(clients, mfa as NonNullable<typeof mfa>);
    await sessionTemporaryCredentials.setValue({ ...(await sessionTemporaryCredentials.getValue()), [profile.id]: temporary });
    return { ok: true, credentials: temporary.credentials, profile };
  } catch (error) {
    return { ok: false, error: toUserError(error, profile.roleArn ? 'sts:AssumeRole' : 'sts:GetSessionToken') };
  }
}
