/**
 * The fake's STS actions (awsQuery): GetCallerIdentity, AssumeRole and GetSessionToken, with AWS's checks and wording
 * for role trust, external IDs, MFA codes and durations. Issued credentials are FakeAccounts with a session token that
 * the server registers like any other keys, until their `tokenExpiresAt`.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from './aws-error';
import type { FakeAccount } from './data';
import { sha256Hex } from './sigv4';

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** One STS call as the server hands it over, after the signature has been checked. */
export interface StsCall {
  caller: FakeAccount;
  params: URLSearchParams;
  now: Date;
  requestId: string;
  /** Makes issued credentials usable on the server. */
  register(account: FakeAccount): void;
}

type IssuedIdentity = Omit<FakeAccount, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DEFAULT_ROLE_SECONDS = 3_600;
const DEFAULT_SESSION_TOKEN_SECONDS = 43_200;

/** The XML body of one STS action, or the AwsError AWS would answer instead. */
export function answerSts(action: string, call: StsCall): string {
  if (action === 'GetCallerIdentity') return getCallerIdentity(call);
  if (action === 'AssumeRole') return assumeRole(call);
  if (action === 'GetSessionToken') return getSessionToken(call);
  throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
}

/** Account and role name of an IAM role ARN (the name without its path, as assumed-role ARNs show it). */
export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(roleArn);
  return match ? { accountId: match[1] ?? '', roleName: match[2] ?? '' } : undefined;
}

/** The ARN that GetCallerIdentity and AWS's AccessDenied messages show for these keys. */
export function callerArn(account: FakeAccount): string {
  const name = account.userName ?? 'fake-user';
  return isRoleSession(account)
    ? `arn:aws:sts::${account.accountId}:assumed-role/${name}/${account.sessionName ?? 'fake-session'}`
    : `arn:aws:iam::${account.accountId}:user/${name}`;
}

/** XML-escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function getCallerIdentity({ caller, requestId }: StsCall): string {
  return respond('GetCallerIdentity', requestId, [
    `<Arn>${escapeXml(callerArn(caller))}</Arn>`,
    `<UserId>${escapeXml(callerUserId(caller))}</UserId>`,
    `<Account>${escapeXml(caller.accountId)}</Account>`,
  ]);
}

function assumeRole({ caller, params, now, requestId, register }: StsCall): string {
  const roleArn = requireParam(params, 'RoleArn', 'roleArn');
  if (roleArn.length < 20) throw constraintError('roleArn', roleArn, 'Member must have length greater than or equal to 20');
  const sessionName = requireParam(params, 'RoleSessionName', 'roleSessionName');
  checkSessionName(sessionName);
  const requested = readDuration(params, 43_200);
  const withMfa = checkMfa(caller, params) || caller.mfaAuthenticated === true;
  const parsed = parseRoleArn(roleArn);
  if (!parsed) throw new AwsError(400, 'ValidationError', 'Request ARN is invalid');

  // Unknown role, untrusted caller, wrong ExternalId and missing MFA look alike to the caller, as on AWS.
  const role = caller.roles?.find((candidate) => candidate.roleArn === roleArn);
  const externalId = params.get('ExternalId') ?? undefined;
  if (!role || (role.externalId !== undefined && role.externalId !== externalId) || (role.requireMfa && !withMfa)) {
    const message = `User: ${callerArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    throw new AwsError(403, 'AccessDenied', message);
  }
  if (requested !== undefined && requested > (role.maxSessionDuration ?? DEFAULT_ROLE_SECONDS)) {
    throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const seconds = role.durationSeconds ?? requested ?? DEFAULT_ROLE_SECONDS;
  const issued = issueCredentials(
    { ...role.target, userName: parsed.roleName, sessionName, sessionOf: 'role', mfaAuthenticated: withMfa },
    seconds,
    now,
  );
  register(issued);
  return respond('AssumeRole', requestId, [
    credentialsXml(issued),
    '<AssumedRoleUser>',
    `  <AssumedRoleId>${escapeXml(callerUserId(issued))}</AssumedRoleId>`,
    `  <Arn>${escapeXml(callerArn(issued))}</Arn>`,
    '</AssumedRoleUser>',
  ]);
}

function getSessionToken({ caller, params, now, requestId, register }: StsCall): string {
  if (caller.sessionToken) throw new AwsError(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
  const requested = readDuration(params, 129_600);
  const withMfa = checkMfa(caller, params);
  // The session acts as the user: same account, invoices, deny list, roles and MFA device.
  const { accessKeyId, secretAccessKey, sessionToken, ...user } = caller;
  const issued = issueCredentials(
    { ...user, sessionOf: 'user', mfaAuthenticated: withMfa },
    requested ?? DEFAULT_SESSION_TOKEN_SECONDS,
    now,
  );
  register(issued);
  return respond('GetSessionToken', requestId, [credentialsXml(issued)]);
}

/** Validates SerialNumber and TokenCode when given: true when they prove MFA, false when there is no code. */
function checkMfa(caller: FakeAccount, params: URLSearchParams): boolean {
  const serialNumber = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if (code !== null) {
    if (!/^\d*$/.test(code)) throw constraintError('tokenCode', code, 'Member must satisfy regular expression pattern: [\\d]*');
    if (code.length !== 6) {
      const bound = code.length < 6 ? 'greater than or equal to 6' : 'less than or equal to 6';
      throw constraintError('tokenCode', code, `Member must have length ${bound}`);
    }
  }
  if (serialNumber !== null && (serialNumber.length < 9 || serialNumber.length > 256)) {
    const bound = serialNumber.length < 9 ? 'greater than or equal to 9' : 'less than or equal to 256';
    throw constraintError('serialNumber', serialNumber, `Member must have length ${bound}`);
  }
  if (code === null) return false;
  if (!caller.mfa || serialNumber !== caller.mfa.serialNumber) {
    const message =
      'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.';
    throw new AwsError(403, 'AccessDenied', message);
  }
  if (code !== caller.mfa.code) {
    throw new AwsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
  }
  return true;
}

