/**
 * SigV4 header-auth verification written from the AWS spec with node:crypto only, so that a signer bug and a
 * verifier bug cannot cancel each other out.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequestInfo {
  method: string;
  /** The path exactly as received, without the query. */
  path: string;
  /** The raw query string without `?`, or ''. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** What the server knows about an access key; undefined when the key does not exist. */
export interface SigningSecret {
  secretAccessKey: string;
  sessionToken?: string;
  tokenExpired?: boolean;
}

export type SigV4Error =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'invalid-token'
  | 'expired-token'
  | 'bad-scope'
  | 'request-expired'
  | 'bad-signature';

export type SigV4Result =
  | { ok: true; accessKeyId: string; service: string }
  | { ok: false; error: SigV4Error; accessKeyId?: string; message?: string };

const SERVICES = ['invoicing', 'sts'];
const REGION = 'us-east-1';
const MAX_SKEW_MS = 15 * 60_000;
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;\-]+),\s*Signature=([0-9a-f]{64})$/;

/** Checks an `Authorization: AWS4-HMAC-SHA256 …` request against the secret that `lookupSecret` returns. */
export function verifySigV4(
  request: SignedRequestInfo,
  lookupSecret: (accessKeyId: string) => SigningSecret | undefined,
  now: Date = new Date(),
): SigV4Result {
  const authorization = readHeader(request.headers, 'authorization');
  if (!authorization) return { ok: false, error: 'missing' };
  const match = AUTH_PATTERN.exec(authorization.trim());
  if (!match) return { ok: false, error: 'malformed' };
  const [, accessKeyId = '', scopeDate, region, service, signedHeaderList = '', signature = ''] = match;
  const secret = lookupSecret(accessKeyId);
  if (!secret) return { ok: false, error: 'unknown-key', accessKeyId };
  const token = readHeader(request.headers, 'x-amz-security-token');
  // A long-term key sent with a token, or a temporary key with the wrong one, is an invalid token to AWS.
  if (token !== secret.sessionToken) return { ok: false, error: 'invalid-token', accessKeyId };
  if (secret.tokenExpired) return { ok: false, error: 'expired-token', accessKeyId };

  const fail = (error: SigV4Error, message: string): SigV4Result => ({ ok: false, error, accessKeyId, message });
  if (region !== REGION) return fail('bad-scope', `Credential should be scoped to a valid region, not '${region}'.`);
  if (!service || !SERVICES.includes(service)) {
    return fail('bad-scope', `Credential should be scoped to correct service: '${SERVICES.join("' or '")}'.`);
  }
  const amzDate = readHeader(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || amzDate.slice(0, 8) !== scopeDate) {
    return fail('bad-signature', 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.');
  }
  if (Math.abs(now.getTime() - signedAt) > MAX_SKEW_MS) {
    const earliest = formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS));
    return fail('request-expired', `Signature expired: ${amzDate} is now earlier than ${earliest}`);
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return fail('bad-signature', "'Host' must be a signed header.");

  const bodyHash = sha256Hex(request.body);
  const claimedHash = readHeader(request.headers, 'x-amz-content-sha256');
  if (claimedHash && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== bodyHash) {
    return fail('bad-signature', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query),
    signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join(''),
    signedHeaderList,
    claimedHash ?? bodyHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = deriveSigningKey(secret.secretAccessKey, scopeDate ?? '', region, service);
  const expected = hmac(key, stringToSign).toString('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return fail(
      'bad-signature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { ok: true, accessKeyId, service };
}

/** Lowercase hex SHA-256, as SigV4 hashes payloads and canonical requests. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ`, the format of `x-amz-date`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Epoch milliseconds of an `x-amz-date` value, or undefined if it is not one. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

/** Signing keys by secret and scope: derived once a day per key, as AWS's own signers cache them. */
const signingKeys = new Map<string, Buffer>();

function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const dateKey = hmac(`AWS4${secret}`, date);
  const key = hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
  if (signingKeys.size >= 1000) signingKeys.clear();
  signingKeys.set(cacheKey, key);
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function readHeader(headers: SignedRequestInfo['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? value : [value ?? ''];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Non-S3 services encode the already-encoded wire path once more, segment by segment.
function canonicalPath(path: string): string {
  return path.split('/').map(encodeRfc3986).join('/') || '/';
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const split = pair.includes('=') ? pair.indexOf('=') : pair.length;
      const decode = (part: string) => encodeRfc3986(decodeURIComponent(part.replace(/\+/g, '%20')));
      return [decode(pair.slice(0, split)), decode(pair.slice(split + 1))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}
