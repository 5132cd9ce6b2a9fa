import { defineExtensionMessaging } from '@webext-core/messaging';
import type { DoctorReport } from './aws/doctor';
import type { DownloadForm } from './jobs/job-state';
import type { ProfileFieldIssue } from './profile-service';
import type { Listing, Profile } from './storage';
import type { CredentialSource, ProfileDraft, UserError } from './types';

/** A reply that carries either data or an error the user can be shown (never a stack). */
export type Result<T> = ({ ok: true } & T) | { ok: false; error: UserError };

/** What to list: one source or several (profiles), one month or a range, by billing month or month issued. */
export interface ListRequest {
  source: CredentialSource;
  /** More profiles listed together with `source` into one table (and one ZIP). */
  moreSources?: CredentialSource[];
  month: string;
  toMonth?: string;
  by?: 'billing-month' | 'issued-in';
}

/** Every message the popup sends to the background. Each takes one JSON-safe object. */
export interface ProtocolMap {
  /** Checks the keys with STS, lists the month's invoices and keeps both for this browser session. */
  listInvoices(data: ListRequest): Result<{ listing: Listing }>;
  /** Saves the listed invoices as a CSV ledger in Downloads. */
  exportLedger(data: Record<string, never>): Result<{ filename: string }>;
  /** The IAM doctor: tries each API once and reports what is allowed. */
  checkPermissions(data: { source: CredentialSource; month: string }): Result<{ report: DoctorReport }>;
  /** Creates or updates a profile (options page). */
  saveProfile(data: ProfileDraft): Result<{ profile: Profile }> | { ok: false; error: UserError; issues?: ProfileFieldIssue };
  deleteProfile(data: { profileId: string }): Result<object>;
  /** Opens the vault for this browser session. A wrong passphrase changes nothing. */
  unlockVault(data: { passphrase: string }): Result<object>;
  lockVault(data: Record<string, never>): Result<object>;
  /** Deletes the vault, every profile and every secret. */
  forgetAll(data: Record<string, never>): Result<object>;
  /** Starts downloading every document of the listed month in the background. */
  startDownload(data: { form: DownloadForm }): Result<{ jobId: string }>;
  /** Runs the documents of the last job that failed again. */
  retryFailed(data: Record<string, never>): Result<{ jobId: string }>;
  /** Continues an unfinished job that a stopped worker left behind (sent when the popup opens on one). */
  resumeJob(data: Record<string, never>): Result<object>;
  /** Stops the running job after the documents in flight. */
  cancelJob(data: Record<string, never>): Result<object>;
  /** Forgets the keys, the listing and the job. */
  forgetSession(data: Record<string, never>): Result<object>;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Messages between the Chrome service worker and its offscreen document, which builds ZIPs where blobs work. */
export interface OffscreenProtocolMap {
  /** The paths already inside a ZIP (none when the document was closed and the ZIP lost). */
  'offscreen:zip-paths'(data: { zipId: string }): string[];
  /** Fetches one document into the ZIP being built; reports an HTTP status instead of throwing. */
  'offscreen:zip-fetch'(data: { zipId: string; path: string; url: string }): { ok: boolean; status: number; size: number };
  /** Adds text (the manifest) and returns a `blob:` URL of the finished ZIP. */
  'offscreen:zip-finish'(data: { zipId: string; texts: { path: string; text: string }[] }): { url: string; size: number };
  /** Fetches a document ahead of a ZIP download and keeps it in memory (see utils/jobs/warm-documents.ts). */
  'offscreen:warm'(data: { url: string }): { ok: boolean; status: number };
  /** Drops every document fetched ahead. */
  'offscreen:warm-clear'(data: Record<string, never>): void;
  /** Drops the ZIP and revokes its URL. */
  'offscreen:zip-dispose'(data: { zipId: string }): void;
}

export const { sendMessage: sendOffscreenMessage, onMessage: onOffscreenMessage } =
  defineExtensionMessaging<OffscreenProtocolMap>();
