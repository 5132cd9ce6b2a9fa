import { useState } from 'preact/hooks';
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
          {name === 'passphraseRepeat' ? 'The two passphrases differ.' : describeFieldIssue(issues[name] as IssueCode)}
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
    <form class="profile-editor" onSubmit={(event) => void save(event)} noValidate aria-label={profile ? 'Edit profile' : 'New profile'}>
      <h2>{profile ? `Edit ${profile.name}` : 'New profile'}</h2>
      {field('name', 'Profile name', text('name', 'text', 'e.g. Acme payer account'))}
      <div class="grid2">
        {field('accessKeyId', 'Access key ID', text('accessKeyId'))}
        {field(
          'secretAccessKey',
          'Secret access key',
          text('secretAccessKey', 'password', profile ? 'Leave empty to keep the stored one' : undefined),
        )}
      </div>
      {field('sessionToken', 'Session token (for temporary ASIA keys)', text('sessionToken', 'password'))}
      <div class="grid2">
        {field('roleArn', 'Role to assume (optional)', text('roleArn', 'text', 'arn:aws:iam::123456789012:role/InvoiceReader'))}
        {field('externalId', 'External ID (optional)', text('externalId'))}
      </div>
      {field('mfaSerial', 'MFA device ARN (optional)', text('mfaSerial', 'text', 'arn:aws:iam::123456789012:mfa/alice'))}
      <label class="checkbox">
        <input type="checkbox" checked={draft.remember} onChange={set('remember')} />
        Remember on this device (encrypted with a passphrase)
      </label>
      <p class="hint">
        {draft.remember
          ? 'The secret is encrypted (AES-GCM, key from your passphrase) and stored on this device. You unlock it once per browser session; it locks itself when idle.'
          : 'The secret is kept in memory only and forgotten when the browser closes.'}
      </p>
      {needsNewPassphrase && (
        <div class="grid2">
          {field('passphrase', 'New vault passphrase', text('passphrase', 'password'))}
          {field(
            'passphraseRepeat',
            'Repeat passphrase',
            <input id="profile-passphraseRepeat" type="password" autoComplete="off" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />,
          )}
        </div>
      )}
      {needsPassphrase && field('passphrase', 'Vault passphrase', text('passphrase', 'password'))}
      {error && (error.code === 'invalid-request' ? <p class="field-issue">{describeUserError(error)}</p> : <ErrorNotice error={error} />)}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save profile
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
