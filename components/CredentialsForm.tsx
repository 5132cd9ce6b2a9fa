import { useState } from 'preact/hooks';
import type { Profile } from '@/utils/storage';
import { describeFieldIssue, type IssueCode } from '@/utils/user-messages';

/** Everything the form can hold; which fields show depends on the profile and on what the background asked for. */
export interface FormValues {
  profileId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  month: string;
  passphrase: string;
  mfaCode: string;
}

export type FormIssues = Partial<Record<keyof FormValues, IssueCode>>;

/** Extra fields a profile may need before it can be used. */
export interface ProfileNeeds {
  secret: boolean;
  passphrase: boolean;
  mfa: boolean;
}

interface Props {
  values: FormValues;
  issues: FormIssues;
  profiles: Profile[];
  needs: ProfileNeeds;
  busy: boolean;
  /** Hides one-off key fields once a listing exists, leaving the month and the buttons. */
  keysCollapsed: boolean;
  maxMonth: string;
  onChange(values: FormValues): void;
  onSubmit(): void;
  onCheckPermissions(): void;
  onEditKeys(): void;
}

/** Keys (typed or from a profile) and billing month, with each problem shown next to its field before anything is sent. */
export function CredentialsForm(props: Props) {
  const { values, issues, profiles, needs, busy, keysCollapsed } = props;
  const [showSecret, setShowSecret] = useState(false);
  const set = (field: keyof FormValues) => (event: Event) =>
    props.onChange({ ...values, [field]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const profile = profiles.find((p) => p.id === values.profileId);
  const input = (field: keyof FormValues, id: string, extra: Record<string, unknown> = {}) => (
    <input
      id={id}
      name={field}
      autoComplete="off"
      spellcheck={false}
      value={values[field]}
      onInput={set(field)}
      aria-invalid={issues[field] ? 'true' : undefined}
      aria-describedby={issues[field] ? `${id}-issue` : undefined}
      {...extra}
    />
  );
  return (
    <form
      class="credentials"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {profiles.length > 0 && (
        <Field id="profile" label="Profile">
          <select id="profile" name="profileId" value={values.profileId} onChange={set('profileId')}>
            <option value="">One-off keys (not saved)</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {profile ? (
        <p class="keys-summary">
          Key <code>{maskKeyId(profile.accessKeyId)}</code>
          {profile.roleArn && <span class="sub arn">Role {profile.roleArn}</span>}
          {profile.remember && <span class="sub">Remembered in the encrypted vault</span>}
        </p>
      ) : keysCollapsed ? (
        <p class="keys-summary">
          Key <code>{maskKeyId(values.accessKeyId)}</code>{' '}
          <button type="button" class="link" onClick={props.onEditKeys}>
            Change keys
          </button>
        </p>
      ) : (
        <>
          <Field id="access-key-id" label="Access key ID" issue={issues.accessKeyId}>
            {input('accessKeyId', 'access-key-id')}
          </Field>
          <SecretField values={values} issues={issues} show={showSecret} onToggle={() => setShowSecret(!showSecret)} input={input} />
          <Field id="session-token" label="Session token (optional)" issue={issues.sessionToken}>
            {input('sessionToken', 'session-token', { type: 'password' })}
          </Field>
        </>
      )}
      {profile && needs.secret && (
        <SecretField values={values} issues={issues} show={showSecret} onToggle={() => setShowSecret(!showSecret)} input={input} />
      )}
      {profile && needs.passphrase && (
        <Field id="passphrase" label="Vault passphrase" issue={issues.passphrase}>
          {input('passphrase', 'passphrase', { type: 'password' })}
        </Field>
      )}
      {profile && needs.mfa && (
        <Field id="mfa-code" label="MFA code" issue={issues.mfaCode}>
          {input('mfaCode', 'mfa-code', { inputMode: 'numeric', maxLength: 6, pattern: '[0-9]*' })}
        </Field>
      )}
      <div class="month-row">
        <Field id="billing-month" label="Billing month" issue={issues.month}>
          {input('month', 'billing-month', { type: 'month', min: '2005-01', max: props.maxMonth, placeholder: 'YYYY-MM' })}
        </Field>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Working…' : 'List invoices'}
        </button>
      </div>
      <div class="actions">
        <button type="button" disabled={busy} onClick={props.onCheckPermissions}>
          Check permissions
        </button>
      </div>
      <p class="hint">Keys stay in this browser and are sent only to AWS.</p>
    </form>
  );
}

function SecretField(props: {
  values: FormValues;
  issues: FormIssues;
  show: boolean;
  onToggle(): void;
  input: (field: keyof FormValues, id: string, extra?: Record<string, unknown>) => preact.JSX.Element;
}) {
  return (
    <Field id="secret-access-key" label="Secret access key" issue={props.issues.secretAccessKey}>
      <div class="with-toggle">
        {props.input('secretAccessKey', 'secret-access-key', { type: props.show ? 'text' : 'password' })}
        <button type="button" aria-pressed={props.show} onClick={props.onToggle}>
          {props.show ? 'Hide secret' : 'Show secret'}
        </button>
      </div>
    </Field>
  );
}

function Field(props: { id: string; label: string; issue?: IssueCode; children: preact.ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.issue && (
        <p class="field-issue" id={`${props.id}-issue`}>
          {describeFieldIssue(props.issue)}
        </p>
      )}
    </div>
  );
}

function maskKeyId(keyId: string): string {
  return keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : keyId;
}
