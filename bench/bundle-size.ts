import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped budgets: the popup opens on every click, so it stays small; the background carries the AWS SDK. */
export const POPUP_BUDGET = 20 * 1024;
export const BACKGROUND_BUDGET = 70 * 1024;

/** The JavaScript one entry point loads: every file once, with its size alone and gzipped together. */
export interface BundleSize {
  /** Relative to the extension folder, in the order they were found. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

// Static (`import"./a.js"`, `from"./a.js"`) and dynamic (`import("./a.js")`) imports of the built chunks.
const IMPORT_PATTERN = /\b(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g;
const SCRIPT_PATTERN = /<script\b[^>]*\bsrc="([^"]+)"/g;

/**
 * Measures what `entry` (an HTML page or a script, relative to `dir`) loads: its scripts and every chunk they
 * import, statically or dynamically, recursively. Each chunk counts once; the concatenation is gzipped at level 9.
 */
export async function measureBundle(dir: string, entry: string): Promise<BundleSize> {
  const queue = entry.endsWith('.html')
    ? [...(await readFile(path.join(dir, entry), 'utf8')).matchAll(SCRIPT_PATTERN)].map((match) => (match[1] as string).replace(/^\//, ''))
    : [entry];
  const files: string[] = [];
  const code: Buffer[] = [];
  while (queue.length > 0) {
    const file = path.normalize(queue.shift() as string);
    if (files.includes(file)) continue;
    files.push(file);
    const text = await readFile(path.join(dir, file));
    code.push(text);
    for (const match of text.toString('utf8').matchAll(IMPORT_PATTERN)) {
      queue.push(path.join(path.dirname(file), match[1] as string));
    }
  }
  const all = Buffer.concat(code);
  return { files, bytes: all.byteLength, gzipBytes: gzipSync(all, { level: 9 }).byteLength };
}

/** The popup (popup.html's scripts) and the background (background.js) of a built `chrome-mv3` folder. */
export async function measureExtensionBundles(chromeDir: string): Promise<{ popup: BundleSize; background: BundleSize }> {
  return { popup: await measureBundle(chromeDir, 'popup.html'), background: await measureBundle(chromeDir, 'background.js') };
}

/** `12.3 KB` (1 KB = 1024 bytes). */
export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
