import { browser } from 'wxt/browser';
import {
  localProfiles,
  localSettings,
  localVault,
  sessionCredentials,
  sessionListing,
  sessionProfileSecrets,
  sessionTemporaryCredentials,
  sessionVaultKey,
} from './storage';
import type { UserError } from './types';
import { VaultError, openVault, resealVault, sealVault, type VaultSecret, type VaultSecrets } from './vault';

const AUTO_LOCK_ALARM = 'vault-autolock';

/** Unlocks the vault for this browser session: its secrets go to session storage (memory) until it locks. */
export async function unlockVault(passphrase: string): Promise<UserError | undefined> {
  const stored = await localVault.getValue();
  if (!stored) return { code: 'no-vault' };
  try {
    const opened = await openVault(stored, passphrase);
    if (opened.migrated) await localVault.setValue(opened.envelope);
    await sessionVaultKey.setValue(opened.key);
    await sessionProfileSecrets.setValue({ ...(await sessionProfileSecrets.getValue()), ...opened.secrets });
    await touchVault();
    return undefined;
  } catch (error) {
    return toVaultUserError(error);
  }
}

/** True while the vault's key is in session storage. */
export async function isVaultUnlocked(): Promise<boolean> {
  return (await sessionVaultKey.getValue()) !== null;
}

/**
 * Writes `secret` for `profileId` into the vault (or removes it when null). With a passphrase the vault is sealed
 * anew (fresh salt and IV); without one it must be unlocked, and is re-saved with its key and a fresh IV.
 */
export async function storeVaultSecret(
  profileId: string,
  secret: VaultSecret | null,
  passphrase?: string,
): Promise<UserError | undefined> {
  try {
    const stored = await localVault.getValue();
    let key = await sessionVaultKey.getValue();
    let secrets: VaultSecrets;
    if (stored && passphrase) {
      secrets = (await openVault(stored, passphrase)).secrets;
    } else if (stored && key) {
      secrets = await readUnlockedSecrets();
    } else if (stored) {
      return { code: 'vault-locked' };
    } else if (passphrase) {
      secrets = {};
    } else {
      return { code: 'vault-locked' };
    }
    const profileIds = new Set((await localProfiles.getValue()).map((profile) => profile.id));
    profileIds.add(profileId);
    // Entries whose profile was deleted while the vault was locked are dropped here.
    const next = Object.fromEntries(Object.entries(secrets).filter(([id]) => profileIds.has(id) && id !== profileId));
    if (secret) next[profileId] = secret;
    if (passphrase) {
      const sealed = await sealVault(next, passphrase);
      key = sealed.key;
      await localVault.setValue(sealed.envelope);
    } else {
      await localVault.setValue(await resealVault(next, key as NonNullable<typeof key>));
    }
    await sessionVaultKey.setValue(key);
    // A copy: an empty item returns its shared fallback object, which must never hold a secret.
    const session = { ...(await sessionProfileSecrets.getValue()) };
    if (secret) session[profileId] = secret;
    else delete session[profileId];
    await sessionProfileSecrets.setValue(session);
    await touchVault();
    return undefined;
  } catch (error) {
    return toVaultUserError(error);
  }
}

/** Locks now: the vault's secrets, the temporary credentials made from them and its key leave memory. */
export async function lockVault(): Promise<void> {
  const remembered = new Set((await localProfiles.getValue()).filter((p) => p.remember).map((p) => p.id));
  const secrets = { ...(await sessionProfileSecrets.getValue()) };
  const temporary = { ...(await sessionTemporaryCredentials.getValue()) };
  for (const id of remembered) {
    delete secrets[id];
    delete temporary[id];
  }
  await Promise.all([
    sessionProfileSecrets.setValue(secrets),
    sessionTemporaryCredentials.setValue(temporary),
    sessionVaultKey.removeValue(),
  ]);
  const listing = await sessionListing.getValue();
  if (listing?.profileId && remembered.has(listing.profileId)) await sessionCredentials.removeValue();
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}

/** Forgets everything this device keeps: the vault, the profiles, and every secret in memory. */
export async function forgetEverything(): Promise<void> {
  await Promise.all([
    localVault.removeValue(),
    localProfiles.removeValue(),
    localSettings.setValue({ ...(await localSettings.getValue()), defaultProfileId: undefined }),
    sessionProfileSecrets.removeValue(),
    sessionTemporaryCredentials.removeValue(),
    sessionVaultKey.removeValue(),
    sessionCredentials.removeValue(),
    sessionListing.removeValue(),
  ]);
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}

/** Pushes the auto-lock back: call on every use while the vault is unlocked. */
export async function touchVault(): Promise<void> {
  if (!(await isVaultUnlocked())) return;
  const { autoLockMinutes } = await localSettings.getValue();
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: Math.max(1, autoLockMinutes) });
}

/** Locks the vault when the idle alarm fires. Register synchronously at background start. */
export function registerAutoLock(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lockVault();
  });
}

async function readUnlockedSecrets(): Promise<VaultSecrets> {
  const remembered = new Set((await localProfiles.getValue()).filter((p) => p.remember).map((p) => p.id));
  const session = await sessionProfileSecrets.getValue();
  return Object.fromEntries(Object.entries(session).filter(([id]) => remembered.has(id)));
}

function toVaultUserError(error: unknown): UserError {
  if (error instanceof VaultError) {
    switch (error.reason) {
      case 'wrong-passphrase':
        return { code: 'wrong-passphrase' };
      case 'weak-passphrase':
        return { code: 'weak-passphrase' };
      default:
        return { code: 'vault-tampered' };
    }
  }
  return { code: 'unknown' };
}
