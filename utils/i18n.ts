/**
 * The extension's words, in English or Korean. The tables are Chrome-format `public/_locales/<lang>/messages.json`
 * files: the browser's own i18n API reads the one for its UI language; when the options page picks another language,
 * that table is fetched from the extension's files instead.
 */
import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';
import { localSettings } from './storage';

/** Every message name. A key missing from the English table is a type error; test/unit/locales.test.ts checks the rest. */
export type MessageKey = keyof typeof messages;

/** The languages the extension ships. */
export type Locale = 'en' | 'ko';

const LOCALES: readonly Locale[] = ['en', 'ko'];

type MessageTable = Partial<Record<MessageKey, { message: string }>>;

// The user's choice, and its table when it is not the browser's language; set by loadLocale.
let chosen: Locale | undefined;
let table: MessageTable | undefined;
let tableLocale: Locale | undefined;
// getLocale's answer, worked out once per loadLocale: a table formats hundreds of dates and amounts.
let locale: string | undefined;

/** The shipped language the browser's UI language maps to, if it is one of them. */
function readBrowserLocale(): Locale | undefined {
  const language = browser.i18n.getUILanguage().split(/[-_]/)[0]?.toLowerCase();
  return LOCALES.find((locale) => locale === language);
}

/**
 * Reads the language setting and, when it differs from the browser's language, fetches that language's table.
 * Await it before the first `t()` of a page, and in the background before building menus or notifications.
 */
export async function loadLocale(): Promise<void> {
  chosen = (await localSettings.getValue()).locale;
  locale = undefined;
  // The browser's API already reads its language's table, or English (default_locale) for languages not shipped.
  if (!chosen || chosen === (readBrowserLocale() ?? 'en')) {
    table = undefined;
    return;
  }
  if (table && tableLocale === chosen) return;
  const wanted = chosen;
  try {
    const response = await fetch(browser.runtime.getURL(`/_locales/${wanted}/messages.json`));
    table = (await response.json()) as MessageTable;
    tableLocale = wanted;
  } catch {
    // The browser's language, for words and dates alike, is a better fallback than no words at all.
    chosen = undefined;
    table = undefined;
    locale = undefined;
  }
}

/** Calls `onChange` when the language setting changes; the caller reloads with `loadLocale`. */
export function watchLocale(onChange: () => void): () => void {
  return localSettings.watch((next, previous) => {
    if (next.locale !== previous.locale) onChange();
  });
}

/** The message `key` in the chosen language, with `$1`…`$9` replaced by `substitutions`. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  const entry = table?.[key];
  if (entry) return fillMessage(entry.message, substitutions);
  return browser.i18n.getMessage(key, substitutions);
}

/** Applies messages.json's rules as Chrome and Firefox do: `$1`…`$9` take the substitutions, `$$` is one `$`. */
export function fillMessage(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$+|[1-9])/g, (_, token: string) =>
    token.startsWith('$') ? token : (substitutions[Number(token) - 1] ?? ''),
  );
}

/**
 * The BCP 47 tag for `Intl`: the browser's own (with its region, e.g. en-GB) when the words shown are in its language,
 * otherwise the chosen language, so dates never come out in a third language ("octobre" in an English sentence).
 */
export function getLocale(): string {
  if (locale) return locale;
  const browserLocale = readBrowserLocale();
  const shown = chosen ?? browserLocale ?? 'en';
  locale = shown === browserLocale ? browser.i18n.getUILanguage() : shown;
  return locale;
}
