import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

const AWS_HOSTS = ['https://invoicing.us-east-1.api.aws/*', 'https://sts.amazonaws.com/*', 'https://*.amazonaws.com/*'];

/** Runs the package.json script's command (`wxt zip ...`) with its output in `outDir`, as a store upload would be made. */
async function makeStorePackage(args: string[], outDir: string): Promise<void> {
  // A store package never carries the fake-AWS test seam.
  const { WXT_INVOICING_ENDPOINT: _invoicing, WXT_STS_ENDPOINT: _sts, ...env } = process.env;
  await run('npx', ['wxt', 'zip', ...args], { env: { ...env, WXT_OUT_DIR: outDir } });
}

async function readZipJson(zip: JSZip, file: string): Promise<Record<string, any>> {
  const text = await zip.file(file)?.async('string');
  if (text === undefined) throw new Error(`${file} is missing from the ZIP`);
  return JSON.parse(text);
}

describe('store packages (npm run zip, npm run zip:firefox)', () => {
  let outDir: string;
  let files: string[];
  let prefix: string;
  beforeAll(async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts).toMatchObject({
      'build:firefox': 'wxt build -b firefox --mv3',
      zip: 'wxt zip',
      'zip:firefox': 'wxt zip -b firefox --mv3',
    });
    prefix = `${pkg.name}-${pkg.version}`;
    outDir = await mkdtemp(path.join(tmpdir(), 'aid-store-'));
    await makeStorePackage([], outDir);
    await makeStorePackage(['-b', 'firefox', '--mv3'], outDir);
    files = await readdir(outDir);
  });
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('makes the Chrome Web Store ZIP: an MV3 service worker with the offscreen document, AWS hosts only', async () => {
    expect(files).toContain(`${prefix}-chrome.zip`);
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, `${prefix}-chrome.zip`)));
    const manifest = await readZipJson(zip, 'manifest.json');
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toMatchObject({ service_worker: 'background.js' });
    expect(manifest.permissions).toContain('offscreen');
    expect(manifest.host_permissions).toEqual(AWS_HOSTS);
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(zip.file('background.js')).not.toBeNull();
    expect(zip.file('popup.html')).not.toBeNull();
    expect(zip.file('offscreen.html')).not.toBeNull();
  });

  it('makes the addons.mozilla.org ZIP: an MV3 event page with a Gecko ID and data collection declared', async () => {
    expect(files).toContain(`${prefix}-firefox.zip`);
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, `${prefix}-firefox.zip`)));
    const manifest = await readZipJson(zip, 'manifest.json');
    expect(manifest.manifest_version).toBe(3);
    // An event page: Firefox runs MV3 backgrounds as `background.scripts`, not as a service worker.
    expect(manifest.background).toMatchObject({ scripts: ['background.js'] });
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest.permissions).not.toContain('offscreen');
    expect(manifest.host_permissions).toEqual(AWS_HOSTS);
    expect(zip.file('background.js')).not.toBeNull();
    expect(zip.file('popup.html')).not.toBeNull();
    // Firefox has no offscreen API: that Chrome-only page stays out.
    expect(zip.file('offscreen.html')).toBeNull();
  });

  it('makes the sources ZIP that addons.mozilla.org reviewers build from, without dependencies or build output', async () => {
    expect(files).toContain(`${prefix}-sources.zip`);
    // Only Firefox asks for sources.
    expect(files.filter((file) => file.endsWith('-sources.zip'))).toEqual([`${prefix}-sources.zip`]);
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, `${prefix}-sources.zip`)));
    const names = Object.keys(zip.files);
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'entrypoints/background.ts']) {
      expect(names, file).toContain(file);
    }
    const pkg = await readZipJson(zip, 'package.json');
    expect(pkg.scripts['zip:firefox']).toBe('wxt zip -b firefox --mv3');
    expect(names.filter((name) => /(^|\/)(node_modules|\.output[^/]*|\.wxt)\//.test(name))).toEqual([]);
    expect(names.filter((name) => name.endsWith('.zip'))).toEqual([]);
  });
});
