import {
  GetInvoicePDFCommand,
  InvoicingClient,
  ListInvoiceSummariesCommand,
  paginateListInvoiceSummaries,
  type InvoicingClientConfig,
} from '@aws-sdk/client-invoicing';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type Credentials,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocumentBytes, generateInvoices } from './data';
import { DEMO_ACCOUNT, NO_PDF_ACCOUNT, startFakeAws, type FakeAccount, type FakeAws } from './server';

const BIG_MONTH: FakeAccount = {
  accessKeyId: 'AKIABIGMONTHEXAMPLE1',
  secretAccessKey: 'bigMonthSecretbigMonthSecretbigMonthSecr',
  accountId: '111122223333',
  invoicesPerMonth: { '2025-03': 37 },
};

let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({ accounts: [DEMO_ACCOUNT, NO_PDF_ACCOUNT, BIG_MONTH] });
});
afterAll(() => fake.close());

function keysOf(account: FakeAccount) {
  const { accessKeyId, secretAccessKey, sessionToken } = account;
  return { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) };
}

function createInvoicing(account: FakeAccount, extra: Partial<InvoicingClientConfig> = {}, origin = fake.origin) {
  return new InvoicingClient({ region: 'us-east-1', endpoint: origin, credentials: keysOf(account), ...extra });
}

function createSts(account: FakeAccount, origin = fake.origin) {
  return new STSClient({ region: 'us-east-1', endpoint: origin, credentials: keysOf(account) });
}

/** Temporary credentials from STS as keys the other helpers take. */
function asAccount(credentials: Credentials | undefined, accountId: string): FakeAccount {
  const { AccessKeyId = '', SecretAccessKey = '', SessionToken = '' } = credentials ?? {};
  return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, accountId };
}

function listMonth(client: InvoicingClient, accountId: string, month: string) {
  const [year, mon] = month.split('-').map(Number);
  return client.send(
    new ListInvoiceSummariesCommand({
      Selector: { ResourceType: 'ACCOUNT_ID', Value: accountId },
      Filter: { BillingPeriod: { Year: year, Month: mon } },
    }),
  );
}

