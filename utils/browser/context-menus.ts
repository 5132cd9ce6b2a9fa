import { browser } from 'wxt/browser';

export interface MenuItem {
  id: string;
  title: string;
  parentId?: string;
  contexts: [('action' | 'page'), ...('action' | 'page')[]];
  documentUrlPatterns?: string[];
}

/** Replaces all of the extension's context menu items. */
export async function replaceMenus(items: MenuItem[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of items) {
    browser.contextMenus.create(item, () => void browser.runtime.lastError);
  }
}

/** Calls `onClick` with the clicked item's id. Register synchronously at background start. */
export function onMenuClicked(onClick: (menuItemId: string) => void): void {
  browser.contextMenus.onClicked.addListener((info) => onClick(String(info.menuItemId)));
}
