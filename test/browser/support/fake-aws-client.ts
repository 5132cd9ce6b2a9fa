import { inject } from 'vitest';
import type { FakeAccount, RecordedRequest } from '../../fake-aws/server';

/** Talks to the fake AWS that global setup started (it runs in another process), through its control API. */
export function getFakeOrigin(): string {
  return inject('fakeOrigin');
}

/** Adds (or replaces) an account on the fake AWS. */
export async function addFakeAccount(account: FakeAccount): Promise<void> {
  const response = await fetch(`${getFakeOrigin()}/__fake/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!response.ok) throw new Error(`fake AWS refused the account: ${response.status}`);
}

/** Every request the fake AWS has seen since the last clear. */
export async function readFakeRequests(): Promise<RecordedRequest[]> {
  return (await fetch(`${getFakeOrigin()}/__fake/requests`)).json() as Promise<RecordedRequest[]>;
}

/** Forgets the recorded requests. */
export async function clearFakeRequests(): Promise<void> {
  await fetch(`${getFakeOrigin()}/__fake/requests`, { method: 'DELETE' });
}

let sequence = 0;
/** A fresh account with its own keys, so tests sharing the fake AWS never see each other's data. */
export function makeAccount(overrides: Partial<FakeAccount> = {}): FakeAccount {
  sequence += 1;
  const suffix = `${process.pid}${sequence}`.padStart(8, '0').slice(-8);
  const accountId = `55${suffix}`.padEnd(12, '7').slice(0, 12);
  return {
    accessKeyId: `AKIATEST${suffix}ABCD`,
    secretAccessKey: `s3cr3t/${suffix}/`.padEnd(40, 'Q'),
    accountId,
    userName: 'finance',
    ...overrides,
  };
}
