import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_BUDGET, formatKb, measureExtensionBundles, POPUP_BUDGET } from '../../bench/bundle-size';
import { PRODUCTION_OUT_DIR } from './support/paths';

describe('bundle contents of the production build', () => {
  it('keeps the popup within 20 KB and the background within 70 KB of JavaScript, gzipped', async () => {
    const { popup, background } = await measureExtensionBundles(path.join(PRODUCTION_OUT_DIR, 'chrome-mv3'));
    console.log(`popup: ${formatKb(popup.gzipBytes)} gzipped (${popup.files.join(', ')})`);
    console.log(`background: ${formatKb(background.gzipBytes)} gzipped (${background.files.join(', ')})`);
    // Each is built as one file now; a walker that found nothing would pass the budgets with zero bytes.
    expect(popup.gzipBytes).toBeGreaterThan(10 * 1024);
    expect(background.gzipBytes).toBeGreaterThan(40 * 1024);
    expect(popup.gzipBytes).toBeLessThanOrEqual(POPUP_BUDGET);
    expect(background.gzipBytes).toBeLessThanOrEqual(BACKGROUND_BUDGET);
  });

  it("keeps jszip out of Chrome's service worker (the offscreen document's worker builds ZIPs)", async () => {
    const chromeDir = path.join(PRODUCTION_OUT_DIR, 'chrome-mv3');
    const { background } = await measureExtensionBundles(chromeDir);
    expect(background.files.some((file) => /jszip/i.test(file))).toBe(false);
    const backgroundCode = (await Promise.all(background.files.map((file) => readFile(path.join(chromeDir, file), 'utf8')))).join('');
    // A string only jszip carries; the offscreen document's worker must still have it, or the check proves nothing.
    expect(backgroundCode).not.toContain('End of data reached');
    const worker = (await readdir(path.join(chromeDir, 'assets'))).filter((file) => /^zip-worker.*\.js$/.test(file));
    expect(worker).toHaveLength(1);
    const workerCode = await readFile(path.join(chromeDir, 'assets', worker[0] as string), 'utf8');
    expect(workerCode).toContain('End of data reached');
  });
});
