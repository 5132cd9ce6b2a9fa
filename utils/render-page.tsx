import { render, type ComponentType } from 'preact';
import { getLocale, loadLocale, t, watchLocale, type MessageKey } from './i18n';

/**
 * Draws an extension page into `#app` once the chosen language is loaded, and again whenever it changes. The key
 * remounts everything: components whose props did not change (signals skip those) would otherwise keep old words.
 * `whenIdle` runs after each drawing, in the language just loaded, once the page waits for the person.
 */
export function renderPage(Page: ComponentType, titleKey: MessageKey, whenIdle?: () => void): void {
  const root = document.getElementById('app') as HTMLElement;
  const show = async () => {
    await loadLocale();
    document.documentElement.lang = getLocale();
    document.title = t(titleKey);
    render(<Page key={getLocale()} />, root);
    if (whenIdle) requestIdleCallback(whenIdle);
  };
  void show();
  watchLocale(() => void show());
}
