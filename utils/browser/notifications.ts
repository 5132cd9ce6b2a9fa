import { browser } from 'wxt/browser';

const ICON = '/icon/128.png';

/** Shows a system notification; `id` lets a click be traced back to what it was about. */
export async function showNotification(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL(ICON), title, message });
}

/** Calls `onClick` with the notification's id when the user clicks one of ours. */
export function onNotificationClicked(onClick: (id: string) => void): void {
  browser.notifications.onClicked.addListener((id) => {
    onClick(id);
    void browser.notifications.clear(id);
  });
}

/**
 * Opens the popup (from a click on a menu or a notification). `action.openPopup` is missing or refused in some
 * browsers and versions, so a small window showing the popup page stands in for it.
 */
export async function openPopup(): Promise<void> {
  try {
    if (typeof browser.action?.openPopup === 'function') {
      await browser.action.openPopup();
      return;
    }
  } catch {
    // Fall through to a window: Chrome refuses openPopup when no browser window is focused.
  }
  await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 460, height: 640 });
}
