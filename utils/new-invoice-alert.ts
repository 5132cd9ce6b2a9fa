import { browser } from 'wxt/browser';
import { createAwsClients, type AwsEndpoints } from './aws/clients';
import { whoAmI } from './aws/identity';
import { listInvoices } from './aws/invoices';
import { getPreviousMonth } from './billing-month';
import { showBadge } from './browser/badge';
import { showNotification } from './browser/notifications';
import { formatList, formatMonth } from './format';
import { loadLocale, t } from './i18n';
import { resolveCredentials } from './profile-service';
import { localAlertState, localProfiles, localSettings } from './storage';

/** The daily check's alarm. */
export const ALERT_ALARM = 'new-invoice-check';
/** Notification id prefix: a click on it downloads the new month's bills. */
export const ALERT_NOTIFICATION = 'new-invoices:';

/** Schedules (or cancels) the daily check to match the setting. */
export async function scheduleNewInvoiceCheck(): Promise<void> {
  const { newInvoiceAlerts } = await localSettings.getValue();
  if (!newInvoiceAlerts) {
    await browser.alarms.clear(ALERT_ALARM);
    return;
  }
  const existing = await browser.alarms.get(ALERT_ALARM);
  if (!existing) await browser.alarms.create(ALERT_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
}

/**
 * Looks for last month's bill for every profile whose keys are at hand without asking (session secrets, an
 * unlocked vault, cached role credentials): no MFA prompt, no passphrase, nothing sent for the others. When a
 * month appears that was not seen before, it sets the badge and sends one notification offering the download.
 */
export async function checkForNewInvoices(endpoints: AwsEndpoints, now = new Date()): Promise<{ month: string; found: string[] }> {
  const month = getPreviousMonth(now);
  const state = { ...(await localAlertState.getValue()) };
  const found: string[] = [];
  for (const profile of await localProfiles.getValue()) {
    if (state[profile.id] === month) continue;
    const resolved = await resolveCredentials({ kind: 'profile', profileId: profile.id }, endpoints, now.getTime());
    if (!resolved.ok) continue;
    try {
      const clients = createAwsClients(resolved.credentials, endpoints);
      const { accountId } = await whoAmI(clients);
      if ((await listInvoices(clients, accountId, month)).length === 0) continue;
    } catch {
      continue;
    }
    state[profile.id] = month;
    found.push(profile.name);
  }
  await localAlertState.setValue(state);
  if (found.length > 0) {
    await loadLocale();
    // The notification first: once the badge says "new", the offer to download is there too.
    await showNotification(
      `${ALERT_NOTIFICATION}${month}`,
      t('alertTitle', formatMonth(month)),
      t('alertMessage', formatList(found)),
    ).catch(() => undefined);
    await showBadge({ running: false, percent: 0, failed: false, text: t('badgeNew') });
  }
  return { month, found };
}

/** Runs the daily check on its alarm and keeps the alarm in step with the setting. Register at background start. */
export function registerNewInvoiceAlerts(endpoints: AwsEndpoints): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALERT_ALARM) void checkForNewInvoices(endpoints);
  });
  void scheduleNewInvoiceCheck();
  localSettings.watch(() => void scheduleNewInvoiceCheck());
}
