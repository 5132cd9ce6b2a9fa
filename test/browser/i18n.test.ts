import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findViolations } from './support/axe';
import { launchExtension, type ExtensionBrowser } from './support/chromium';
import { addFakeAccount, makeAccount } from './support/fake-aws-client';
import { DOCS_DIR } from './support/paths';

const MONTH = '2026-09';

describe('Korean, chosen on the options page (Chromium, fake AWS)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the options page and the popup in Korean, with Korean dates and amounts, then English again', async () => {
    // Six invoices: AWS ones in USD, a Korean one in KRW, Marketplace, a credit memo and a payment receipt.
    const account = makeAccount({ invoicesPerMonth: { [MONTH]: 6 } });
    await addFakeAccount(account);

    const options = await browser.openOptions();
    await options.getByLabel('Display language').selectOption({ label: '한국어' });
    // The page draws itself again in Korean, without a reload.
    await options.getByRole('heading', { name: '언어' }).waitFor({ timeout: 10_000 });
    await expect(options.evaluate(() => document.documentElement.lang)).resolves.toBe('ko');
    await expect(options.title()).resolves.toBe('AWS 인보이스 다운로더: 프로필 및 설정');
    await expect(options.getByLabel('표시 언어').inputValue()).resolves.toBe('ko');
    expect(await findViolations(options), 'Korean options page').toEqual([]);

    const popup = await browser.openPopup();
    await popup.setViewportSize({ width: 420, height: 600 });
    await expect(popup.evaluate(() => document.documentElement.lang)).resolves.toBe('ko');
    await popup.getByLabel('액세스 키 ID').fill(account.accessKeyId);
    await popup.getByLabel('보안 액세스 키').fill(account.secretAccessKey);
    await popup.getByLabel('청구 월').fill(MONTH);
    await popup.getByRole('button', { name: '인보이스 조회' }).click();
    const table = popup.getByRole('table', { name: '2026년 9월 인보이스' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(6);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('2026. 10. 2.'); // the issue date, as Korean writes it
    expect(text).toMatch(/₩\d{1,3}(,\d{3})+/); // the KRW invoice, with the won sign and no decimals
    expect(text).toContain('크레딧 메모');
    // Wait for the supplemental-document counts, then keep the picture for the README.
    await expect.poll(() => popup.locator('tbody td.num:has-text("…")').count(), { timeout: 30_000 }).toBe(0);
    expect(await findViolations(popup), 'Korean popup, listed').toEqual([]);
    await popup.screenshot({ path: path.join(DOCS_DIR, 'popup-ko.png') });

    await popup.getByRole('button', { name: 'PDF 다운로드' }).click();
    await popup
      .getByRole('status')
      .filter({ hasText: /문서 \d+개를 모두 다운로드\/AWS Invoices 폴더에 저장했습니다/ })
      .waitFor({ timeout: 90_000 });

    // Back to the browser's language: the open popup follows too.
    await options.getByLabel('표시 언어').selectOption({ label: '브라우저 기본값' });
    await options.getByRole('heading', { name: 'Language' }).waitFor({ timeout: 10_000 });
    await popup.getByRole('button', { name: 'Download PDFs' }).waitFor({ timeout: 10_000 });
    await expect(popup.getByRole('table', { name: 'Invoices for September 2026' }).isVisible()).resolves.toBe(true);
    await expect(popup.evaluate(() => document.documentElement.lang)).resolves.toMatch(/^en\b/);
  });
});
