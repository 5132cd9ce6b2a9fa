import { render } from 'preact';
import { getLocale, loadLocale, t, watchLocale } from '@/utils/i18n';
import { OptionsApp } from './App';

const root = document.getElementById('app') as HTMLElement;

/**
 * Renders once the chosen language is loaded, and again when it changes. The key remounts everything: components
 * with unchanged props (signals skip those) would otherwise keep their old words.
 */
async function show(): Promise<void> {
  await loadLocale();
  document.documentElement.lang = getLocale();
  document.title = t('optionsTitle');
  render(<OptionsApp key={getLocale()} />, root);
}

void show();
watchLocale(() => void show());
