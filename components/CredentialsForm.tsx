import { useState } from 'preact/hooks';
import type { CredentialsForm as FormValues, FieldIssue } from '@/utils/validation';
import { describeFieldIssue } from '@/utils/user-messages';

interface Props {
  values: FormValues;
  issues: Partial<Record<keyof FormValues, FieldIssue>>;
  busy: boolean;
  /** Hides the key fields once a listing exists, leaving the month and the button. */
  keysCollapsed: boolean;
  maxMonth: string;
  onChange(values: FormValues): void;
  onSubmit(): void;
  onEditKeys(): void;
}

/** Keys and billing month, with each problem shown next to its field before anything is sent. */
export function CredentialsForm({ values, issues, busy, keysCollapsed, maxMonth, onChange, onSubmit, onEditKeys }: Props) {
  const [showSecret, setShowSecret] = useState(false);
  const set = (field: keyof FormValues) => (event: Event) =>
    onChange({ ...values, [field]: (event.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="credentials"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {keysCollapsed ? (
        <p class="keys-summary">
          Key <code>{maskKeyId(values.accessKeyId)}</code>{' '}
          <button type="button" class="link" onClick={onEditKeys}>
            Change keys
          </button>
        </p>
      ) : (
        <>
          <Field id="access-key-id" label="Access key ID" issue={issues.accessKeyId}>
            <input
              id="access-key-id"
              name="accessKeyId"
              autoComplete="off"
              spellcheck={false}
              value={values.accessKeyId}
              onInput={set('accessKeyId')}
              aria-invalid={issues.accessKeyId ? 'true' : undefined}
              aria-describedby={issues.accessKeyId ? 'access-key-id-issue' : undefined}
            />
          </Field>
          <Field id="secret-access-key" label="Secret access key" issue={issues.secretAccessKey}>
            <div class="with-toggle">
              <input
                id="secret-access-key"
                name="secretAccessKey"
                type={(showSecret ? 'text' : 'password') as 'password'}
                autoComplete="off"
                spellcheck={false}
                value={values.secretAccessKey}
                onInput={set('secretAccessKey')}
                aria-invalid={issues.secretAccessKey ? 'true' : undefined}
                aria-describedby={issues.secretAccessKey ? 'secret-access-key-issue' : undefined}
              />
              <button type="button" aria-pressed={showSecret} onClick={() => setShowSecret(!showSecret)}>
                {showSecret ? 'Hide secret' : 'Show secret'}
              </button>
            </div>
          </Field>
          <Field id="session-token" label="Session token (optional)" issue={issues.sessionToken}>
            <input
              id="session-token"
              name="sessionToken"
              type="password"
              autoComplete="off"
              spellcheck={false}
              value={values.sessionToken}
              onInput={set('sessionToken')}
              aria-invalid={issues.sessionToken ? 'true' : undefined}
              aria-describedby={issues.sessionToken ? 'session-token-issue' : undefined}
            />
          </Field>
        </>
      )}
      <div class="month-row">
        <Field id="billing-month" label="Billing month" issue={issues.month}>
          <input
            id="billing-month"
            name="month"
            type="month"
            min="2005-01"
            max={maxMonth}
            placeholder="YYYY-MM"
            value={values.month}
            onInput={set('month')}
            aria-invalid={issues.month ? 'true' : undefined}
            aria-describedby={issues.month ? 'billing-month-issue' : undefined}
          />
        </Field>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Listing…' : 'List invoices'}
        </button>
      </div>
      <p class="hint">Keys stay in this browser's memory and are sent only to AWS.</p>
    </form>
  );
}

function Field(props: { id: string; label: string; issue?: FieldIssue; children: preact.ComponentChildren }) {
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
