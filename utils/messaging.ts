import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser, type Browser } from 'wxt/browser';
import type { DoctorReport } from './aws/doctor';
import type { DownloadForm } from './jobs/job-state';
import { answerRequest } from './jobs/offscreen-worker';
import type { ProfileFieldIssue } from './profile-service';
import type { Listing, Profile } from './storage';
import type { Credentials, CredentialSource, ProfileDraft, UserError } from './types';

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
  /**
   * Checks keys with STS as soon as they are typed, while the person still chooses a month: a listing with the same
   * keys then uses the answer instead of waiting for STS. Nothing is kept but in the background's memory.
   */
  checkKeys(data: { credentials: Credentials }): Result<object>;
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
  /**
   * Sent whenever the popup opens: continues an unfinished job a stopped worker left behind, and opens what a ZIP
   * needs (Chrome's offscreen document) while the person fills the form.
   */
  popupOpened(data: Record<string, never>): Result<object>;
  /** Stops the running job after the documents in flight. */
  cancelJob(data: Record<string, never>): Result<object>;
  /** Forgets the keys, the listing and the job. */
  forgetSession(data: Record<string, never>): Result<object>;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/**
 * Messages between the Chrome service worker and its offscreen document, which builds ZIPs where blobs work. The
 * document's page only passes them on to its worker (entrypoints/offscreen/zip-worker.ts), which does the work off
 * the main thread the popup shares.
 */
export interface OffscreenProtocolMap {
  /** Answers once the document's worker listens (on its messages and on WARM_CHANNEL); false if it failed to start. */
  'offscreen:worker-ready'(data: Record<string, never>): boolean;
  /** The paths already inside a ZIP (none when the document was closed and the ZIP lost). */
  'offscreen:zip-paths'(data: { zipId: string }): string[];
  /**
   * Fetches one document into the ZIP being built; reports an HTTP status instead of throwing. With `warmOnly`, only
   * takes it from the documents fetched ahead (waiting if it is still on its way), and is not ok if it is not there.
   */
  'offscreen:zip-fetch'(data: { zipId: string; path: string; url: string; warmOnly?: boolean }): { ok: boolean; status: number; size: number };
  /** Adds text (the manifest) and returns a `blob:` URL of the finished ZIP. */
  'offscreen:zip-finish'(data: { zipId: string; texts: { path: string; text: string }[] }): { url: string; size: number };
  /** Drops the ZIP and revokes its URL. */
  'offscreen:zip-dispose'(data: { zipId: string }): void;
}

/**
 * Documents to fetch ahead of a ZIP (see utils/jobs/warm-documents.ts) go from the service worker straight to the
 * offscreen document's worker on this BroadcastChannel (also the worker's name), not over the port: the port ends on
 * the extension's main thread, which the popup shares, and drawing a long table there held the first links for a
 * few hundred milliseconds while the connections sat idle.
 */
export const WARM_CHANNEL = 'aid-warm-documents';
/** Fetch these ahead (posted one way: the ZIP asks for each one later anyway), or drop every one held. */
export type WarmBroadcast = { type: 'warm'; urls: string[] } | { type: 'clear' };

export type OffscreenType = keyof OffscreenProtocolMap;
export type OffscreenData<K extends OffscreenType> = Parameters<OffscreenProtocolMap[K]>[0];
export type OffscreenReturn<K extends OffscreenType> = ReturnType<OffscreenProtocolMap[K]>;
/** A request, over the port and again from the offscreen page to its worker. */
export type OffscreenRequest = { [K in OffscreenType]: { id: number; type: K; data: OffscreenData<K> } }[OffscreenType];
export type OffscreenReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
/** What the offscreen document answers with, one handler per message. */
export type OffscreenHandlers = {
  [K in OffscreenType]: (data: OffscreenData<K>) => OffscreenReturn<K> | Promise<OffscreenReturn<K>>;
};
/** What the offscreen page's worker sends it: that it listens, then one reply per request. */
export type OffscreenWorkerMessage = { type: 'ready' } | OffscreenReply;

/** The part of runtime.Port the offscreen channel uses, so unit tests can pair two ends in memory. */
export interface PortLike {
  name: string;
  sender?: { id?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  // Untyped, as runtime.Port delivers them; each side names the shape it expects.
  onMessage: { addListener(listener: (message: any) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

const OFFSCREEN_PORT = 'offscreen';

/**
 * The service worker's side of its channel to the offscreen document: one long-lived port, opened on first use.
 * runtime.sendMessage opened a new channel to every extension page for each message; with a message or two per
 * document, that cost the browser and the worker more CPU than the fetches themselves.
 */
export function createOffscreenChannel(
  connect: () => PortLike = () => {
    const port = browser.runtime.connect({ name: OFFSCREEN_PORT });
    // Read, so Chrome does not log "Receiving end does not exist" when no offscreen document is open.
    port.onDisconnect.addListener(() => void browser.runtime.lastError);
    return port;
  },
) {
  let port: PortLike | undefined;
  let nextId = 0;
  const waiting = new Map<number, [(value: unknown) => void, (error: Error) => void]>();
  // Every request waiting was posted on the port that just went (a new one opens only after this).
  const drop = () => {
    port = undefined;
    for (const [, reject] of waiting.values()) reject(new Error('offscreen document closed'));
    waiting.clear();
  };
  const open = () => {
    const opened = connect();
    opened.onMessage.addListener((reply: OffscreenReply) => {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) waiter?.[0](reply.value);
      else waiter?.[1](new Error(reply.message));
    });
    // Also fires at once when no offscreen document is open to answer.
    opened.onDisconnect.addListener(() => port === opened && drop());
    return opened;
  };
  return {
    send<K extends OffscreenType>(type: K, data: OffscreenData<K>): Promise<OffscreenReturn<K>> {
      const id = ++nextId;
      const promise = new Promise<OffscreenReturn<K>>((resolve, reject) => waiting.set(id, [resolve as (value: unknown) => void, reject]));
      (port ??= open()).postMessage({ id, type, data });
      return promise;
    },
    /** Drops the port before the document closes (the side that disconnects hears no onDisconnect). */
    disconnect() {
      port?.disconnect();
      drop();
    },
  };
}

/** The worker's one channel to its offscreen document (Chrome only). */
export const offscreenChannel = /* @__PURE__ */ createOffscreenChannel();

/** The offscreen document's side: answers each request on the worker's port. */
export function answerOffscreenMessages(
  handlers: OffscreenHandlers,
  onConnect: { addListener(listener: (port: Browser.runtime.Port) => void): void } = browser.runtime.onConnect,
): void {
  onConnect.addListener((port) => {
    if (port.name !== OFFSCREEN_PORT || port.sender?.id !== browser.runtime.id) return;
    port.onMessage.addListener(async (request: OffscreenRequest) => {
      const reply = await answerRequest(handlers, request);
      try {
        port.postMessage(reply);
      } catch {
        // The worker went away; it asks again when it comes back.
      }
    });
  });
}
