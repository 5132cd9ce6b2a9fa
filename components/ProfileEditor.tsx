import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { Profile } from '@/utils/storage';
import type { ProfileDraft, UserError } from '@/utils/types';
import { describeFieldIssue, describeUserError, type IssueCode } from '@/utils/user-messages';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  /** The profile being edited, or undefined for a new one. */
  profile?: Profile;
  vaultExists: boolean;
  vaultUnlocked: boolean;
  onDone(profile?: Profile): void;
}

type Issues = Partial<Record<keyof ProfileDraft | 'passphraseRepeat', IssueCode>>;

// Example ARNs read the same in every language, so they are not translated.
const ROLE_ARN_EXAMPLE = 'arn:aws:iam::123456789012:role/InvoiceReader';
const MFA_SERIAL_EXAMPLE = 'arn:aws:iam::123456789012:mfa/alice';

/** Creates or edits a profile. Secrets are sent to the background once and never shown again. */
export function ProfileEditor({ profile, vaultExists, vaultUnlocked, onDone }: Props) {
  const [draft, setDraft] = useState<ProfileDraft>({
    ...(profile ? { id: profile.id } : {}),
    name: profile?.name ?? '',
    accessKeyId: profile?.accessKeyId ?? '',
    secretAccessKey: '',
    sessionToken: '',
    remember: profile?.remember ?? false,
    passphrase: '',
    roleArn: profile?.roleArn ?? '',
    externalId: profile?.externalId ?? '',
    mfaSerial: profile?.mfaSerial ?? '',
  });
  const [repeat, setRepeat] = useState('');
  const [issues, setIssues] = useState<Issues>({});
  const [error, setError] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);
  const needsNewPassphrase = draft.remember && !vaultExists;
  const needsPassphrase = draft.remember && vaultExists && !vaultUnlocked;
  const set = (field: keyof ProfileDraft) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement;
    setDraft({ ...draft, [field]: target.type === 'checkbox' ? target.checked : target.value });
  };

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    const local: Issues = {};
    if (needsNewPassphrase && draft.passphrase!.trim().length < 8) local.passphrase = 'passphrase-short';
    if (needsNewPassphrase && draft.passphrase !== repeat) local.passphraseRepeat = 'required';
    if (needsPassphrase && !draft.passphrase) local.passphrase = 'required';
    setIssues(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const result = await sendMessage('saveProfile', draft);
      if (result.ok) {
        onDone(result.profile);
        return;
      }
      setIssues(('issues' in result && (result.issues as Issues)) || {});
      if (!('issues' in result && result.issues)) setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof ProfileDraft | 'passphraseRepeat', label: string, control: preact.JSX.Element) => (
    <div class="field">
      <label for={`profile-${name}`}>{label}</label>
      {control}
      {issues[name] && (
        <p class="field-issue" id={`profile-${name}-issue`}>
          {name === 'passphraseRepeat' ? t('passphrasesDiffer') : describeFieldIssue(issues[name] as IssueCode)}
        </p>
      )}
    </div>
  );
  const text = (name: keyof ProfileDraft, type: 'text' | 'password' = 'text', placeholder?: string) => (
    <input
      id={`profile-${name}`}
      type={type as 'password'}
      autoComplete="off"
      spellcheck={false}
      placeholder={placeholder}
      value={draft[name] as string}
      onInput={set(name)}
      aria-invalid={issues[name] ? 'true' : undefined}
      aria-describedby={issues[name] ? `profile-${name}-issue` : undefined}
    />
  );
  return (
    <form class="profile-editor" onSubmit={(event) => void save(event)} noValidate aria-label={t(profile ? 'editProfile' : 'newProfile')}>
      <h2>{profile ? t('editNamed', profile.name) : t('newProfile')}</h2>
      {field('name', t('profileName'), text('name', 'text', t('profileNamePlaceholder')))}
      <div class="grid2">
        {field('accessKeyId', t('accessKeyId'), text('accessKeyId'))}
        {field(
          'secretAccessKey',
          t('secretAccessKey'),
          text('secretAccessKey', 'password', profile ? t('keepStoredSecret') : undefined),
        )}
      </div>
      {field('sessionToken', t('sessionTokenTemporary'), text('sessionToken', 'password'))}
      <div class="grid2">
        {field('roleArn', t('roleArnOptional'), text('roleArn', 'text', ROLE_ARN_EXAMPLE))}
        {field('externalId', t('externalIdOptional'), text('externalId'))}
      </div>
      {field('mfaSerial', t('mfaSerialOptional'), text('mfaSerial', 'text', MFA_SERIAL_EXAMPLE))}
      <label class="checkbox">
        <input type="checkbox" checked={draft.remember} onChange={set('remember')} />
        {t('rememberOnDevice')}
      </label>
      <p class="hint">{t(draft.remember ? 'rememberHint' : 'sessionOnlyHint')}</p>
      {needsNewPassphrase && (
        <div class="grid2">
          {field('passphrase', t('newVaultPassphrase'), text('passphrase', 'password'))}
          {field(
            'passphraseRepeat',
            t('repeatPassphrase'),
            <input id="profile-passphraseRepeat" type="password" autoComplete="off" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />,
          )}
        </div>
      )}
      {needsPassphrase && field('passphrase', t('vaultPassphrase'), text('passphrase', 'password'))}
      {error && (error.code === 'invalid-request' ? <p class="field-issue">{describeUserError(error)}</p> : <ErrorNotice error={error} />)}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('saveProfile')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
