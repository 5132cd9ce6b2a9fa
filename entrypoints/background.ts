import { openPopup, onNotificationClicked } from '@/utils/browser/notifications';
import { registerContextMenu } from '@/utils/context-menu';
import { readBuildEndpoints } from '@/utils/endpoints';
import { watchLocale } from '@/utils/i18n';
import { registerInvoiceService } from '@/utils/invoice-service';
import { ALERT_NOTIFICATION, registerNewInvoiceAlerts } from '@/utils/new-invoice-alert';
import { localProfiles } from '@/utils/storage';
import { registerAutoLock } from '@/utils/vault-service';
import { browser } from 'wxt/browser';

// A classic worker (no `type: 'module'`): WXT then bundles it on its own, with only the code the background uses,
// instead of sharing chunks (and their other exports) with the popup and options pages.
export default defineBackground({
  main() {
    const endpoints = readBuildEndpoints();
    registerAutoLock();
    const service = registerInvoiceService({ endpoints });
    const menu = registerContextMenu({ jobs: service.jobs, endpoints, openPopup });
    service.onCredentialsAvailable(() => void menu.runPending());
    registerNewInvoiceAlerts(endpoints);
    // "New invoices" notifications download last month's bills of every profile; the others open the popup.
    onNotificationClicked((id) =>
      id.startsWith(ALERT_NOTIFICATION) ? void menu.start({ kind: 'last-month', target: 'all' }) : void openPopup(),
    );
    // A job a stopped worker left unfinished continues now; the watchdog alarm wakes the worker to get here.
    browser.alarms.onAlarm.addListener((alarm) => void service.jobs.handleAlarm(alarm.name));
    // Downloads a stopped worker started still finish; their events wake the worker so the job goes on at once.
    browser.downloads.onChanged.addListener(() => void service.jobs.resume());
    void service.jobs.resume();
    void menu.rebuild();
    localProfiles.watch(() => void menu.rebuild());
    // Menus keep the titles they were created with: a new language needs new menus.
    watchLocale(() => void menu.rebuild());
  },
});
