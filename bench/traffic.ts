import type { FakeAccount, FakeAws, RecordedRequest } from '../test/fake-aws/server';

/** A request the fake answered, with when its answer finished (epoch ms; `time` is when it arrived). */
export type TimedRequest = RecordedRequest & { finished: number };

/**
 * The fake records each request when its answer finishes, with only its arrival time: stamping the moment of
 * recording gives each request's span, hence how many were in flight at once.
 */
export function recordFinishTimes(fake: FakeAws): TimedRequest[] {
  const timed: TimedRequest[] = [];
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...items: RecordedRequest[]) => {
    const finished = Date.now();
    timed.push(...items.map((item) => ({ ...item, finished })));
    return push(...items);
  };
  return timed;
}

/** One account's GetInvoicePDF calls and document fetches: counts, throttled answers and concurrency. */
export function describeTraffic(requests: TimedRequest[], account: FakeAccount): string {
  const mine = requests.filter(
    (request) => request.accessKeyId === account.accessKeyId || request.path.startsWith(`/__documents/${account.accountId}/`),
  );
  const fetches = mine.filter((request) => request.target === 'Invoicing.GetInvoicePDF' || request.target === 'document');
  const count = (target: string) => mine.filter((request) => request.target === target).length;
  const throttled = mine.filter((request) => request.status === 429).length;
  // Ends before starts at the same millisecond, so back-to-back requests do not count as overlapping.
  const events = fetches
    .flatMap((request) => [
      { at: request.time, delta: 1 },
      { at: request.finished, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let inFlight = 0;
  let peak = 0;
  for (const event of events) peak = Math.max(peak, (inFlight += event.delta));
  const busy = fetches.reduce((sum, request) => sum + (request.finished - request.time), 0);
  const span = fetches.length ? Math.max(...fetches.map((r) => r.finished)) - Math.min(...fetches.map((r) => r.time)) : 0;
  const mean = span > 0 ? busy / span : 0;
  return (
    `ListInvoiceSummaries ${count('Invoicing.ListInvoiceSummaries')}, GetInvoicePDF ${count('Invoicing.GetInvoicePDF')}, ` +
    `documents ${count('document')}, throttled ${throttled}; in flight: peak ${peak}, mean ${mean.toFixed(1)} over ${(span / 1000).toFixed(2)} s`
  );
}
