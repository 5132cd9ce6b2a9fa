import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureBundle } from '../../bench/bundle-size';
import { PRODUCTION_OUT_DIR, TEST_OUT_DIR } from './support/paths';

const CHROME_DIR = path.join(PRODUCTION_OUT_DIR, 'chrome-mv3');
/** Strings every bundle of the AWS SDK carries (signing, user agent, endpoint rules). */
const SDK_MARKERS = ['aws.auth#sigv4', 'x-amz-user-agent', 'AWS4-HMAC-SHA256'];

/** The code a page loads: its scripts and everything they import (the bench's walker, shared). */
async function readPageCode(dir: string, page: string): Promise<string> {
  const { files } = await measureBundle(dir, page);
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')))).join('');
}

describe('built extension', () => {
  it('keeps the AWS SDK out of the popup bundle (and in the background, where it belongs)', async () => {
    const popup = await readPageCode(CHROME_DIR, 'popup.html');
    const background = await readFile(path.join(CHROME_DIR, 'background.js'), 'utf8');
    expect(popup.length).toBeGreaterThan(1000);
    for (const marker of SDK_MARKERS) {
      expect(background, marker).toContain(marker);
      expect(popup, marker).not.toContain(marker);
    }
  });

  it('asks production users only for AWS hosts, and adds the fake AWS host (without port) only to the test build', async () => {
    const production = JSON.parse(await readFile(path.join(CHROME_DIR, 'manifest.json'), 'utf8'));
    expect(production.host_permissions).toEqual([
      'https://invoicing.us-east-1.api.aws/*',
      'https://sts.amazonaws.com/*',
      'https://*.amazonaws.com/*',
    ]);
    expect(production.permissions.sort()).toEqual(['alarms', 'contextMenus', 'downloads', 'notifications', 'offscreen', 'storage']);
    const productionCode = await readFile(path.join(CHROME_DIR, 'background.js'), 'utf8');
    expect(productionCode).not.toContain('127.0.0.1');

    const test = JSON.parse(await readFile(path.join(TEST_OUT_DIR, 'chrome-mv3', 'manifest.json'), 'utf8'));
    expect(test.host_permissions).toContain('http://127.0.0.1/*');
    expect(test.host_permissions.some((pattern: string) => /:\d+\//.test(pattern))).toBe(false);
  });
});
