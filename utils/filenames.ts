/**
 * Download paths that both Chrome's and Firefox's `downloads.download` accept on every OS. Folder and file names are
 * the same in every UI language (no translated words, YYYY-MM months), so a team's files sort and match alike.
 */
import type { DocumentType } from './types';

const ROOT_FOLDER = 'AWS Invoices';
const MAX_SEGMENT_LENGTH = 120;

// Characters Windows forbids, plus control/format/surrogate/non-characters, which Chrome's IsFilenameLegal rejects.
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;
// Device names Windows reserves even with an extension (`con.pdf`); Chrome refuses them on every OS.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|clock\$)$/i;
// Chrome rejects these as "shell-integrated" extensions (net::IsSafePortablePathComponent).
const SHELL_EXTENSION = /\.(lnk|local)$/i;

/** Makes one folder or file name safe for downloads.download; never returns '', '.' or '..'. */
export function sanitizePathSegment(segment: string, fallback = '_'): string {
  let name = segment
    // Tabs and line breaks from pasted text read better as one space than as underscores.
    .replace(/\s+/g, ' ')
    .replace(FORBIDDEN, '_')
    // Windows drops trailing dots and spaces, and Chrome treats leading dots as hidden files.
    .replace(/^[. ]+|[. ]+$/g, '')
    // Firefox > 126 rejects folder names containing ". " (see shared notes, browser-platform.md "Downloads").
    .replaceAll('. ', '._')
    // Chrome replaces a leading "~" (home-directory expansion) and then rejects the changed name.
    .replace(/^~/, '_');

  const firstDot = name.indexOf('.');
  const base = (firstDot === -1 ? name : name.slice(0, firstDot)).trimEnd();
  if (WINDOWS_RESERVED.test(base)) name = `${base}_${name.slice(base.length)}`;
  if (SHELL_EXTENSION.test(name)) name += '_';

  if (name.length > MAX_SEGMENT_LENGTH) {
    let end = MAX_SEGMENT_LENGTH;
    // Do not leave half of a surrogate pair (emoji, rare CJK) at the cut.
    const last = name.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    name = name.slice(0, end).replace(/[. ]+$/, '');
  }
  return name === '' ? sanitizePathSegment(fallback) : name;
}

/** Returns `AWS Invoices/<account>/<YYYY-MM>/<file>.pdf` for one invoice PDF or supplemental document. */
export function buildDocumentPath(doc: {
  accountId: string;
  month: string;
  invoiceId: string;
  documentType: DocumentType;
  documentId?: string;
}): string {
  const stem =
    doc.documentType === 'INVOICE'
      ? doc.invoiceId
      : [doc.invoiceId, doc.documentType, doc.documentId].filter((part) => part).join('-');
  return [
    ROOT_FOLDER,
    sanitizePathSegment(doc.accountId, 'unknown-account'),
    sanitizePathSegment(doc.month, 'unknown-month'),
    // Sanitise the stem, not the whole name, so the length cap can never cut off ".pdf".
    `${sanitizePathSegment(stem, 'invoice')}.pdf`,
  ].join('/');
}

/** Returns the ZIP's download name, `aws-invoices-<account>-<YYYY-MM>.zip`. */
export function buildZipFilename(accountId: string, month: string): string {
  return `${sanitizePathSegment(`aws-invoices-${accountId}-${month}`, 'aws-invoices')}.zip`;
}

/**
 * Renames repeats (compared case-insensitively, as Windows and macOS do) to `name (2).pdf`, `name (3).pdf`, …
 * `taken` holds the lower-cased names already used (say, by documents added earlier); the names given here join it.
 */
export function makeUniquePaths(paths: string[], taken = new Set<string>()): string[] {
  // Reserve every original name first, so a generated "x (2).pdf" never takes the name of a later real file.
  const originals = new Set(paths.map((path) => path.toLowerCase()));
  return paths.map((path) => {
    let candidate = path;
    const isFree = (name: string) =>
      !taken.has(name.toLowerCase()) && (name === path || !originals.has(name.toLowerCase()));
    for (let n = 2; !isFree(candidate); n += 1) candidate = addCounter(path, n);
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function addCounter(path: string, n: number): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  const cut = dot > slash + 1 ? dot : path.length;
  return `${path.slice(0, cut)} (${n})${path.slice(cut)}`;
}
