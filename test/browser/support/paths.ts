import { fileURLToPath } from 'node:url';

/** The extension built against the fake AWS. */
export const TEST_OUT_DIR = fileURLToPath(new URL('../../../.output-test', import.meta.url));
/** The extension as it ships: no test endpoints. */
export const PRODUCTION_OUT_DIR = fileURLToPath(new URL('../../../.output-production', import.meta.url));
/** Screenshots the README shows. */
export const DOCS_DIR = fileURLToPath(new URL('../../../docs', import.meta.url));
