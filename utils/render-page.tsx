import { render, type ComponentType } from 'preact';
import { warmFormats } from './format';
import { getLocale, loadLocale, t, watchLocale, type MessageKey } from './i18n';

/**
 * Draws an extension page into `#app` once the chosen language is loaded, and again whenever it changes. The key
 * remounts everything: components whose props did not change (signals skip those) would otherwise keep old words.
 */
export function renderPage(Page: ComponentType, titleKey: MessageKey): void {
  const root = document.getElementById('app') as HTMLElement;
  const show = async () => {
    await loadLocale();
    document.documentElement.lang = getLocale();
    document.title = t(titleKey);
    render(<Page key={getLocale()} />, root);
    // After the first paint, while the page waits for the person (see warmFormats).
    requestIdleCallback(warmFormats);
  };
  void show();
  watchLocale(() => void show());
}
