/** File naming templates: the user's `{token}` pattern turned into download paths that every browser accepts. */
import { makeUniquePaths, sanitizePathSegment } from './filenames';
import type { DocumentType, InvoiceRow, InvoiceType } from './types';

/** The template used until the user picks another; renders exactly what `buildDocumentPath` returns. */
export const DEFAULT_NAMING_TEMPLATE = 'AWS Invoices/{account}/{billingMonth}/{invoiceId}';

/** Everything a template can refer to, for one document. */
export interface NamingValues {
  account: string;
  profile: string;
  /** `YYYY-MM`. */
  billingMonth: string;
  /** `YYYY-MM-DD`, or '' when AWS sends none. */
  issuedDate: string;
  invoiceId: string;
  type: InvoiceType;
  seller: string;
  /** Decimal string as AWS sent it. */
  amount: string;
  currency: string;
  documentType: DocumentType;
  /** Set for supplemental documents only. */
  documentId?: string;
}

/** A token's name as written between braces, e.g. `billingMonth` for `{billingMonth}`. */
export type NamingToken = keyof NamingValues;

/** The tokens in the order the options page lists them (components/NamingTemplateField.tsx says what each means). */
export const NAMING_TOKENS: readonly NamingToken[] = [
  'account',
  'profile',
  'billingMonth',
  'issuedDate',
  'invoiceId',
  'type',
  'seller',
  'amount',
  'currency',
  'documentType',
  'documentId',
];

/** Why a template was refused; `token` names the offending `{token}` for `unknown-token`. */
export type NamingTemplateCheck =
  | { ok: true }
  | { ok: false; issue: 'empty' | 'unknown-token' | 'absolute' | 'parent-folder' | 'no-invoice-id'; token?: string };

const KNOWN_TOKENS: ReadonlySet<string> = new Set(NAMING_TOKENS);
const TOKEN_PATTERN = /\{([^{}]*)\}/g;
const PDF_EXTENSION = /\.pdf$/i;
// What a dropped empty value takes with it, so `{invoiceId}-{documentId}` never ends in a dangling "-".
const SEPARATOR = /[-_ .,]/;

const TYPE_NAMES: Record<InvoiceType, string> = {
  INVOICE: 'invoice',
  CREDIT_MEMO: 'credit-memo',
  PAYMENT_RECEIPT: 'payment-receipt',
};

// Values without which a folder would be meaningless get a readable stand-in; the rest are simply left out.
// invoiceId has none so the default template falls back exactly as buildDocumentPath does (stem "invoice").
const FALLBACKS: Partial<Record<NamingToken, string>> = {
  account: 'unknown-account',
  profile: 'no-profile',
  billingMonth: 'unknown-month',
  issuedDate: 'unknown-date',
  seller: 'unknown-seller',
};

const FILE_FALLBACK = 'invoice';

/** Renders one document's path from a template: every segment sanitised, `.pdf` appended, never absolute or `..`. */
export function renderDocumentPath(template: string, values: NamingValues): string {
  // Splitting before substitution is what keeps a "/" inside a value (profile "a/b") from adding a folder.
  const segments = template.split('/').filter((segment) => segment.trim() !== '');
  const fileTemplate = (segments.pop() ?? '').replace(PDF_EXTENSION, '');
  const folders = segments
    .map((segment) => ({ segment, text: substituteTokens(segment, values) }))
    // A folder made only of missing values is left out rather than named "_".
    .filter(({ text }) => text.trim() !== '')
    .map(({ segment, text }) => sanitizePathSegment(text, fallbackFor(segment, '_')));

  const isSupplement = values.documentType !== 'INVOICE';
  const namesDocument = /\{(documentType|documentId)\}/.test(template);
  // Same joining rule as buildDocumentPath, so a supplement never takes the invoice PDF's own name.
  const stem =
    isSupplement && !namesDocument
      ? [substituteTokens(fileTemplate, values), values.documentType, values.documentId ?? '']
          .filter((part) => part.trim() !== '')
          .join('-')
      : substituteTokens(fileTemplate, values);
  // Sanitise the stem, not the whole name, so the length cap can never cut off ".pdf".
  const file = `${sanitizePathSegment(stem, fallbackFor(fileTemplate, FILE_FALLBACK))}.pdf`;
  return [...folders, file].join('/');
}

