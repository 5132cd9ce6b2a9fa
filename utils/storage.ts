import { storage } from 'wxt/utils/storage';
import type { Locale } from './i18n';
import type { DownloadForm, JobProgress } from './jobs/job-state';
import type { CallerIdentity, Credentials, InvoiceDocument, InvoiceRow, UserError } from './types';
import type { VaultEnvelope, VaultKey, VaultSecrets } from './vault';

// Each item is marked pure, so a page that never uses an item (the popup never touches the vault) does not carry its
// definition; the background uses them all and runs any migration.

/** The keys typed into the popup. Session storage lives in memory only and is gone when the browser closes. */
export const sessionCredentials = /* @__PURE__ */ storage.defineItem<Credentials | null>('session:credentials', { fallback: null });

/** The last listed month, so the popup reopens on the same table. */
export interface Listing {
  /** The saved profile used (the first, when several), or undefined for one-off keys. */
  profileId?: string;
  /** The first account's identity; `accounts` has them all. */
  identity: CallerIdentity;
  /** The first month, and the last when a range was listed. */
  month: string;
  toMonth?: string;
  /** Billing month (BillingPeriod) or month issued (TimeInterval). */
  by?: 'billing-month' | 'issued-in';
  accounts?: { profileId?: string; accountId: string; label: string }[];
  invoices: InvoiceRow[];
  listedAt: number;
}
export const sessionListing = /* @__PURE__ */ storage.defineItem<Listing | null>('session:listing', { fallback: null });

/**
 * Supplemental documents per listed invoice, by invoice ID, filled in while the listing looks up links ahead. Kept
 * apart from the listing so that each update sends a few bytes to the popup, not the whole listing again.
 */
export const sessionSupplementalCounts = /* @__PURE__ */ storage.defineItem<Record<string, number>>('session:supplementalCounts', {
  fallback: {},
});

/** Presigned document URLs by invoice ID, reused by downloads until shortly before they expire. */
export const sessionDocumentUrls = /* @__PURE__ */ storage.defineItem<Record<string, InvoiceDocument[]>>('session:documentUrls', {
  fallback: {},
});

/** The running or last finished download job; the popup draws its progress from this item. */
export const sessionJob = /* @__PURE__ */ storage.defineItem<JobProgress | null>('session:job', { fallback: null });

/**
 * The invoices of the job in `sessionJob`, kept apart: they are written once per job, while its progress is written
 * several times a second and every write also reaches the popup (with the previous value).
 */
export const sessionJobInvoices = /* @__PURE__ */ storage.defineItem<{ jobId: string; invoices: InvoiceRow[] } | null>(
  'session:jobInvoices',
  { fallback: null },
);

/** A saved set of keys. Only non-secret settings live here; the secret is in session storage or the vault. */
export interface Profile {
  id: string;
  name: string;
  /** Not a secret (it appears in CloudTrail and ARNs), kept plainly so the picker can show it. */
  accessKeyId: string;
  /** True: the secret is in the encrypted vault. False: only in session storage, asked again after a restart. */
  remember: boolean;
  /** Assume this role before calling Invoicing. */
  roleArn?: string;
  externalId?: string;
  /** MFA device: used with AssumeRole when a role is set, else with GetSessionToken. */
  mfaSerial?: string;
}

/** Every saved profile, in the order the user sees them. */
export const localProfiles = /* @__PURE__ */ storage.defineItem<Profile[]>('local:profiles', { fallback: [], version: 1 });

/** The encrypted vault (see utils/vault.ts); null until something is remembered. It has its own format version. */
export const localVault = /* @__PURE__ */ storage.defineItem<VaultEnvelope | null>('local:vault', { fallback: null, version: 1 });

export interface Settings {
  /** Lock the vault after this many minutes without use. */
  autoLockMinutes: number;
  /** Profile the popup opens on, and the right-click menu uses. */
  defaultProfileId?: string;
  /** What the right-click menu saves: one ZIP, or each PDF. */
  menuForm?: DownloadForm;
  /** Check once a day for a new month's bill and say so with the badge and a notification. */
  newInvoiceAlerts?: boolean;
  /** How saved documents are named (see utils/naming-template.ts); the default keeps AWS Invoices/<account>/<month>/. */
  namingTemplate?: string;
  /** The language of the popup, options, menus and notifications; unset follows the browser's (utils/i18n.ts). */
  locale?: Locale;
}
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15 };
export const localSettings = /* @__PURE__ */ storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** Secrets usable right now, by profile id: session-only profiles' and the unlocked vault's. Memory only. */
export const sessionProfileSecrets = /* @__PURE__ */ storage.defineItem<VaultSecrets>('session:profileSecrets', { fallback: {} });

/** The unlocked vault's derived key, so it can be re-saved without the passphrase until it locks. Memory only. */
export const sessionVaultKey = /* @__PURE__ */ storage.defineItem<VaultKey | null>('session:vaultKey', { fallback: null });

/** Temporary credentials from AssumeRole / GetSessionToken, by profile id, reused until shortly before expiry. */
export interface TemporaryCredentials {
  credentials: Credentials;
  /** Epoch milliseconds. */
  expiresAt: number;
}
export const sessionTemporaryCredentials = /* @__PURE__ */ storage.defineItem<Record<string, TemporaryCredentials>>(
  'session:temporaryCredentials',
  { fallback: {} },
);

/** A right-click request waiting for keys (vault locked, no keys, MFA code due); it starts once they are given. */
export interface PendingRequest {
  kind: 'this-month' | 'last-month';
  target: string;
  /** The profile the popup should offer. */
  profileId?: string;
  /** What is missing, so the popup can say what to do. */
  reason: UserError['code'];
}
export const sessionPendingRequest = /* @__PURE__ */ storage.defineItem<PendingRequest | null>('session:pendingRequest', { fallback: null });

/** The last billing month the daily check announced, by profile id, so each month is announced once. */
export const localAlertState = /* @__PURE__ */ storage.defineItem<Record<string, string>>('local:alertState', { fallback: {}, version: 1 });
