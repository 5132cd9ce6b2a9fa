import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Profile } from '@/utils/storage';
import { describeFieldIssue, type IssueCode } from '@/utils/user-messages';

/** Everything the form can hold; which fields show depends on the profile and on what the background asked for. */
export interface FormValues {
  /** A profile id, '' for one-off keys, ALL_PROFILES or SEVERAL_PROFILES. */
  profileId: string;
  /** The profiles ticked when SEVERAL_PROFILES is chosen. */
  profileIds: string[];
  toMonth: string;
  by: 'billing-month' | 'issued-in';
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  month: string;
  passphrase: string;
  mfaCode: string;
}

export type FormIssues = Partial<Record<keyof FormValues, IssueCode>>;

export const ALL_PROFILES = '*all';
export const SEVERAL_PROFILES = '*several';

/** The month fields' format, the same in every language: it is what Firefox's plain text month field accepts. */
const MONTH_PLACEHOLDER = 'YYYY-MM';

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
      value={values[field] as string}
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
        <Field id="profile" label={t('profile')}>
          <select id="profile" name="profileId" value={values.profileId} onChange={set('profileId')}>
            <option value="">{t('oneOffKeys')}</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {profiles.length > 1 && <option value={ALL_PROFILES}>{t('allProfiles')}</option>}
            {profiles.length > 2 && <option value={SEVERAL_PROFILES}>{t('severalProfiles')}</option>}
          </select>
        </Field>
      )}
      {values.profileId === SEVERAL_PROFILES && (
        <fieldset class="choices profile-choices">
          <legend>{t('profilesToInclude')}</legend>
          {profiles.map((p) => (
            <label key={p.id} class="checkbox">
              <input
                type="checkbox"
                checked={values.profileIds.includes(p.id)}
                onChange={(event) =>
                  props.onChange({
                    ...values,
                    profileIds: event.currentTarget.checked
                      ? [...values.profileIds, p.id]
                      : values.profileIds.filter((id) => id !== p.id),
                  })
                }
              />
              {p.name}
            </label>
          ))}
          {issues.profileIds && <p class="field-issue">{t('tickOneProfile')}</p>}
        </fieldset>
      )}
      {profile || values.profileId.startsWith('*') ? (
        profile ? (
        <p class="keys-summary">
          {t('keySummary')} <code>{maskKeyId(profile.accessKeyId)}</code>
          {profile.roleArn && <span class="sub arn">{t('roleSummary', profile.roleArn)}</span>}
          {profile.remember && <span class="sub">{t('rememberedInVault')}</span>}
        </p>
        ) : null
      ) : keysCollapsed ? (
        <p class="keys-summary">
          {t('keySummary')} <code>{maskKeyId(values.accessKeyId)}</code>{' '}
          <button type="button" class="link" onClick={props.onEditKeys}>
            {t('changeKeys')}
          </button>
        </p>
      ) : (
        <>
          <Field id="access-key-id" label={t('accessKeyId')} issue={issues.accessKeyId}>
            {input('accessKeyId', 'access-key-id')}
          </Field>
          <SecretField values={values} issues={issues} show={showSecret} onToggle={() => setShowSecret(!showSecret)} input={input} />
          <Field id="session-token" label={t('sessionTokenOptional')} issue={issues.sessionToken}>
            {input('sessionToken', 'session-token', { type: 'password' })}
          </Field>
        </>
      )}
      {values.profileId && needs.secret && (
        <SecretField values={values} issues={issues} show={showSecret} onToggle={() => setShowSecret(!showSecret)} input={input} />
      )}
      {values.profileId && needs.passphrase && (
        <Field id="passphrase" label={t('vaultPassphrase')} issue={issues.passphrase}>
          {input('passphrase', 'passphrase', { type: 'password' })}
        </Field>
      )}
      {values.profileId && needs.mfa && (
        <Field id="mfa-code" label={t('mfaCode')} issue={issues.mfaCode}>
          {input('mfaCode', 'mfa-code', { inputMode: 'numeric', maxLength: 6, pattern: '[0-9]*' })}
        </Field>
      )}
      <Field id="match-by" label={t('matchBy')}>
        <select id="match-by" name="by" value={values.by} onChange={set('by')}>
          <option value="billing-month">{t('matchByBillingMonth')}</option>
          <option value="issued-in">{t('matchByIssuedIn')}</option>
        </select>
      </Field>
      <div class="range-row">
        <Field id="billing-month" label={t(values.by === 'issued-in' ? 'issuedInMonth' : 'billingMonth')} issue={issues.month}>
          {input('month', 'billing-month', { type: 'month', min: '2005-01', max: props.maxMonth, placeholder: MONTH_PLACEHOLDER })}
        </Field>
        <Field id="to-month" label={t('throughMonth')} issue={issues.toMonth}>
          {input('toMonth', 'to-month', { type: 'month', min: '2005-01', max: props.maxMonth, placeholder: MONTH_PLACEHOLDER })}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {t(busy ? 'working' : 'listInvoices')}
        </button>
        <button type="button" disabled={busy} onClick={props.onCheckPermissions}>
          {t('checkPermissions')}
        </button>
      </div>
      <p class="hint">{t('keysStayHint')}</p>
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
    <Field id="secret-access-key" label={t('secretAccessKey')} issue={props.issues.secretAccessKey}>
      <div class="with-toggle">
        {props.input('secretAccessKey', 'secret-access-key', { type: props.show ? 'text' : 'password' })}
        <button type="button" aria-pressed={props.show} onClick={props.onToggle}>
          {t(props.show ? 'hideSecret' : 'showSecret')}
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