function checkSessionName(name: string): void {
  if (name.length < 2) throw constraintError('roleSessionName', name, 'Member must have length greater than or equal to 2');
  if (name.length > 64) throw constraintError('roleSessionName', name, 'Member must have length less than or equal to 64');
  if (!/^[\w+=,.@-]*$/.test(name)) {
    throw constraintError('roleSessionName', name, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  }
}

/** DurationSeconds when given, after AWS's range check (at least 900 seconds, at most `max`). */
function readDuration(params: URLSearchParams, max: number): number | undefined {
  const text = params.get('DurationSeconds');
  if (text === null) return undefined;
  const seconds = Number(text);
  if (!Number.isInteger(seconds)) throw constraintError('durationSeconds', text, 'Member must be an integer');
  if (seconds < 900) throw constraintError('durationSeconds', text, 'Member must have value greater than or equal to 900');
  if (seconds > max) throw constraintError('durationSeconds', text, `Member must have value less than or equal to ${max}`);
  return seconds;
}

function requireParam(params: URLSearchParams, name: string, field: string): string {
  const value = params.get(name);
  if (value === null) throw constraintError(field, null, 'Member must not be null');
  return value;
}

function constraintError(field: string, value: string | null, constraint: string): AwsError {
  const shown = value === null ? 'null' : `'${value}'`;
  return new AwsError(400, 'ValidationError', `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}

/** New random temporary keys, shaped like AWS's, for `identity`. */
function issueCredentials(identity: IssuedIdentity, seconds: number, now: Date): FakeAccount {
  const { tokenExpired: _ignored, ...rest } = identity;
  const keyChars = [...randomBytes(16)].map((byte) => BASE32[byte & 31]).join('');
  return {
    ...rest,
    accessKeyId: `ASIA${keyChars}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    // Real tokens are opaque base64 of several hundred characters; the SDK must pass them through untouched.
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(360).toString('base64')}`,
    tokenExpiresAt: now.getTime() + seconds * 1000,
  };
}

function credentialsXml(account: FakeAccount): string {
  const expiration = new Date(account.tokenExpiresAt ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    '<Credentials>',
    `  <AccessKeyId>${account.accessKeyId}</AccessKeyId>`,
    `  <SecretAccessKey>${escapeXml(account.secretAccessKey)}</SecretAccessKey>`,
    `  <SessionToken>${escapeXml(account.sessionToken ?? '')}</SessionToken>`,
    `  <Expiration>${expiration}</Expiration>`,
    '</Credentials>',
  ].join('\n');
}

function respond(action: string, requestId: string, resultLines: string[]): string {
  const result = resultLines.join('\n').replace(/^/gm, '    ');
  return `<${action}Response xmlns="${STS_NS}">
  <${action}Result>
${result}
  </${action}Result>
  <ResponseMetadata>
    <RequestId>${requestId}</RequestId>
  </ResponseMetadata>
</${action}Response>
`;
}

function isRoleSession(account: FakeAccount): boolean {
  return Boolean(account.sessionToken) && account.sessionOf !== 'user';
}

/** AIDA… for users, AROA…:session for role sessions; derived from the user or role so it stays stable across keys. */
function callerUserId(account: FakeAccount): string {
  const role = isRoleSession(account);
  const seed = `${role ? 'role' : 'user'}/${account.accountId}/${account.userName ?? 'fake-user'}`;
  const unique = sha256Hex(seed).toUpperCase().replace(/[^A-Z2-7]/g, '').padEnd(17, 'Q').slice(0, 17);
  return role ? `AROA${unique}:${account.sessionName ?? 'fake-session'}` : `AIDA${unique}`;
}
