import { AssumeRoleCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import type { Credentials } from '../types';
import type { AwsClients } from './clients';

/** Temporary credentials and when they stop working (epoch milliseconds). */
export interface TemporaryCredentialsResult {
  credentials: Credentials;
  expiresAt: number;
}

/** The name CloudTrail shows for sessions this extension starts. */
const ROLE_SESSION_NAME = 'aws-invoice-downloader';

/** Assumes a role (with ExternalId and an MFA code when given) and returns its temporary credentials. */
export async function assumeRole(
  clients: AwsClients,
  role: { roleArn: string; externalId?: string; mfaSerial?: string; mfaCode?: string },
): Promise<TemporaryCredentialsResult> {
  const result = await clients.sts.send(
    new AssumeRoleCommand({
      RoleArn: role.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
      ...(role.mfaSerial && role.mfaCode ? { SerialNumber: role.mfaSerial, TokenCode: role.mfaCode } : {}),
      DurationSeconds: 3600,
    }),
  );
  return toTemporary(result.Credentials);
}

/** Trades long-term keys plus an MFA code for temporary credentials, for accounts whose policies demand MFA. */
export async function getSessionToken(
  clients: AwsClients,
  mfa: { mfaSerial: string; mfaCode: string },
): Promise<TemporaryCredentialsResult> {
  const result = await clients.sts.send(
    new GetSessionTokenCommand({ SerialNumber: mfa.mfaSerial, TokenCode: mfa.mfaCode, DurationSeconds: 43_200 }),
  );
  return toTemporary(result.Credentials);
}

function toTemporary(credentials: StsCredentials | undefined): TemporaryCredentialsResult {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('STS returned no credentials');
  return {
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    },
    expiresAt: credentials.Expiration?.getTime() ?? Date.now() + 3_600_000,
  };
}
