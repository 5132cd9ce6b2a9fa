/**
 * Unit tests run in Node on fakeBrowser, which has no i18n API and no extension files. Answer as a browser with an
 * English UI does, from the real English table, and serve public/ for extension URLs so that a chosen language's
 * table can be fetched as in the browser. The production code path (getMessage, then fetch) is unchanged. This file
 * runs before WXT's own setup, so it must not import code that touches storage when loaded.
 */
import { readFile } from 'node:fs/promises';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../../public/_locales/en/messages.json';

const PUBLIC_DIR = new URL('../../../public/', import.meta.url);
const EXTENSION_ORIGIN = fakeBrowser.runtime.getURL('/');
const messages: Record<string, { message: string } | undefined> = en;

Object.assign(fakeBrowser.i18n, {
  getUILanguage: () => 'en-US',
  // As the browsers do: '' for an unknown name, `$1`…`$9` from the substitutions, `$$` for a dollar sign.
  getMessage(name: string, substitutions: string | string[] = []) {
    const values = [substitutions].flat();
    return (messages[name]?.message ?? '').replace(/\$(\$+|[1-9])/g, (_, token: string) =>
      token.startsWith('$') ? token : (values[Number(token) - 1] ?? ''),
    );
  },
});

const networkFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(EXTENSION_ORIGIN)) return networkFetch(input, init);
  const file = new URL(url.slice(EXTENSION_ORIGIN.length), PUBLIC_DIR);
  return new Response(await readFile(file), { headers: { 'content-type': 'application/json' } });
};