/** Renders every document, then renames repeats so no two documents can get the same path. */
export function renderUniquePaths(template: string, values: NamingValues[]): string[] {
  return makeUniquePaths(values.map((value) => renderDocumentPath(template, value)));
}

/** Checks a template the user typed; only templates that pass are saved. */
export function validateNamingTemplate(template: string): NamingTemplateCheck {
  if (template.trim() === '') return { ok: false, issue: 'empty' };
  // Rendering would defuse these anyway, but a user who types them expects something we will not do.
  if (/^\s*([\\/]|[A-Za-z]:)/.test(template)) return { ok: false, issue: 'absolute' };
  if (template.split(/[\\/]/).some((segment) => segment.trim() === '..')) return { ok: false, issue: 'parent-folder' };
  for (const [token, name] of template.matchAll(TOKEN_PATTERN)) {
    if (!KNOWN_TOKENS.has(name ?? '')) return { ok: false, issue: 'unknown-token', token };
  }
  // makeUniquePaths would still keep names apart, but "Invoice (7).pdf" tells an accountant nothing.
  if (!template.includes('{invoiceId}')) return { ok: false, issue: 'no-invoice-id' };
  return { ok: true };
}

// An invoice PDF and its tax e-invoice, with a seller (", Inc.") and a profile ("/") that show the sanitising.
const SAMPLE_INVOICE: NamingValues = {
  account: '123456789012',
  profile: 'acme/production',
  billingMonth: '2024-05',
  issuedDate: '2024-06-02',
  invoiceId: '2451234567',
  type: 'INVOICE',
  seller: 'Amazon Web Services, Inc.',
  amount: '1234.56',
  currency: 'USD',
  documentType: 'INVOICE',
};
const SAMPLE_SUPPLEMENT: NamingValues = { ...SAMPLE_INVOICE, documentType: 'TAX_E_INVOICE', documentId: 'TEI-0001' };

/** Renders two sample documents (an invoice PDF and its supplement) for the options page's live preview. */
export function previewNamingTemplate(template: string): string[] {
  return renderUniquePaths(template, [SAMPLE_INVOICE, SAMPLE_SUPPLEMENT]);
}

/** Collects the naming values for one document of a listed invoice. */
export function buildNamingValues(
  invoice: InvoiceRow,
  document: { documentType: DocumentType; documentId?: string },
  profile = '',
): NamingValues {
  return {
    account: invoice.accountId,
    profile,
    billingMonth: invoice.billingMonth,
    issuedDate: invoice.issuedDate,
    invoiceId: invoice.invoiceId,
    type: invoice.type,
    seller: invoice.seller,
    amount: invoice.amount,
    currency: invoice.currency,
    documentType: document.documentType,
    ...(document.documentId ? { documentId: document.documentId } : {}),
  };
}

function substituteTokens(segment: string, values: NamingValues): string {
  let text = '';
  let dropNextSeparator = false;
  let last = 0;
  for (const match of segment.matchAll(TOKEN_PATTERN)) {
    let literal = segment.slice(last, match.index);
    if (dropNextSeparator && SEPARATOR.test(literal.charAt(0))) literal = literal.slice(1);
    dropNextSeparator = false;
    text += literal;
    last = match.index + match[0].length;

    const name = match[1] ?? '';
    // Unknown tokens stay as typed: validation refuses them, and the preview should show what was written.
    if (!KNOWN_TOKENS.has(name)) {
      text += match[0];
      continue;
    }
    const value = readToken(name as NamingToken, values);
    if (value.trim() !== '') {
      text += value;
    } else if (SEPARATOR.test(text.charAt(text.length - 1))) {
      text = text.slice(0, -1);
    } else {
      dropNextSeparator = true;
    }
  }
  let rest = segment.slice(last);
  if (dropNextSeparator && SEPARATOR.test(rest.charAt(0))) rest = rest.slice(1);
  return text + rest;
}

function readToken(token: NamingToken, values: NamingValues): string {
  const value = token === 'type' ? TYPE_NAMES[values.type] : (values[token] ?? '');
  return value.trim() === '' ? (FALLBACKS[token] ?? '') : value;
}

// A segment that is one token alone falls back like buildDocumentPath does (e.g. "..." as account → unknown-account).
function fallbackFor(segment: string, otherwise: string): string {
  const alone = /^\{(\w+)\}$/.exec(segment.trim());
  return (alone && FALLBACKS[alone[1] as NamingToken]) || otherwise;
}
