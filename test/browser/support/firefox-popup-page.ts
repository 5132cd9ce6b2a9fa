import type { ElementHandle, Page } from 'puppeteer-core';

/**
 * The popup in Firefox as a person uses it, with Puppeteer: controls are found by their accessible names.
 * Puppeteer's `locator(...).fill()` can time out in Firefox, so fields are filled with `page.$` + typing.
 */
export class FirefoxPopupPage {
  constructor(readonly page: Page) {}

  /** The first control with this accessible name (and role, when given); throws if there is none. */
  async find(name: string, role?: string): Promise<ElementHandle<Element>> {
    const query = role ? `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])` : `::-p-aria(${name})`;
    const handle = await this.page.$(query);
    if (!handle) throw new Error(`No control named "${name}"${role ? ` with role ${role}` : ''} in the popup`);
    return handle;
  }

  async isShown(name: string, role?: string): Promise<boolean> {
    const query = role ? `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])` : `::-p-aria(${name})`;
    return (await this.page.$(query)) !== null;
  }

  /**
   * The form field labelled `label`. Firefox also gives the `<label>` itself that accessible name, and a password
   * field has no ARIA role to ask for, so the match is narrowed to form controls.
   */
  async findField(label: string): Promise<ElementHandle<Element>> {
    for (const handle of await this.page.$$(`::-p-aria(${label})`)) {
      if (await handle.evaluate((element) => element.matches('input, select, textarea'))) return handle;
    }
    throw new Error(`No field labelled "${label}" in the popup`);
  }

  /** Replaces a text field's value by typing, as `fill()` would, and checks the field took it. */
  async fill(label: string, value: string): Promise<void> {
    const field = await this.findField(label);
    await field.focus();
    await field.evaluate((element) => (element as HTMLInputElement).select());
    if (value) await this.page.keyboard.type(value);
    else await this.page.keyboard.press('Backspace');
    const shown = await field.evaluate((element) => (element as HTMLInputElement).value);
    if (shown !== value) throw new Error(`"${label}" shows "${shown}" after typing "${value}"`);
  }

  async click(name: string, role = 'button'): Promise<void> {
    await (await this.find(name, role)).click();
  }

  async enterKeys(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<void> {
    // A listing kept in session storage collapses the key fields.
    if (await this.isShown('Change keys', 'button')) await this.click('Change keys');
    await this.fill('Access key ID', keys.accessKeyId);
    await this.fill('Secret access key', keys.secretAccessKey);
    await this.fill('Session token (optional)', keys.sessionToken ?? '');
  }

  /** `<input type="month">` is a plain text field in Firefox: the month is typed as YYYY-MM. */
  async chooseMonth(month: string): Promise<void> {
    await this.fill('Billing month', month);
  }

  async listInvoices(keys: { accessKeyId: string; secretAccessKey: string }, month: string): Promise<void> {
    await this.enterKeys(keys);
    await this.chooseMonth(month);
    await this.click('List invoices');
  }

  /** The invoice IDs in the table of `month`, in the order shown. */
  async readInvoiceIds(month: string): Promise<string[]> {
    // The table is named by the month in words, as the browser's English writes it: "Invoices for April 2026".
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const words = new Date(Date.UTC(year, monthNumber - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return this.page.$$eval(`table[aria-label="Invoices for ${words}"] tbody tr .invoice-id`, (cells) =>
      cells.map((cell) => cell.textContent ?? ''),
    );
  }

  /** Waits for the alert and returns its text. */
  async readAlert(timeout = 30_000): Promise<string> {
    const alert = await this.page.waitForSelector('[role="alert"]', { timeout });
    return (await alert?.evaluate((element) => element.textContent ?? '')) ?? '';
  }

  /** Waits until some `role="status"` element's text matches, and returns that text. */
  async waitForStatus(pattern: RegExp, timeout = 90_000): Promise<string> {
    const handle = await this.page.waitForFunction(
      (source: string, flags: string) => {
        const regex = new RegExp(source, flags);
        return [...document.querySelectorAll('[role="status"]')]
          .map((element) => element.textContent ?? '')
          .find((text) => regex.test(text));
      },
      { timeout, polling: 200 },
      pattern.source,
      pattern.flags,
    );
    return (await handle.jsonValue()) as string;
  }

  /**
   * Waits for the download job to end, well or badly, and returns what the popup then says: the job status, or the
   * alert if the job could not start. A failed job so fails its test at once instead of by timeout.
   */
  async waitForJobEnd(success: RegExp, timeout = 90_000): Promise<string> {
    const failure = /Stopped|Cancelled|failed|incomplete/;
    const handle = await this.page.waitForFunction(
      (successSource: string, failureSource: string) => {
        const status = document.querySelector('.job-status')?.textContent ?? '';
        if (new RegExp(successSource).test(status) || new RegExp(failureSource).test(status)) return status;
        return document.querySelector('[role="alert"]')?.textContent ?? '';
      },
      { timeout, polling: 200 },
      success.source,
      failure.source,
    );
    return (await handle.jsonValue()) as string;
  }

  /** Texts of the problems shown next to the form fields. */
  async readFieldIssues(): Promise<string[]> {
    return this.page.$$eval('.field-issue', (issues) => issues.map((issue) => issue.textContent ?? ''));
  }
}
