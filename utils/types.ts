/** JSON-safe shapes shared by the background, the popup and the tests. Nothing here imports the SDK. */

/** A billing month as the user picks it: `YYYY-MM`. */
export type BillingMonth = `${number}-${number}`;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Required for temporary `ASIA…` keys. */
  sessionToken?: string;
}

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
}

export type InvoiceType = 'INVOICE' | 'CREDIT_MEMO' | 'PAYMENT_RECEIPT';

/** One row of the invoice table, flattened from ListInvoiceSummaries. Amounts stay decimal strings. */
export interface InvoiceRow {
  accountId: string;
  invoiceId: string;
  type: InvoiceType;
  /** `YYYY-MM-DD` (UTC) or '' when AWS sends none. */
  issuedDate: string;
  dueDate: string;
  billingMonth: string;
  seller: string;
  amount: string;
  currency: string;
  originalInvoiceId?: string;
  purchaseOrderNumber?: string;
  /** The three currencies AWS reports (base, payment, tax), for the ledger CSV. */
  amounts?: {
    base?: CurrencyAmount;
    payment?: CurrencyAmount;
    tax?: CurrencyAmount;
  };
}

/** One of an invoice's currency views; decimal strings as AWS sends them. */
export interface CurrencyAmount {
  currency: string;
  total: string;
  beforeTax: string;
  tax: string;
  /** Exchange rate from the base currency, when AWS gives one. */
  exchangeRate?: string;
}

export type DocumentType = 'INVOICE' | 'GOVERNMENT_INVOICE' | 'TAX_E_INVOICE' | 'PAYMENT_RECEIPT' | 'SUPPLEMENT';

/** One downloadable file: the invoice PDF itself (`documentType: 'INVOICE'`) or a supplemental document. */
export interface InvoiceDocument {
  invoiceId: string;
  documentType: DocumentType;
  /** Set for supplemental documents only. */
  documentId?: string;
  url: string;
  /** Epoch milliseconds; the URL must be fetched again from GetInvoicePDF after it. */
  expiresAt: number;
}

/** What a user can be told about a failure. `code` picks the message; the rest fills it in. Never holds a secret. */
export interface UserError {
  code:
    | 'unknown-key'
    | 'wrong-secret'
    | 'expired-token'
    | 'access-denied'
    | 'throttled'
    | 'network'
    | 'invalid-request'
    | 'not-found'
    | 'server'
    | 'unknown'
    // Profiles and the vault: the popup answers these by asking for what is missing.
    | 'secret-needed'
    | 'vault-locked'
    | 'wrong-passphrase'
    | 'vault-tampered'
    | 'weak-passphrase'
    | 'mfa-needed'
    | 'mfa-invalid'
    | 'profile-missing'
    // Asked for something that is not there: a download before a listing, a retry with no finished job, no vault.
    | 'nothing-listed'
    | 'no-finished-job'
    | 'no-vault'
    // The popup got no answer from the background.
    | 'no-answer'
    // A presigned document link was refused (HTTP 403), even after a fresh one.
    | 'link-refused';
  /** The IAM action that was denied, e.g. `invoicing:GetInvoicePDF`. */
  action?: string;
  /** AWS's own message, scrubbed of anything that looks like a key, for the details line. Never our own words: those
   * are a `code`, so that they are shown in the reader's language. */
  detail?: string;
}

/** Where the keys for a request come from: typed once, or a saved profile plus whatever it still needs. */
export type CredentialSource =
  | { kind: 'keys'; credentials: Credentials }
  | {
      kind: 'profile';
      profileId: string;
      /** For a session-only profile after a browser restart. */
      secretAccessKey?: string;
      sessionToken?: string;
      /** A fresh code when the profile has an MFA device. */
      mfaCode?: string;
    };

/** What the options page sends to create or change a profile. */
export interface ProfileDraft {
  id?: string;
  name: string;
  accessKeyId: string;
  /** Empty keeps the secret already stored for this profile. */
  secretAccessKey: string;
  sessionToken: string;
  remember: boolean;
  /** Needed to create the vault, or to add to it while it is locked. */
  passphrase?: string;
  roleArn: string;
  externalId: string;
  mfaSerial: string;
}
