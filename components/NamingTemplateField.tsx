import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import {
  DEFAULT_NAMING_TEMPLATE,
  NAMING_TOKENS,
  previewNamingTemplate,
  validateNamingTemplate,
  type NamingTemplateCheck,
  type NamingToken,
} from '@/utils/naming-template';

const INPUT_ID = 'naming-template';
const HINT_ID = 'naming-template-hint';
const ISSUE_ID = 'naming-template-issue';

/** What each token stands for, shown on its button. */
const TOKEN_KEYS: Record<NamingToken, MessageKey> = {
  account: 'tokenAccount',
  profile: 'tokenProfile',
  billingMonth: 'tokenBillingMonth',
  issuedDate: 'tokenIssuedDate',
  invoiceId: 'tokenInvoiceId',
  type: 'tokenType',
  seller: 'tokenSeller',
  amount: 'tokenAmount',
  currency: 'tokenCurrency',
  documentType: 'tokenDocumentType',
  documentId: 'tokenDocumentId',
};

const TEMPLATE_ISSUE_KEYS: Record<Exclude<NamingTemplateCheck, { ok: true }>['issue'], MessageKey> = {
  empty: 'templateEmpty',
  'unknown-token': 'templateUnknownToken',
  absolute: 'templateAbsolute',
  'parent-folder': 'templateParentFolder',
  'no-invoice-id': 'templateNoInvoiceId',
};

/** The options page's file naming template: token chips, validation and a live preview; saves only valid templates. */
export function NamingTemplateField({ value, onChange }: { value: string; onChange(template: string): void }) {
  // The typed text lives here so an invalid template can be fixed in place without ever being saved.
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  const check = validateNamingTemplate(draft);

  // Follow the saved value when it changes elsewhere (loaded from storage, another options tab), but not while the
  // user types: a storage echo of an older keystroke would otherwise undo the newer ones.
  useEffect(() => {
    if (document.activeElement !== input.current) setDraft(value);
  }, [value]);

  // The caret can only be placed once the inserted token is in the input's value.
  useEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.focus();
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [draft]);

  function update(next: string): void {
    setDraft(next);
    if (validateNamingTemplate(next).ok && next !== value) onChange(next);
  }

  function insertToken(token: string): void {
    const field = input.current;
    const start = field?.selectionStart ?? draft.length;
    const end = field?.selectionEnd ?? start;
    caret.current = start + token.length;
    update(draft.slice(0, start) + token + draft.slice(end));
  }

  const preview = previewNamingTemplate(check.ok ? draft : value);

  return (
    <div class="field naming-template">
      <label for={INPUT_ID}>{t('namingTemplate')}</label>
      <input
        id={INPUT_ID}
        ref={input}
        type="text"
        autoComplete="off"
        spellcheck={false}
        value={draft}
        onInput={(event) => update(event.currentTarget.value)}
        aria-invalid={check.ok ? undefined : 'true'}
        aria-describedby={check.ok ? HINT_ID : `${ISSUE_ID} ${HINT_ID}`}
      />
      {!check.ok && (
        <p class="field-issue" id={ISSUE_ID}>
          {t(TEMPLATE_ISSUE_KEYS[check.issue], check.token ?? '')}
        </p>
      )}
      <div class="hint">
        <p id={HINT_ID}>{t('namingHint')}</p>
        <ul class="tokens" aria-label={t('tokens')}>
          {NAMING_TOKENS.map((token) => (
            <li key={token}>
              <button
                type="button"
                aria-label={t('insertToken', `{${token}}`, t(TOKEN_KEYS[token]))}
                title={t(TOKEN_KEYS[token])}
                onClick={() => insertToken(`{${token}}`)}
              >
                <code>{`{${token}}`}</code>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <ul class="naming-preview" aria-label={t('preview')} aria-live="polite">
        {preview.map((path) => (
          <li key={path}>
            <code>{path}</code>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button
          type="button"
          onClick={() => update(DEFAULT_NAMING_TEMPLATE)}
          disabled={draft === DEFAULT_NAMING_TEMPLATE}
        >
          {t('resetDefault')}
        </button>
      </div>
    </div>
  );
}
