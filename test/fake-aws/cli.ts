/**
 * `tsx test/fake-aws/cli.ts [--port N] [--host H]`: the fake AWS for demos and manual testing, until Ctrl+C.
 */
import { DEMO_ACCOUNT, NO_PDF_ACCOUNT, startFakeAws } from './server';

function readFlag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function runCli(): Promise<void> {
  const port = Number(readFlag('port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${readFlag('port')}`);
  const fake = await startFakeAws({ port, host: readFlag('host'), accounts: [DEMO_ACCOUNT, NO_PDF_ACCOUNT] });
  console.log(`Fake AWS listening on ${fake.origin}`);
  for (const account of [DEMO_ACCOUNT, NO_PDF_ACCOUNT]) {
    const note = account.deny?.length ? `denied: ${account.deny.join(', ')}` : 'full access';
    console.log(`  ${account.accountId}  ${account.accessKeyId}  ${account.secretAccessKey}  (${note})`);
  }
  const { mfa, roles = [] } = DEMO_ACCOUNT;
  if (mfa) console.log(`  MFA device of ${DEMO_ACCOUNT.accessKeyId}: ${mfa.serialNumber}, code ${mfa.code}`);
  for (const role of roles) {
    const needs = [role.externalId && `external ID ${role.externalId}`, role.requireMfa && 'MFA'].filter(Boolean).join(', ');
    console.log(`  Role it may assume: ${role.roleArn}${needs ? ` (needs ${needs})` : ''}`);
  }
  console.log('Requests: GET /__fake/requests. Stop with Ctrl+C.');
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

runCli().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
