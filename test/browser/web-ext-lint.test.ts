import { readFile } from 'node:fs/promises';
import path from 'node:path';
// @ts-expect-error web-ext ships no type declarations; the shape used here is declared below.
import webExt from 'web-ext';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_OUT_DIR } from './support/paths';

/** One finding of addons-linter (the linter behind `web-ext lint` and addons.mozilla.org's validator). */
interface LintMessage {
  code: string;
  message: string;
  description: string;
  file?: string;
  line?: number;
}

interface LintReport {
  metadata: { id?: string; manifestVersion?: number; totalScannedFileSize?: number };
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const lint = (webExt as { cmd: { lint(options: object, deps: object): Promise<LintReport> } }).cmd.lint;

function describeMessage(finding: LintMessage): string {
  const where = finding.file ? ` (${finding.file}${finding.line ? `:${finding.line}` : ''})` : '';
  return `${finding.code}${where}: ${finding.message.replace(/\.?$/, '.')} ${finding.description}`;
}

describe('web-ext lint of the Firefox add-on as it ships', () => {
  it('reports no errors', async () => {
    const sourceDir = path.join(PRODUCTION_OUT_DIR, 'firefox-mv3');
    const manifest = JSON.parse(await readFile(path.join(sourceDir, 'manifest.json'), 'utf8'));
    // `shouldExitProgram: false` returns the report instead of printing it and exiting the process.
    const report = await lint({ sourceDir, output: 'none' }, { shouldExitProgram: false });
    for (const warning of report.warnings) console.warn(`web-ext lint warning: ${describeMessage(warning)}`);
    expect(report.errors.map(describeMessage)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // The linter read this add-on: an MV3 manifest with its Gecko ID, and the bundled code.
    expect(report.metadata.id).toBe(manifest.browser_specific_settings.gecko.id);
    expect(report.metadata.manifestVersion).toBe(3);
    expect(report.metadata.totalScannedFileSize).toBeGreaterThan(100_000);
  });
});
