import { storage } from 'wxt/utils/storage';
import type { JobState } from './jobs/job-state';
import type { CallerIdentity, Credentials, InvoiceDocument, InvoiceRow } from './types';

/** The keys typed into the popup. Session storage lives in memory only and is gone when the browser closes. */
export const sessionCredentials = storage.defineItem<Credentials | null>('session:credentials', { fallback: null });

/** The last listed month, so the popup reopens on the same table. */
export interface Listing {
  identity: CallerIdentity;
  month: string;
  invoices: InvoiceRow[];
  listedAt: number;
}
export const sessionListing = storage.defineItem<Listing | null>('session:listing', { fallback: null });

/** Presigned document URLs by invoice ID, reused by downloads until shortly before they expire. */
export const sessionDocumentUrls = storage.defineItem<Record<string, InvoiceDocument[]>>('session:documentUrls', {
  fallback: {},
});

/** The running or last finished download job; the popup draws its progress from this item. */
export const sessionJob = storage.defineItem<JobState | null>('session:job', { fallback: null });