/** `YYYY-MM` of the month `offset` months from now (UTC). */
function monthFromNow(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

describe('STS GetCallerIdentity', () => {
  it('returns the account, ARN and user ID of the keys', async () => {
    const identity = await createSts(DEMO_ACCOUNT).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/demo');
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});

describe('STS AssumeRole and GetSessionToken', () => {
  const demoRole = DEMO_ACCOUNT.roles![0]!;
  const demoMfa = DEMO_ACCOUNT.mfa!;
  const assumeDemoRole = (input: Partial<AssumeRoleCommandInput> = {}, caller = DEMO_ACCOUNT) =>
    createSts(caller).send(
      new AssumeRoleCommand({
        RoleArn: demoRole.roleArn,
        RoleSessionName: 'invoice-test',
        ExternalId: 'demo-external-id',
        SerialNumber: demoMfa.serialNumber,
        TokenCode: '123456',
        ...input,
      }),
    );
  const denied = (caller: string) =>
    `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/InvoiceReader`;

  it("assumes a role with ExternalId and MFA, and its credentials list the target account's invoices", async () => {
    const started = Date.now();
    const { Credentials: credentials, AssumedRoleUser: user } = await assumeDemoRole({ DurationSeconds: 900 });
    expect(credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials?.SecretAccessKey).toHaveLength(40);
    expect(credentials?.SessionToken?.length).toBeGreaterThan(300);
    const lifetime = (credentials?.Expiration?.getTime() ?? 0) - started;
    expect(lifetime).toBeGreaterThan(895_000);
    expect(lifetime).toBeLessThanOrEqual(901_000);
    expect(user?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/InvoiceReader/invoice-test');
    expect(user?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:invoice-test$/);

    const role = asAccount(credentials, '444455556666');
    const identity = await createSts(role).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '444455556666', Arn: user?.Arn, UserId: user?.AssumedRoleId });
    const client = createInvoicing(role);
    const { InvoiceSummaries: summaries = [] } = await listMonth(client, '444455556666', '2025-03');
    expect(summaries.map((s) => s.InvoiceId)).toEqual(generateInvoices(demoRole.target, '2025-03').map((i) => i.invoiceId));
    expect(summaries).toHaveLength(3);
    await expect(listMonth(client, DEMO_ACCOUNT.accountId, '2025-03')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('User: arn:aws:sts::444455556666:assumed-role/InvoiceReader/invoice-test is not authorized'),
    });

    const assumeCalls = fake.requests.filter((request) => request.target === 'AssumeRole');
    expect(assumeCalls).toEqual([expect.objectContaining({ accessKeyId: DEMO_ACCOUNT.accessKeyId, status: 200 })]);
    const recorded = JSON.stringify(assumeCalls.map(({ time: _time, ...request }) => request));
    for (const secret of ['123456', 'demo-external-id', credentials?.SecretAccessKey, credentials?.SessionToken]) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('denies a wrong or missing ExternalId, an unknown role and a caller the role does not trust', async () => {
    const demoDenied = { name: 'AccessDenied', message: denied('arn:aws:iam::123456789012:user/demo'), $metadata: { httpStatusCode: 403 } };
    await expect(assumeDemoRole({ ExternalId: 'wrong-external-id' })).rejects.toMatchObject(demoDenied);
    await expect(assumeDemoRole({ ExternalId: undefined })).rejects.toMatchObject(demoDenied);
    await expect(assumeDemoRole({ RoleArn: 'arn:aws:iam::444455556666:role/Other' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('on resource: arn:aws:iam::444455556666:role/Other'),
    });
    const untrusted = assumeDemoRole({ SerialNumber: undefined, TokenCode: undefined }, NO_PDF_ACCOUNT);
    await expect(untrusted).rejects.toMatchObject({ name: 'AccessDenied', message: denied('arn:aws:iam::210987654321:user/no-pdf') });
  });

  it('denies a role that requires MFA without a code, and a wrong code with the MFA message', async () => {
    await expect(assumeDemoRole({ SerialNumber: undefined, TokenCode: undefined })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: denied('arn:aws:iam::123456789012:user/demo'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assumeDemoRole({ TokenCode: '654321' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers ValidationError for a malformed RoleArn or a TokenCode that is not 6 digits', async () => {
    await expect(assumeDemoRole({ RoleArn: 'arn:aws:iam::4444:role/InvoiceReader' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Request ARN is invalid',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(assumeDemoRole({ TokenCode: '12345' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(assumeDemoRole({ TokenCode: '12a456' })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('expires role credentials after the role duration: ExpiredTokenException, and ExpiredToken from STS', async () => {
    let clock = Date.now();
    const shortRole = { ...demoRole, durationSeconds: 60 };
    const caller: FakeAccount = { ...DEMO_ACCOUNT, roles: [shortRole] };
    const timed = await startFakeAws({ accounts: [caller], now: () => new Date(clock) });
    try {
      const { Credentials: credentials } = await createSts(caller, timed.origin).send(
        new AssumeRoleCommand({
          RoleArn: shortRole.roleArn,
          RoleSessionName: 'short',
          ExternalId: 'demo-external-id',
          SerialNumber: demoMfa.serialNumber,
          TokenCode: demoMfa.code,
        }),
      );
      expect(credentials?.Expiration?.getTime()).toBe(Math.floor(clock / 1000) * 1000 + 60_000);
      const role = asAccount(credentials, '444455556666');
      const client = createInvoicing(role, {}, timed.origin);
      expect((await listMonth(client, role.accountId, '2025-03')).InvoiceSummaries).toHaveLength(3);

      clock += 61_000;
      await expect(listMonth(client, role.accountId, '2025-03')).rejects.toMatchObject({
        name: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
        $metadata: { httpStatusCode: 403 },
      });
      await expect(createSts(role, timed.origin).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'ExpiredToken',
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      await timed.close();
    }
  });

  it('GetSessionToken with MFA gives credentials that act as the same user, and satisfy MFA-only roles', async () => {
    const sts = createSts(DEMO_ACCOUNT);
    await expect(sts.send(new GetSessionTokenCommand({ SerialNumber: demoMfa.serialNumber, TokenCode: '000000' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
    const started = Date.now();
    const { Credentials: credentials } = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: demoMfa.serialNumber, TokenCode: demoMfa.code }),
    );
    expect(credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect((credentials?.Expiration?.getTime() ?? 0) - started).toBeGreaterThan(43_195_000);
    const session = asAccount(credentials, DEMO_ACCOUNT.accountId);

    const identity = await createSts(session).send(new GetCallerIdentityCommand({}));
    const userIdentity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Arn: 'arn:aws:iam::123456789012:user/demo', UserId: userIdentity.UserId });
    const { InvoiceSummaries: summaries = [] } = await listMonth(createInvoicing(session), DEMO_ACCOUNT.accountId, '2025-03');
    expect(summaries.map((s) => s.InvoiceId)).toEqual(generateInvoices(DEMO_ACCOUNT, '2025-03').map((i) => i.invoiceId));

    const chained = await assumeDemoRole({ SerialNumber: undefined, TokenCode: undefined }, session);
    expect(chained.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/InvoiceReader/invoice-test');
    await expect(createSts(session).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });

  it("GetSessionToken credentials keep the user's deny list", async () => {
    const mfaNoPdf: FakeAccount = {
      ...NO_PDF_ACCOUNT,
      accessKeyId: 'AKIAMFANOPDFEXAMPLE1',
      mfa: { serialNumber: 'arn:aws:iam::210987654321:mfa/no-pdf', code: '246810' },
    };
    fake.addAccount(mfaNoPdf);
    const { Credentials: credentials } = await createSts(mfaNoPdf).send(
      new GetSessionTokenCommand({ SerialNumber: mfaNoPdf.mfa?.serialNumber, TokenCode: '246810', DurationSeconds: 900 }),
    );
    const client = createInvoicing(asAccount(credentials, mfaNoPdf.accountId));
    const [first] = (await listMonth(client, mfaNoPdf.accountId, '2025-03')).InvoiceSummaries ?? [];
    expect(first?.InvoiceId).toBe(generateInvoices(NO_PDF_ACCOUNT, '2025-03')[0]?.invoiceId);
    await expect(client.send(new GetInvoicePDFCommand({ InvoiceId: first?.InvoiceId }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('User: arn:aws:iam::210987654321:user/no-pdf is not authorized to perform: invoicing:GetInvoicePDF'),
    });
  });
});

describe('ListInvoiceSummaries', () => {
  it('pages a 37-invoice month in tens and returns every invoice once', async () => {
    const pages = paginateListInvoiceSummaries(
      { client: createInvoicing(BIG_MONTH), pageSize: 10 },
      { Selector: { ResourceType: 'ACCOUNT_ID', Value: BIG_MONTH.accountId }, Filter: { BillingPeriod: { Year: 2025, Month: 3 } } },
    );
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of pages) {
      sizes.push(page.InvoiceSummaries?.length ?? 0);
      ids.push(...(page.InvoiceSummaries ?? []).map((s) => s.InvoiceId ?? ''));
    }
    expect(sizes).toEqual([10, 10, 10, 7]);
    expect(new Set(ids).size).toBe(37);
    expect(ids).toEqual(generateInvoices(BIG_MONTH, '2025-03').map((i) => i.invoiceId));
  });

  it('sends the full summary shape with amounts as decimal strings', async () => {
    const { InvoiceSummaries: summaries = [] } = await listMonth(createInvoicing(DEMO_ACCOUNT), DEMO_ACCOUNT.accountId, '2025-03');
    expect(summaries.map((s) => s.InvoiceType)).toEqual(['INVOICE', 'INVOICE', 'INVOICE', 'INVOICE', 'CREDIT_MEMO']);
    const [first, , korean, marketplace, credit] = summaries;
    expect(first).toMatchObject({
      AccountId: '123456789012',
      IssuedDate: new Date('2025-04-02T08:00:00Z'),
      BillingPeriod: { Month: 3, Year: 2025 },
      Entity: { InvoicingEntity: 'Amazon Web Services, Inc.', BillingEntity: 'AWS' },
      BillType: 'ANNIVERSARY',
      BaseCurrencyAmount: { CurrencyCode: 'USD', TotalAmount: expect.stringMatching(/^\d+\.\d{2}$/) },
    });
    expect(korean?.Entity?.InvoicingEntity).toBe('Amazon Web Services Korea LLC');
    expect(korean?.BaseCurrencyAmount).toMatchObject({ CurrencyCode: 'KRW', TotalAmount: expect.stringMatching(/^\d+$/) });
    expect(marketplace?.Entity?.BillingEntity).toBe('AWS_MARKETPLACE');
    expect(credit?.OriginalInvoiceId).toBe(first?.InvoiceId);
    expect(credit?.BaseCurrencyAmount?.TotalAmount).toMatch(/^-\d+\.\d{2}$/);
  });

  it('returns nothing for the current and the next month, which are not invoiced yet', async () => {
    const client = createInvoicing(DEMO_ACCOUNT);
    const lists = await Promise.all([-2, 0, 1].map((offset) => listMonth(client, DEMO_ACCOUNT.accountId, monthFromNow(offset))));
    expect(lists.map((list) => list.InvoiceSummaries?.length)).toEqual([5, 0, 0]);
  });

  it('selects by issued date with a TimeInterval of one month and rejects two months', async () => {
    const client = createInvoicing(DEMO_ACCOUNT);
    const interval = (start: string, end: string) =>
      new ListInvoiceSummariesCommand({
        Selector: { ResourceType: 'ACCOUNT_ID', Value: DEMO_ACCOUNT.accountId },
        Filter: { TimeInterval: { StartDate: new Date(start), EndDate: new Date(end) } },
      });
    const april = await client.send(interval('2025-04-01T00:00:00Z', '2025-05-01T00:00:00Z'));
    expect(april.InvoiceSummaries?.map((s) => s.BillingPeriod?.Month)).toEqual([3, 3, 3, 3, 3]);
    await expect(client.send(interval('2025-04-01T00:00:00Z', '2025-06-01T00:00:00Z'))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'TimePeriod cannot last more than a month',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("refuses another account's ID and a request without a period", async () => {
    const client = createInvoicing(DEMO_ACCOUNT);
    await expect(listMonth(client, '999988887777', '2025-03')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const noFilter = new ListInvoiceSummariesCommand({ Selector: { ResourceType: 'ACCOUNT_ID', Value: DEMO_ACCOUNT.accountId } });
    await expect(client.send(noFilter)).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('GetInvoicePDF and document URLs', () => {
  it('gives URLs whose bytes are the generated PDFs, supplemental documents included', async () => {
    const invoice = generateInvoices(DEMO_ACCOUNT, '2025-03')[2]!;
    expect(invoice.supplementalDocuments).toHaveLength(1);
    const { InvoicePDF: pdf } = await createInvoicing(DEMO_ACCOUNT).send(new GetInvoicePDFCommand({ InvoiceId: invoice.invoiceId }));
    expect(pdf?.InvoiceId).toBe(invoice.invoiceId);
    const expiresIn = (pdf?.DocumentUrlExpirationDate?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(590_000);
    expect(expiresIn).toBeLessThanOrEqual(600_000);

    const response = await fetch(pdf?.DocumentUrl ?? '');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes).toEqual(generateDocumentBytes(DEMO_ACCOUNT.accountId, invoice.invoiceId));
    expect(Buffer.from(bytes).toString('latin1')).toContain(`Invoice ID: ${invoice.invoiceId}`);

    const [supplement] = pdf?.SupplementalDocuments ?? [];
    expect(supplement).toMatchObject({ DocumentType: 'TAX_E_INVOICE', DocumentId: invoice.supplementalDocuments[0]?.documentId });
    const supplementBytes = new Uint8Array(await (await fetch(supplement?.DocumentUrl ?? '')).arrayBuffer());
    expect(supplementBytes).toEqual(generateDocumentBytes(DEMO_ACCOUNT.accountId, invoice.invoiceId, supplement?.DocumentId));
    expect(supplementBytes).not.toEqual(bytes);
  });

  it('answers 403 once a URL has expired or when its signature is altered', async () => {
    let clock = Date.now();
    const timed = await startFakeAws({ accounts: [DEMO_ACCOUNT], now: () => new Date(clock) });
    try {
      const invoiceId = generateInvoices(DEMO_ACCOUNT, '2025-03')[0]!.invoiceId;
      const client = createInvoicing(DEMO_ACCOUNT, {}, timed.origin);
      const url = (await client.send(new GetInvoicePDFCommand({ InvoiceId: invoiceId }))).InvoicePDF?.DocumentUrl ?? '';
      expect((await fetch(url)).status).toBe(200);

      const tampered = await fetch(url.replace(/X-Amz-Signature=./, 'X-Amz-Signature=x'));
      expect(tampered.status).toBe(403);
      expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

      clock += 601_000;
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
    } finally {
      await timed.close();
    }
  });

  it('follows a server clock far from real time, as the SDK corrects its skew', async () => {
    const skewed = await startFakeAws({ accounts: [DEMO_ACCOUNT], now: () => new Date(Date.now() - 3_600_000) });
    try {
      const list = await listMonth(createInvoicing(DEMO_ACCOUNT, {}, skewed.origin), DEMO_ACCOUNT.accountId, '2025-03');
      expect(list.InvoiceSummaries).toHaveLength(5);
      expect(skewed.requests.map((r) => r.status)).toEqual([403, 200]);
    } finally {
      await skewed.close();
    }
  });

  it('answers ResourceNotFoundException for an invoice of another account', async () => {
    const foreign = generateInvoices(BIG_MONTH, '2025-03')[0]!.invoiceId;
    await expect(createInvoicing(DEMO_ACCOUNT).send(new GetInvoicePDFCommand({ InvoiceId: foreign }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('denies GetInvoicePDF with the action in AWS wording while listing still works', async () => {
    const client = createInvoicing(NO_PDF_ACCOUNT);
    const [first] = (await listMonth(client, NO_PDF_ACCOUNT.accountId, '2025-03')).InvoiceSummaries ?? [];
    await expect(client.send(new GetInvoicePDFCommand({ InvoiceId: first?.InvoiceId }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::210987654321:user/no-pdf is not authorized to perform: invoicing:GetInvoicePDF because no identity-based policy allows the invoicing:GetInvoicePDF action',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('fails GetInvoicePDF with InternalServerException at failureRate 1', async () => {
    const flaky: FakeAccount = { ...DEMO_ACCOUNT, accessKeyId: 'AKIAFLAKYEXAMPLE0001', failureRate: 1 };
    fake.addAccount(flaky);
    const invoiceId = generateInvoices(flaky, '2025-03')[0]!.invoiceId;
    await expect(createInvoicing(flaky, { maxAttempts: 1 }).send(new GetInvoicePDFCommand({ InvoiceId: invoiceId }))).rejects.toMatchObject({
      name: 'InternalServerException',
      $metadata: { httpStatusCode: 500 },
    });
  });
});

describe('authentication errors', () => {
  const unknown: FakeAccount = { ...DEMO_ACCOUNT, accessKeyId: 'AKIAUNKNOWNEXAMPLE00' };
  const wrongSecret: FakeAccount = { ...DEMO_ACCOUNT, secretAccessKey: 'wrongSecretwrongSecretwrongSecretwrongSec' };

  it('rejects an unknown key in both protocols', async () => {
    await expect(listMonth(createInvoicing(unknown), DEMO_ACCOUNT.accountId, '2025-03')).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(createSts(unknown).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('rejects a wrong secret in both protocols', async () => {
    await expect(listMonth(createInvoicing(wrongSecret), DEMO_ACCOUNT.accountId, '2025-03')).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('Check your AWS Secret Access Key'),
    });
    await expect(createSts(wrongSecret).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('checks session tokens and reports expired ones', async () => {
    const temporary: FakeAccount = { ...DEMO_ACCOUNT, accessKeyId: 'ASIATEMPORARYEXAMPLE', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' };
    fake.addAccount(temporary);
    const identity = await createSts(temporary).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/fake-session');
    await expect(createSts({ ...temporary, sessionToken: 'other' }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    fake.addAccount({ ...temporary, tokenExpired: true });
    await expect(listMonth(createInvoicing(temporary), DEMO_ACCOUNT.accountId, '2025-03')).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });
});

describe('throttling', () => {
  it('lets adaptive retries get through a tight bucket and fails without retries', async () => {
    const tight: FakeAccount = { ...DEMO_ACCOUNT, accessKeyId: 'AKIATHROTTLEDEXAMPLE', throttle: { ratePerSecond: 5, burst: 1 } };
    fake.addAccount(tight);
    const client = createInvoicing(tight, { retryMode: 'adaptive', maxAttempts: 10 });
    for (let i = 0; i < 6; i++) {
      expect((await listMonth(client, tight.accountId, '2025-03')).InvoiceSummaries).toHaveLength(5);
    }
    const statuses = fake.requests.filter((r) => r.accessKeyId === tight.accessKeyId).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses).toContain(429);

    fake.addAccount(tight); // refills the bucket to its burst of one
    const impatient = createInvoicing(tight, { maxAttempts: 1 });
    await listMonth(impatient, tight.accountId, '2025-03');
    await expect(listMonth(impatient, tight.accountId, '2025-03')).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 429 },
    });
  });
});

describe('control API', () => {
  it('adds an account over HTTP and records requests without secrets', async () => {
    const added: FakeAccount = {
      accessKeyId: 'ASIACONTROLEXAMPLE01',
      secretAccessKey: 'controlSecretcontrolSecretcontrolSecret0',
      sessionToken: 'controlSessionToken',
      accountId: '444455556666',
      userName: 'tester',
    };
    expect((await fetch(`${fake.origin}/__fake/requests`, { method: 'DELETE' })).status).toBe(204);
    const post = await fetch(`${fake.origin}/__fake/accounts`, { method: 'POST', body: JSON.stringify(added) });
    expect(post.status).toBe(204);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();

    expect((await createSts(added).send(new GetCallerIdentityCommand({}))).Account).toBe('444455556666');
    const text = await (await fetch(`${fake.origin}/__fake/requests`)).text();
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({ method: 'POST', path: '/', target: 'GetCallerIdentity', accessKeyId: added.accessKeyId, status: 200 }),
    ]);
    expect(text).not.toContain(added.secretAccessKey);
    expect(text).not.toContain(added.sessionToken);

    await fetch(`${fake.origin}/__fake/requests`, { method: 'DELETE' });
    expect(await (await fetch(`${fake.origin}/__fake/requests`)).json()).toEqual([]);
  });
});
