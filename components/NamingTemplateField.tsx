import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DEFAULT_NAMING_TEMPLATE,
  NAMING_TOKENS,
  previewNamingTemplate,
  validateNamingTemplate,
  type NamingTemplateCheck,
} from '@/utils/naming-template';

const INPUT_ID = 'naming-template';
const HINT_ID = 'naming-template-hint';
const ISSUE_ID = 'naming-template-issue';

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
      <label for={INPUT_ID}>File naming template</label>
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
          {describeTemplateIssue(check)}
        </p>
      )}
      <div class="hint">
        <p id={HINT_ID}>
          "/" starts a folder inside the Downloads folder (or the ZIP); ".pdf" is added for you. Insert a token at the
          cursor:
        </p>
        <ul class="tokens" aria-label="Tokens">
          {NAMING_TOKENS.map(({ token, description }) => (
            <li key={token}>
              <button
                type="button"
                aria-label={`Insert {${token}}: ${description}`}
                title={description}
                onClick={() => insertToken(`{${token}}`)}
              >
                <code>{`{${token}}`}</code>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <ul class="naming-preview" aria-label="Preview" aria-live="polite">
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
          Reset to default
        </button>
      </div>
    </div>
  );
}

function describeTemplateIssue(check: Exclude<NamingTemplateCheck, { ok: true }>): string {
  switch (check.issue) {
    case 'empty':
      return 'Enter a template, or reset to the default.';
    case 'unknown-token':
      return `${check.token ?? 'This token'} is not a known token: pick one from the list below.`;
    case 'absolute':
      return 'Start with a folder or a token, not "/" or a drive: files are always saved inside the Downloads folder.';
    case 'parent-folder':
      return '".." is not allowed: files are always saved inside the Downloads folder.';
    case 'no-invoice-id':
      return 'Include {invoiceId}, so every file name says which invoice it holds.';
  }
}
