/**
 * A local stand-in for AWS Invoicing (awsJson1_0), STS (awsQuery) and the S3 presigned document URLs, on one origin.
 * The unmodified AWS SDK works against it with `endpoint: origin`; browser tests drive it through `/__fake/*`.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createRandom,
  findInvoiceMonth,
  fromMonthIndex,
  generateDocumentBytes,
  generateInvoices,
  toMonthIndex,
  type FakeAccount,
  type FakeInvoice,
} from './data';
import { AwsError } from './aws-error';
import { formatAmzDate, parseAmzDate, sha256Hex, verifySigV4, type SigV4Error, type SigningSecret } from './sigv4';
import { answerSts, callerArn, escapeXml, parseRoleArn, STS_NS } from './sts';

export type { FakeAccount, FakeInvoice, FakeRole } from './data';

/** One request the fake answered, for tests to assert on. Holds no secret, token or body. */
export interface RecordedRequest {
  /** Epoch milliseconds when it arrived (server clock). */
  time: number;
  method: string;
  /** Without the query, so presigned signatures stay out of it. */
  path: string;
  /** `Invoicing.GetInvoicePDF`, an STS action such as `GetCallerIdentity`, or `document`. */
  target: string;
  accessKeyId?: string;
  status: number;
  origin?: string;
  userAgent?: string;
  /** As the client sent it: browsers send `no-cache` for a fetch that must not touch their HTTP cache. */
  cacheControl?: string;
}

export interface FakeAwsOptions {
  port?: number;
  host?: string;
  accounts?: FakeAccount[];
  /**
   * Serve presigned documents from a second port on the same host, as AWS serves them from S3 rather than the API
   * host. Browsers limit connections per host and port (6 for HTTP/1.1), so this matters for throughput.
   */
  separateDocumentPort?: boolean;
  /**
   * Serve the API over TLS with HTTP/2 (and HTTP/1.1 for clients without it), as AWS's API endpoints do; browsers
   * open only 6 HTTP/1.1 connections per host, which would cap concurrency far below what AWS allows.
   * Documents on a separate port stay on HTTP/1.1, like S3's presigned URLs.
   */
  tls?: { key: string; cert: string };
  /** The server's clock: invoice visibility, URL expiry, signature age and the `Date` header all follow it. */
  now?: () => Date;
}

export interface FakeAws {
  origin: string;
  port: number;
  close(): Promise<void>;
  /**
   * Adds the account, or replaces the one with the same access key (resetting its throttle and failures).
   * Throws if one of its roles is not an IAM role ARN or targets another account than the ARN's.
   */
  addAccount(account: FakeAccount): void;
  requests: RecordedRequest[];
}

/**
 * The keys from the AWS documentation's examples: never valid on real AWS, so safe to show in a demo. They may
 * assume one role in another account, which asks for an external ID and the MFA code 123456.
 */
export const DEMO_ACCOUNT: FakeAccount = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '123456789012',
  userName: 'demo',
  invoicesPerMonth: 5,
  mfa: { serialNumber: 'arn:aws:iam::123456789012:mfa/demo', code: '123456' },
  roles: [
    {
      roleArn: 'arn:aws:iam::444455556666:role/InvoiceReader',
      externalId: 'demo-external-id',
      requireMfa: true,
      target: { accountId: '444455556666', invoicesPerMonth: 3 },
    },
  ],
};

/** Also from the AWS documentation's examples; its policy lacks GetInvoicePDF, to show the permission error. */
export const NO_PDF_ACCOUNT: FakeAccount = {
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  accountId: '210987654321',
  userName: 'no-pdf',
  deny: ['invoicing:GetInvoicePDF'],
};

type Protocol = 'json' | 'query';

interface AuthError {
  json: [status: number, code: string];
  query: [status: number, code: string];
  /** Fallback when the verifier gives no message of its own. */
  message: string;
}

const INVALID_TOKEN: AuthError = {
  json: [400, 'UnrecognizedClientException'],
  query: [403, 'InvalidClientTokenId'],
  message: 'The security token included in the request is invalid.',
};
const BAD_SIGNATURE: AuthError = { json: [403, 'InvalidSignatureException'], query: [403, 'SignatureDoesNotMatch'], message: '' };

