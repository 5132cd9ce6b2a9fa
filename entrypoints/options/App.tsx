import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { NamingTemplateField } from '@/components/NamingTemplateField';
import { ProfileEditor } from '@/components/ProfileEditor';
import { t, type Locale } from '@/utils/i18n';
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

/** Each language by its own name, as language pickers do, so that it can be found whatever the page's language. */
const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

/** Options page: saved profiles, the right-click menu, alerts, file names, the encrypted vault, and the language. */
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
    if (result.ok) setNotice(t('vaultUnlockedNotice'));
    else setError(result.error);
  }

  async function forgetAll(): Promise<void> {
    if (!confirm(t('forgetConfirm'))) return;
    await sendMessage('forgetAll', {});
    setNotice(t('forgotten'));
  }

  const updateSettings = (next: Partial<Settings>) => void localSettings.setValue({ ...settings, ...next });

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="profiles-heading">
        <h2 id="profiles-heading">{t('profilesHeading')}</h2>
        {profiles.length === 0 && <p class="hint">{t('noProfiles')}</p>}
        <ul class="profiles" aria-label={t('savedProfiles')}>
          {profiles.map((profile) => (
            <li key={profile.id}>
              <span>
                <strong>{profile.name}</strong>
                {settings.defaultProfileId === profile.id && ` ${t('defaultMark')}`}
                <span class="sub">
                  {profile.accessKeyId.slice(0, 4)}…{profile.accessKeyId.slice(-4)} ·{' '}
                  {t(profile.remember ? 'rememberedShort' : 'sessionOnlyShort')}
                  {profile.roleArn ? ` · ${t('roleInline', profile.roleArn)}` : ''}
                  {profile.mfaSerial ? ' · MFA' : ''}
                </span>
              </span>
              <span class="actions">
                {settings.defaultProfileId !== profile.id && (
                  <button type="button" aria-label={t('makeDefaultNamed', profile.name)} onClick={() => updateSettings({ defaultProfileId: profile.id })}>
                    {t('makeDefault')}
                  </button>
                )}
                <button type="button" aria-label={t('editNamed', profile.name)} onClick={() => setEditing(profile)}>
                  {t('edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('deleteNamed', profile.name)}
                  onClick={() => void sendMessage('deleteProfile', { profileId: profile.id })}
                >
                  {t('delete')}
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
              if (saved) setNotice(t('profileSaved', saved.name));
            }}
          />
        ) : (
          <div class="actions">
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              {t('addProfile')}
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby="menu-heading">
        <h2 id="menu-heading">{t('menuHeading')}</h2>
        <p class="hint">{t('menuHint', t('menuThisMonth'), t('menuLastMonth'))}</p>
        <fieldset class="choices">
          <legend>{t('menuFormLegend')}</legend>
          {(['zip', 'pdfs'] as const).map((form) => (
            <label key={form} class="checkbox">
              <input
                type="radio"
                name="menu-form"
                value={form}
                checked={(settings.menuForm ?? 'zip') === form}
                onChange={() => updateSettings({ menuForm: form })}
              />
              {t(form === 'zip' ? 'oneZip' : 'eachPdf')}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">{t('alertsHeading')}</h2>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={settings.newInvoiceAlerts ?? false}
            onChange={(event) => updateSettings({ newInvoiceAlerts: event.currentTarget.checked })}
          />
          {t('alertsCheckbox')}
        </label>
        <p class="hint">{t('alertsHint')}</p>
      </section>

      <section aria-labelledby="naming-heading">
        <h2 id="naming-heading">{t('namingHeading')}</h2>
        <NamingTemplateField
          value={settings.namingTemplate ?? DEFAULT_NAMING_TEMPLATE}
          onChange={(template) => updateSettings({ namingTemplate: template })}
        />
      </section>

      <section aria-labelledby="vault-heading">
        <h2 id="vault-heading">{t('vaultHeading')}</h2>
        <p role="status" class="vault-status">
          {t(!vaultExists ? 'noVault' : unlocked ? 'vaultUnlocked' : 'vaultLocked')}
        </p>
        {vaultExists && !unlocked && (
          <form class="month-row" onSubmit={(event) => void unlock(event)}>
            <div class="field">
              <label for="unlock-passphrase">{t('vaultPassphrase')}</label>
              <input id="unlock-passphrase" type="password" autoComplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
            </div>
            <button type="submit" class="primary">
              {t('unlock')}
            </button>
          </form>
        )}
        {error && <ErrorNotice error={error} />}
        <div class="field">
          <label for="auto-lock">{t('autoLock')}</label>
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
            {t('lockNow')}
          </button>
          <button type="button" onClick={() => void forgetAll()}>
            {t('forgetAll')}
          </button>
        </div>
      </section>

      <section aria-labelledby="language-heading">
        <h2 id="language-heading">{t('languageHeading')}</h2>
        <div class="field">
          <label for="language">{t('displayLanguage')}</label>
          <select
            id="language"
            value={settings.locale ?? ''}
            onChange={(event) => updateSettings({ locale: (event.currentTarget.value || undefined) as Locale | undefined })}
          >
            <option value="">{t('browserDefault')}</option>
            {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        </div>
      </section>
    </main>
  );
}
