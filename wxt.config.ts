import type { Plugin } from 'vite';
import { createRequire } from 'node:module';
import { defineConfig as defineWxtConfig } from 'wxt';

const require = createRequire(import.meta.url);

/** AWS origins the production build talks to. S3 hosts the presigned document URLs (host not documented). */
const AWS_HOSTS = [
  'https://invoicing.us-east-1.api.aws/*',
  'https://sts.amazonaws.com/*',
  'https://*.amazonaws.com/*',
];

/**
 * The build-time test seam: WXT_INVOICING_ENDPOINT / WXT_STS_ENDPOINT point the clients at another origin.
 * The host permission drops the port because Firefox never matches a pattern that has one (Mozilla bug 1362809);
 * Chrome reads a port-less pattern as "any port".
 */
function listTestHosts(): string[] {
  const origins = [process.env.WXT_INVOICING_ENDPOINT, process.env.WXT_STS_ENDPOINT].filter(
    (value): value is string => Boolean(value),
  );
  return [...new Set(origins.map((origin) => {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
  }))];
}

/**
 * The browser build of @aws-sdk/xml-builder parses STS's XML with DOMParser, which a service worker lacks
 * ("Deserialization error: DOMParser is not defined"); its pure-JS parser works everywhere.
 */
function usePureXmlParser(): Plugin {
  const pureParser = require.resolve('@aws-sdk/xml-builder').replace(/dist-cjs[\\/]index\.js$/, 'dist-es/xml-parser.js');
  return {
    name: 'aws-xml-parser-without-dom',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.includes('xml-parser') && importer?.includes('xml-builder')) return pureParser;
      return null;
    },
    load(id) {
      if (id.endsWith('xml-parser.browser.js')) return `export { parseXML } from ${JSON.stringify(pureParser)};`;
      return null;
    },
  };
}

/**
 * Neither Invoicing (awsJson1_0) nor STS (awsQuery) has an event-stream operation, yet the SDK's HTTP protocol keeps a
 * dynamic import of its event-stream codec (5 KB gzipped) that the service worker would ship and never load.
 */
function dropEventStreams(): Plugin {
  const dynamicImport = 'import("@smithy/core/event-streams")';
  return {
    name: 'aws-event-streams-unused',
    transform(code, id) {
      if (!id.includes('@smithy/core') || !code.includes(dynamicImport)) return null;
      // A rejected promise in place of the import: no chunk, and no module-preload helper in the service worker.
      return code.replaceAll(dynamicImport, 'Promise.reject(new Error("no event streams"))');
    },
  };
}

/**
 * STS signs through SignatureV4MultiRegion, which adds SigV4a (signing region "*") and S3 Express session signing to
 * the plain SigV4 signer. STS needs neither, and without the optional SigV4a package the class only ever signs with
 * SigV4; the plain signer in its place keeps 1 KB gzipped out of the service worker.
 */
function usePlainSigV4ForSts(): Plugin {
  const stub = '\0plain-sigv4-signer';
  return {
    name: 'sts-plain-sigv4',
    enforce: 'pre',
    resolveId(source) {
      return source === '@aws-sdk/signature-v4-multi-region' ? stub : null;
    },
    load(id) {
      if (id !== stub) return null;
      return `import { SignatureV4 } from "@smithy/signature-v4";
export class SignatureV4MultiRegion extends SignatureV4 { static sigv4aDependency() { return "none"; } }`;
    },
  };
}

export default defineWxtConfig({
  srcDir: '.',
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    // The store listing's name and description, in the browser's language (public/_locales).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // runtime.getContexts, which finds the offscreen document, arrived in Chrome 116.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    permissions: ['storage', 'downloads', 'alarms', 'contextMenus', 'notifications', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: [...AWS_HOSTS, ...listTestHosts()],
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'aws-invoice-downloader@example.org',
              // 140 is the first release that reads data_collection_permissions; storage.session needs 115 anyway.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          }
        : undefined,
  }),
  hooks: {
    // WXT copies the popup's <title> into action.default_title; the toolbar tooltip, unlike a page title, can be
    // translated by the browser.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_extName__';
    },
    // The popup is built on its own: sharing chunks with the options page would split it into several files that
    // keep their exports' names, and the popup loads on every click of the toolbar button.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group)) continue;
        const popup = group.findIndex((entrypoint) => entrypoint.name === 'popup');
        if (popup >= 0 && group.length > 1) groups.push(group.splice(popup, 1));
      }
    },
  },
  vite: () => ({
    plugins: [usePureXmlParser(), dropEventStreams(), usePlainSigV4ForSts()],
    build: {
      // Terser packs the service worker (mostly the AWS SDK) and the popup about 4% smaller than esbuild does.
      // pure_getters: nothing here reads a property for a getter's side effect; unsafe_arrows: nothing calls an
      // anonymous function expression with `new` (the SDK's code is ES2015 classes). The browser tests run this build.
      minify: 'terser',
      terserOptions: { module: true, ecma: 2022, compress: { passes: 3, pure_getters: true, unsafe_arrows: true } },
      // Both browsers support <link rel="modulepreload">; the polyfill would load with every popup.
      modulePreload: { polyfill: false },
      // The oldest browsers the extension runs in (runtime.getContexts needs Chrome 116; the manifest says both), so
      // nothing they support is rewritten into longer code.
      target: ['chrome116', 'firefox140'],
    },
    // Classic JSX (h calls) rather than the automatic runtime: 1% smaller popup, and no jsx-runtime module. Type
    // checking still uses tsconfig's automatic settings, which describe the same elements.
    esbuild: { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', jsxInject: "import { h, Fragment } from 'preact'" },
  }),
});
