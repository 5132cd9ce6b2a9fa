import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { NamingTemplateField } from '@/components/NamingTemplateField';
import { ProfileEditor } from '@/components/ProfileEditor';
import { DEFAULT_NAMING_TEMPLATE } from '@/utils/naming-template';
import { sendMessage } from '@/utils/messaging';
import {
  DEFAULT_SETTINGS,
  localProfiles,
  localSettings,
  localVault,
  sessionVaultKey,
  type Profile,
  type Settings,
} from '@/utils/storage';
import type { UserError } from '@/utils/types';

/** Options page: saved profiles, the encrypted vault, and auto-lock. */
export function OptionsApp() {
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [vaultExists, setVaultExists] = useState(false);
  const [unlocked, setUnlocked] = useState(false);
  const [editing, setEditing] = useState<Profile | 'new' | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void Promise.all([localProfiles.getValue(), localSettings.getValue(), localVault.getValue(), sessionVaultKey.getValue()]).then(
      ([p, s, v, k]) => {
        setProfiles(p);
        setSettings(s);
        setVaultExists(v !== null);
        setUnlocked(k !== null);
      },
    );
    const unwatch = [
      localProfiles.watch((value) => setProfiles(value)),
      localSettings.watch((value) => setSettings(value)),
      localVault.watch((value) => setVaultExists(value !== null)),
      sessionVaultKey.watch((value) => setUnlocked(value !== null)),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  async function unlock(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    const result = await sendMessage('unlockVault', { passphrase });
    setPassphrase('');
    if (result.ok) setNotice('Vault unlocked for this browser session.');
    else setError(result.error);
  }

  async function forgetAll(): Promise<void> {
    if (!confirm('Delete every profile and the encrypted vault from this device? This cannot be undone.')) return;
    await sendMessage('forgetAll', {});
    setNotice('Everything was forgotten.');
  }

  const updateSettings = (next: Partial<Settings>) => void localSettings.setValue({ ...settings, ...next });

  return (
    <main>
      <h1>AWS Invoice Downloader: profiles and settings</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="profiles-heading">
        <h2 id="profiles-heading">Profiles</h2>
        {profiles.length === 0 && <p class="hint">No profiles yet. A profile saves keys (and a role) under a name.</p>}
        <ul class="profiles" aria-label="Saved profiles">
          {profiles.map((profile) => (
            <li key={profile.id}>
              <span>
                <strong>{profile.name}</strong>
                {settings.defaultProfileId === profile.id && ' (default)'}
                <span class="sub">
                  {profile.accessKeyId.slice(0, 4)}…{profile.accessKeyId.slice(-4)} ·{' '}
                  {profile.remember ? 'remembered in the vault' : 'this browser session only'}
                  {profile.roleArn ? ` · role ${profile.roleArn}` : ''}
                  {profile.mfaSerial ? ' · MFA' : ''}
                </span>
              </span>
              <span class="actions">
                {settings.defaultProfileId !== profile.id && (
                  <button type="button" aria-label={`Make ${profile.name} the default`} onClick={() => updateSettings({ defaultProfileId: profile.id })}>
                    Make default
                  </button>
                )}
                <button type="button" aria-label={`Edit ${profile.name}`} onClick={() => setEditing(profile)}>
                  Edit
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${profile.name}`}
                  onClick={() => void sendMessage('deleteProfile', { profileId: profile.id })}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
        {editing ? (
          <ProfileEditor
            key={editing === 'new' ? 'new' : editing.id}
            profile={editing === 'new' ? undefined : editing}
            vaultExists={vaultExists}
            vaultUnlocked={unlocked}
            onDone={(saved) => {
              setEditing(null);
              if (saved) setNotice(`Profile "${saved.name}" saved.`);
            }}
          />
        ) : (
          <div class="actions">
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              Add profile
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby="menu-heading">
        <h2 id="menu-heading">Right-click menu</h2>
        <p class="hint">
          Right-click the toolbar icon for "Download this month's invoices" (issued this month) and "Download last
          month's bill", for the default profile or, with several profiles, any of them or all.
        </p>
        <fieldset class="choices">
          <legend>Right-click downloads save</legend>
          {(['zip', 'pdfs'] as const).map((form) => (
            <label key={form} class="checkbox">
              <input
                type="radio"
                name="menu-form"
                value={form}
                checked={(settings.menuForm ?? 'zip') === form}
                onChange={() => updateSettings({ menuForm: form })}
              />
              {form === 'zip' ? 'One ZIP' : 'Each PDF'}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">New invoices</h2>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={settings.newInvoiceAlerts ?? false}
            onChange={(event) => updateSettings({ newInvoiceAlerts: event.currentTarget.checked })}
          />
          Check once a day for a new month's invoices
        </label>
        <p class="hint">
          Uses only keys that are at hand (not a locked vault or an MFA code). A badge and a notification say when last
          month's bill appears; clicking the notification downloads it for every profile.
        </p>
      </section>

      <section aria-labelledby="naming-heading">
        <h2 id="naming-heading">File names</h2>
        <NamingTemplateField
          value={settings.namingTemplate ?? DEFAULT_NAMING_TEMPLATE}
          onChange={(template) => updateSettings({ namingTemplate: template })}
        />
      </section>

      <section aria-labelledby="vault-heading">
        <h2 id="vault-heading">Encrypted vault</h2>
        <p role="status" class="vault-status">
          {!vaultExists ? 'No vault: nothing is remembered on this device.' : unlocked ? 'Vault unlocked.' : 'Vault locked.'}
        </p>
        {vaultExists && !unlocked && (
          <form class="month-row" onSubmit={(event) => void unlock(event)}>
            <div class="field">
              <label for="unlock-passphrase">Vault passphrase</label>
              <input id="unlock-passphrase" type="password" autoComplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
            </div>
            <button type="submit" class="primary">
              Unlock
            </button>
          </form>
        )}
        {error && <ErrorNotice error={error} />}
        <div class="field">
          <label for="auto-lock">Lock after this many idle minutes</label>
          <input
            id="auto-lock"
            type="number"
            min={1}
            max={1440}
            value={settings.autoLockMinutes}
            onChange={(event) => {
              const minutes = Math.round(Number(event.currentTarget.value));
              if (minutes >= 1 && minutes <= 1440) updateSettings({ autoLockMinutes: minutes });
            }}
          />
        </div>
        <div class="actions">
          <button type="button" disabled={!unlocked} onClick={() => void sendMessage('lockVault', {})}>
            Lock now
          </button>
          <button type="button" onClick={() => void forgetAll()}>
            Forget all
          </button>
        </div>
      </section>
    </main>
  );
}
