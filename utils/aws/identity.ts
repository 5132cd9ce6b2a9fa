import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { CallerIdentity } from '../types';
import type { AwsClients } from './clients';

/** Asks STS who the credentials belong to; needs no IAM permission, so it is the cheapest check of a key pair. */
export async function whoAmI(clients: AwsClients): Promise<CallerIdentity> {
  const result = await clients.sts.send(new GetCallerIdentityCommand({}));
  return { accountId: result.Account ?? '', arn: result.Arn ?? '', userId: result.UserId ?? '' };
}
