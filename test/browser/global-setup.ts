import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startFakeAws } from '../fake-aws/server';
import { PRODUCTION_OUT_DIR, TEST_OUT_DIR } from './support/paths';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    fakeOrigin: string;
  }
}

/**
 * Starts one fake AWS for the whole browser run and builds the extension against it: the endpoint is baked in at
 * build time (the only test seam). A production build is made beside it so tests can check what it asks for.
 * Each is built for Chrome and for Firefox (MV3 event page), one after the other: the machine has two cores.
 */
export default async function setup(project: TestProject) {
  const fake = await startFakeAws();
  // Vitest sets NODE_ENV=test, which would make Vite build development JSX (with source positions) into the pages.
  const built: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  const env = { ...built, WXT_INVOICING_ENDPOINT: fake.origin, WXT_STS_ENDPOINT: fake.origin, WXT_OUT_DIR: TEST_OUT_DIR };
  await run('npx', ['wxt', 'build'], { env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { env });
  const { WXT_INVOICING_ENDPOINT: _invoicing, WXT_STS_ENDPOINT: _sts, ...rest } = built;
  const production = { ...rest, WXT_OUT_DIR: PRODUCTION_OUT_DIR };
  await run('npx', ['wxt', 'build'], { env: production });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { env: production });
  project.provide('fakeOrigin', fake.origin);
  return async () => {
    await fake.close();
  };
}
