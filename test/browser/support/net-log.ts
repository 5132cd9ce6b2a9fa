import { readFile } from 'node:fs/promises';

export interface LoggedRequest {
  url: string;
  method: string;
  initiator?: string;
}

/**
 * Reads the URL requests from a Chromium net log (`--log-net-log`): every request the browser made, including
 * the extension's service worker, offscreen document and downloads, which page-level request events miss.
 */
export async function readNetLogRequests(file: string): Promise<LoggedRequest[]> {
  let text = await readFile(file, 'utf8');
  // A log cut short by a crash lacks its closing brackets; what it holds is still valid events.
  if (!text.trimEnd().endsWith('}')) text = `${text.trimEnd().replace(/,$/, '')}]}`;
  const log = JSON.parse(text) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; method?: string; initiator?: string } }[];
  };
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((event) => event.type === startJob && event.params?.url)
    .map((event) => ({
      url: event.params?.url as string,
      method: event.params?.method ?? 'GET',
      ...(event.params?.initiator ? { initiator: event.params.initiator } : {}),
    }));
}