// Generic AWS auth failures: the same cause has a different name and status in each protocol.
const AUTH_ERRORS: Record<SigV4Error, AuthError> = {
  missing: {
    json: [403, 'MissingAuthenticationTokenException'],
    query: [403, 'MissingAuthenticationToken'],
    message: 'Missing Authentication Token',
  },
  malformed: {
    json: [400, 'IncompleteSignatureException'],
    query: [400, 'IncompleteSignature'],
    message: 'Authorization header is malformed.',
  },
  'unknown-key': INVALID_TOKEN,
  'invalid-token': INVALID_TOKEN,
  'expired-token': {
    json: [403, 'ExpiredTokenException'],
    query: [403, 'ExpiredToken'],
    message: 'The security token included in the request is expired',
  },
  'bad-scope': BAD_SIGNATURE,
  'request-expired': BAD_SIGNATURE,
  'bad-signature': BAD_SIGNATURE,
};

const MAX_BODY_BYTES = 1 << 20;

/** Starts the fake on `host:port` (default 127.0.0.1 and a free port). */
export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const now = options.now ?? (() => new Date());
  const accounts = new Map<string, FakeAccount>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const failureDice = new Map<string, () => number>();
  const urlKey = randomBytes(32);
  const requests: RecordedRequest[] = [];

  const addAccount = (account: FakeAccount): void => {
    for (const { roleArn, target } of account.roles ?? []) {
      const role = parseRoleArn(roleArn);
      if (!role) throw new Error(`${roleArn} is not an IAM role ARN`);
      if (role.accountId !== target.accountId) {
        throw new Error(`Role ${roleArn} must target its own account ${role.accountId}, not ${target.accountId}`);
      }
    }
    accounts.set(account.accessKeyId, { ...account });
    buckets.delete(account.accessKeyId);
    failureDice.delete(account.accessKeyId);
  };
  options.accounts?.forEach(addAccount);

  // Real time, not the injectable clock: the SDK's retry backoff waits in real time.
  const takeToken = (account: FakeAccount): boolean => {
    if (!account.throttle) return true;
    const { ratePerSecond, burst } = account.throttle;
    const at = performance.now();
    const bucket = buckets.get(account.accessKeyId) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * ratePerSecond);
    bucket.at = at;
    buckets.set(account.accessKeyId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  const rollFailure = (account: FakeAccount): boolean => {
    if (!account.failureRate) return false;
    const roll = failureDice.get(account.accessKeyId) ?? createRandom(`failures/${account.accessKeyId}`);
    failureDice.set(account.accessKeyId, roll);
    return roll() < account.failureRate;
  };
  const lookupSecret = (accessKeyId: string): SigningSecret | undefined => {
    const account = accounts.get(accessKeyId);
    if (!account) return undefined;
    const timedOut = account.tokenExpiresAt !== undefined && now().getTime() >= account.tokenExpiresAt;
    return { ...account, tokenExpired: account.tokenExpired === true || timedOut };
  };
  const signUrl = (path: string, amzDate: string, expires: number): string =>
    createHmac('sha256', urlKey).update(`${path}\n${amzDate}\n${expires}`).digest('hex');

  const presignDocument = (host: string, invoice: FakeInvoice, account: FakeAccount, documentId?: string) => {
    const ids = [invoice.accountId, invoice.invoiceId, ...(documentId ? [documentId] : [])];
    const path = `/__documents/${ids.map(encodeURIComponent).join('/')}`;
    const issuedAt = now();
    const ttl = account.urlTtlSeconds ?? 600;
    const amzDate = formatAmzDate(issuedAt);
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(ttl),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': signUrl(path, amzDate, ttl),
    });
    return { DocumentUrl: `${options.tls ? 'https' : 'http'}://${host}${path}?${query}`, DocumentUrlExpirationDate: toEpochSeconds(issuedAt) + ttl };
  };

  const getInvoicePdf = (account: FakeAccount, input: Record<string, unknown>, host: string) => {
    const invoiceId = input.InvoiceId;
    if (typeof invoiceId !== 'string' || !invoiceId) throw validationError('InvoiceId must not be empty', 'invoiceId');
    const invoice = findInvoice(account, invoiceId, now());
    if (!invoice) {
      throw new AwsError(404, 'ResourceNotFoundException', `Invoice ${invoiceId} not found`, { resourceName: invoiceId });
    }
    if (rollFailure(account)) throw new AwsError(500, 'InternalServerException', 'Internal server error');
    return {
      InvoicePDF: {
        InvoiceId: invoice.invoiceId,
        ...presignDocument(host, invoice, account),
        SupplementalDocuments: invoice.supplementalDocuments.map(({ documentType, documentId }) => ({
          DocumentType: documentType,
          DocumentId: documentId,
          ...presignDocument(host, invoice, account, documentId),
        })),
      },
    };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, record: RecordedRequest, path: string, query: string) => {
    const body = await readBody(req);
    const header = (name: string) => firstHeader(req.headers[name]);
    const target = header('x-amz-target') ?? '';
    const scopeService = /Credential=[^/]*\/\d{8}\/[^/]*\/([^/]*)\//.exec(header('authorization') ?? '')?.[1];
    const isForm = (header('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    const protocol: Protocol = !target && (isForm || scopeService === 'sts') ? 'query' : 'json';
    // Only the action name is recorded: an STS form also holds MFA codes and external IDs.
    const form = new URLSearchParams(protocol === 'query' ? body.toString() : '');
    const action = protocol === 'json' ? target.replace(/^Invoicing\./, '') : (form.get('Action') ?? '');
    record.target = protocol === 'json' ? target : action;
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);

    // HTTP/2 carries the host as ":authority"; SigV4 signed it as "host".
    const headers = { ...req.headers, ...(!req.headers.host && req.headers[':authority'] ? { host: req.headers[':authority'] } : {}) };
    const signed = { method: req.method ?? 'POST', path, query, headers, body };
    const verdict = verifySigV4(signed, lookupSecret, now());
    record.accessKeyId = verdict.accessKeyId;
    const account = verdict.accessKeyId ? accounts.get(verdict.accessKeyId) : undefined;
    try {
      if (account?.latencyMs) await sleep(account.latencyMs);
      if (!verdict.ok) {
        const known = AUTH_ERRORS[verdict.error];
        const [status, code] = known[protocol];
        throw new AwsError(status, code, verdict.message ?? known.message);
      }
      const expectedService = protocol === 'json' ? 'invoicing' : 'sts';
      if (verdict.service !== expectedService) {
        const [status, code] = AUTH_ERRORS['bad-scope'][protocol];
        throw new AwsError(status, code, `Credential should be scoped to correct service: '${expectedService}'.`);
      }
      if (!account) throw new Error('verified key without account');
      if (!takeToken(account)) {
        throw protocol === 'json'
          ? new AwsError(429, 'ThrottlingException', 'Rate exceeded')
          : new AwsError(400, 'Throttling', 'Rate exceeded');
      }
      if (protocol === 'query') {
        return sendXml(res, 200, answerSts(action, { caller: account, params: form, now: now(), requestId, register: addAccount }));
      }
      const input = parseJsonBody(body);
      if (action !== 'ListInvoiceSummaries' && action !== 'GetInvoicePDF') {
        throw new AwsError(400, 'UnknownOperationException', `Unknown operation ${target}`);
      }
      if (account.deny?.includes(`invoicing:${action}`)) {
        throw new AwsError(403, 'AccessDeniedException', denialMessage(account, `invoicing:${action}`));
      }
      const output =
        action === 'ListInvoiceSummaries'
          ? listInvoiceSummaries(account, input, now())
          : getInvoicePdf(account, input, documentHost ?? req.headers.host ?? firstHeader(req.headers[':authority']) ?? 'localhost');
      return sendJson(res, 200, output);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      if (protocol === 'query') {
        const type = error.status >= 500 ? 'Receiver' : 'Sender';
        return sendXml(
          res,
          error.status,
          `<ErrorResponse xmlns="${STS_NS}">
  <Error>
    <Type>${type}</Type>
    <Code>${error.code}</Code>
    <Message>${escapeXml(error.message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`,
        );
      }
      // Auth failures come from AWS's front door and carry no service namespace; service errors do.
      const isAuthError = Object.values(AUTH_ERRORS).some(({ json }) => json[1] === error.code);
      const type = isAuthError ? error.code : `com.amazonaws.invoicing#${error.code}`;
      res.setHeader('x-amzn-errortype', error.code);
      return sendJson(res, error.status, { __type: type, message: error.message, ...error.fields });
    }
  };

  const serveDocument = async (res: ServerResponse, path: string, query: string) => {
    const params = new URLSearchParams(query);
    const [accountId = '', invoiceId = '', documentId] = path.split('/').slice(2).map(decodeURIComponent);
    const amzDate = params.get('X-Amz-Date') ?? '';
    const expires = Number(params.get('X-Amz-Expires'));
    const expected = Buffer.from(signUrl(path, amzDate, expires));
    const given = Buffer.from(params.get('X-Amz-Signature') ?? '');
    const s3Error = (status: number, code: string, message: string, extra = '') =>
      sendXml(
        res,
        status,
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`,
      );
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const message = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
      return s3Error(403, 'SignatureDoesNotMatch', message);
    }
    const expiresAt = (parseAmzDate(amzDate) ?? 0) + expires * 1000;
    if (now().getTime() > expiresAt) {
      const times = `<Expires>${new Date(expiresAt).toISOString()}</Expires><ServerTime>${now().toISOString()}</ServerTime>`;
      return s3Error(403, 'AccessDenied', 'Request has expired', `<X-Amz-Expires>${expires}</X-Amz-Expires>${times}`);
    }
    const account = [...accounts.values()].find((candidate) => candidate.accountId === accountId);
    if (!account) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (account.latencyMs) await sleep(account.latencyMs);
    const broken = account.brokenInvoices?.includes(invoiceId);
    if (broken || rollFailure(account)) return s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
    const bytes = generateDocumentBytes(accountId, invoiceId, documentId);
    res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': bytes.byteLength });
    res.end(bytes);
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/__fake/accounts' && req.method === 'POST') {
      const account = parseJsonBody(await readBody(req));
      const required = ['accessKeyId', 'secretAccessKey', 'accountId'] as const;
      if (required.some((key) => typeof account[key] !== 'string')) {
        return sendJson(res, 400, { message: `An account needs ${required.join(', ')}` }, 'application/json');
      }
      try {
        addAccount(account as unknown as FakeAccount);
      } catch (error) {
        return sendJson(res, 400, { message: String(error) }, 'application/json');
      }
      return sendEmpty(res, 204);
    }
    if (path === '/__fake/requests' && req.method === 'GET') return sendJson(res, 200, requests, 'application/json');
    if (path === '/__fake/requests' && req.method === 'DELETE') {
      requests.length = 0;
      return sendEmpty(res, 204);
    }
    return sendJson(res, 404, { message: `No control route ${req.method} ${path}` }, 'application/json');
  };

  let documentHost: string | undefined;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    // A fake clock must reach the SDK too: it corrects its skew from this header.
    res.setHeader('Date', now().toUTCString());
    const answer = async () => {
      if (path.startsWith('/__fake/')) return handleControl(req, res, path);
      const record: RecordedRequest = {
        time: now().getTime(),
        method: req.method ?? '',
        path,
        target: '',
        status: 0,
        ...(req.headers.origin && { origin: req.headers.origin }),
        ...(req.headers['user-agent'] && { userAgent: req.headers['user-agent'] }),
        ...(req.headers['cache-control'] && { cacheControl: req.headers['cache-control'] }),
      };
      res.on('finish', () => requests.push({ ...record, status: res.statusCode }));
      if (req.method === 'GET' && path.startsWith('/__documents/')) {
        record.target = 'document';
        return serveDocument(res, path, query);
      }
      if (req.method === 'POST' && path === '/') return handleApi(req, res, record, path, query);
      return sendJson(res, 404, { message: `Nothing at ${req.method} ${path}` });
    };
    answer().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, error instanceof AwsError ? error.status : 500, { message: String(error) });
    });
  };
  const server = options.tls
    ? (createSecureServer({ ...options.tls, allowHTTP1: true }, handle as never) as unknown as ReturnType<typeof createServer>)
    : createServer(handle);

  const host = options.host ?? '127.0.0.1';
  const listen = (target: typeof server, wanted: number) =>
    new Promise<number>((resolve, reject) => {
      target.once('error', reject);
      target.listen(wanted, host, () => resolve((target.address() as AddressInfo).port));
    });
  const port = await listen(server, options.port ?? 0);
  // Like S3: HTTPS over HTTP/1.1 only, on a host of its own.
  const documentServer = options.separateDocumentPort
    ? options.tls
      ? (createHttpsServer(options.tls, handle) as unknown as ReturnType<typeof createServer>)
      : createServer(handle)
    : undefined;
  if (documentServer) documentHost = `${host.includes(':') ? `[${host}]` : host}:${await listen(documentServer, 0)}`;
  return {
    origin: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    addAccount,
    requests,
    close: async () => {
      for (const target of [server, documentServer]) {
        if (!target) continue;
        await new Promise<void>((resolve, reject) => {
          target.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive sockets from the SDK would otherwise hold close() open.
          (target as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
    },
  };
}

function listInvoiceSummaries(account: FakeAccount, input: Record<string, unknown>, now: Date) {
  const selector = asRecord(input.Selector);
  const filter = asRecord(input.Filter);
  const maxResults = input.MaxResults ?? 100;
  if (!isIntegerIn(maxResults, 1, 100)) {
    const message = `Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`;
    throw validationError(message, 'maxResults');
  }
  if (typeof selector.Value !== 'string') {
    throw validationError("Value null at 'selector' failed to satisfy constraint: Member must not be null", 'selector');
  }
  let invoices: FakeInvoice[];
  if (selector.ResourceType === 'INVOICE_ID') {
    const invoice = findInvoice(account, selector.Value, now);
    invoices = invoice ? [invoice] : [];
  } else if (selector.ResourceType === 'ACCOUNT_ID') {
    if (selector.Value !== account.accountId) {
      const message = `User: ${callerArn(account)} is not authorized to perform: invoicing:ListInvoiceSummaries on resource: account ${selector.Value}`;
      throw new AwsError(403, 'AccessDeniedException', message, { resourceName: selector.Value });
    }
    invoices = selectByPeriod(account, asRecord(filter.BillingPeriod), asRecord(filter.TimeInterval), now);
  } else {
    const message = "Value at 'selector.resourceType' failed to satisfy constraint: Member must satisfy enum value set: [ACCOUNT_ID, INVOICE_ID]";
    throw validationError(message, 'selector.resourceType');
  }
  if (typeof filter.InvoicingEntity === 'string') invoices = invoices.filter((i) => i.invoicingEntity === filter.InvoicingEntity);

  // The token binds the query it came from, as AWS's opaque tokens do.
  const queryHash = sha256Hex(JSON.stringify([selector, filter])).slice(0, 16);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const token = decodeToken(input.NextToken);
    if (!token || token.q !== queryHash) throw validationError('Invalid NextToken', 'nextToken');
    offset = token.o;
  }
  // AWS may return fewer results than MaxResults; `maxPageSize` makes clients prove they follow NextToken.
  const end = offset + Math.min(maxResults, account.maxPageSize ?? maxResults);
  return {
    InvoiceSummaries: invoices.slice(offset, end).map(toInvoiceSummary),
    ...(end < invoices.length && { NextToken: Buffer.from(JSON.stringify({ o: end, q: queryHash })).toString('base64url') }),
  };
}

function selectByPeriod(
  account: FakeAccount,
  period: Record<string, unknown>,
  interval: Record<string, unknown>,
  now: Date,
): FakeInvoice[] {
  if (period.Month !== undefined || period.Year !== undefined) {
    const { Month: month, Year: year } = period;
    if (!isIntegerIn(month, 1, 12)) throw validationError('Month must be between 1 and 12', 'filter.billingPeriod.month');
    if (!isIntegerIn(year, 2005, 2050)) throw validationError('Year must be between 2005 and 2050', 'filter.billingPeriod.year');
    return generateInvoices(account, `${year}-${String(month).padStart(2, '0')}`, now);
  }
  if (typeof interval.StartDate === 'number' && typeof interval.EndDate === 'number') {
    const start = interval.StartDate * 1000;
    const end = interval.EndDate * 1000;
    if (start >= end) throw validationError('StartDate must be before EndDate', 'filter.timeInterval');
    const first = new Date(start);
    const oneMonthLater = new Date(start);
    oneMonthLater.setUTCMonth(oneMonthLater.getUTCMonth() + 1);
    if (end > oneMonthLater.getTime()) {
      throw validationError('TimePeriod cannot last more than a month', 'filter.timeInterval');
    }
    // Invoices are issued the month after their billing month, so look one month back.
    const firstIndex = toMonthIndex(first.toISOString().slice(0, 7)) - 1;
    const lastIndex = toMonthIndex(new Date(end).toISOString().slice(0, 7));
    const invoices: FakeInvoice[] = [];
    for (let index = firstIndex; index <= lastIndex; index++) {
      invoices.push(...generateInvoices(account, fromMonthIndex(index), now));
    }
    return invoices.filter((i) => i.issuedDate.getTime() >= start && i.issuedDate.getTime() < end);
  }
  throw validationError('Filter must have either BillingPeriod or TimeInterval when the selector is ACCOUNT_ID', 'filter');
}

function toInvoiceSummary(invoice: FakeInvoice) {
  const [year, month] = invoice.billingMonth.split('-').map(Number);
  const zero = invoice.currencyCode === 'KRW' ? '0' : '0.00';
  const amount = {
    TotalAmount: invoice.totalAmount,
    TotalAmountBeforeTax: invoice.totalAmountBeforeTax,
    CurrencyCode: invoice.currencyCode,
    AmountBreakdown: {
      SubTotalAmount: invoice.totalAmountBeforeTax,
      Discounts: { Breakdown: [], TotalAmount: zero },
      Taxes: {
        Breakdown: [{ Description: invoice.currencyCode === 'KRW' ? 'VAT' : 'Sales Tax', Amount: invoice.taxAmount, Rate: '10' }],
        TotalAmount: invoice.taxAmount,
      },
      Fees: { Breakdown: [], TotalAmount: zero },
    },
  };
  return {
    AccountId: invoice.accountId,
    InvoiceId: invoice.invoiceId,
    IssuedDate: toEpochSeconds(invoice.issuedDate),
    DueDate: toEpochSeconds(invoice.dueDate),
    BillingPeriod: { Month: month, Year: year },
    Entity: { InvoicingEntity: invoice.invoicingEntity, BillingEntity: invoice.billingEntity },
    InvoiceType: invoice.invoiceType,
    ...(invoice.originalInvoiceId && { OriginalInvoiceId: invoice.originalInvoiceId }),
    BillType: invoice.billType,
    ...(invoice.purchaseOrderNumber && { PurchaseOrderNumber: invoice.purchaseOrderNumber }),
    BaseCurrencyAmount: amount,
    PaymentCurrencyAmount: amount,
    TaxCurrencyAmount: amount,
  };
}

function findInvoice(account: FakeAccount, invoiceId: string, now: Date): FakeInvoice | undefined {
  const month = findInvoiceMonth(invoiceId);
  return month ? generateInvoices(account, month, now).find((i) => i.invoiceId === invoiceId) : undefined;
}

function denialMessage(account: FakeAccount, action: string): string {
  const because = `because no identity-based policy allows the ${action} action`;
  return `User: ${callerArn(account)} is not authorized to perform: ${action} ${because}`;
}

function validationError(message: string, field: string): AwsError {
  return new AwsError(400, 'ValidationException', message, { reason: 'other', fieldList: [{ name: field, message }] });
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function decodeToken(token: unknown): { o: number; q: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(String(token), 'base64url').toString());
    const { o, q } = asRecord(parsed);
    return Number.isInteger(o) && typeof q === 'string' ? { o: o as number, q } : undefined;
  } catch {
    return undefined;
  }
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(body.toString() || '{}'));
  } catch {
    throw new AwsError(400, 'SerializationException', 'Start of structure or map found where not expected.');
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AwsError(413, 'RequestEntityTooLarge', 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.0'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function toEpochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
