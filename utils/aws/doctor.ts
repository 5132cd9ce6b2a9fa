import { GetInvoicePDFCommand, ListInvoiceSummariesCommand } from '@aws-sdk/client-invoicing';
import { toBillingPeriod } from '../billing-month';
import type { CallerIdentity, UserError } from '../types';
import type { AwsClients } from './clients';
import { toUserError } from './errors';
import { whoAmI } from './identity';

export type PermissionStatus = 'allowed' | 'denied' | 'failed' | 'untested';

export interface PermissionCheck {
  action: 'sts:GetCallerIdentity' | 'invoicing:ListInvoiceSummaries' | 'invoicing:GetInvoicePDF';
  status: PermissionStatus;
  error?: UserError;
  /** Why a check could not run, e.g. no invoice in the month to try GetInvoicePDF on. */
  reason?: 'no-invoice' | 'earlier-failed';
}

export interface DoctorReport {
  identity?: CallerIdentity;
  month: string;
  checks: PermissionCheck[];
  /** The likeliest reason Invoicing refused, when it did. */
  likelyCause?: 'missing-action' | 'not-invoice-receiver';
}

/**
 * Calls each API the extension uses once, cheaply, and reports which are allowed: GetCallerIdentity (needs no
 * permission: it proves the keys), ListInvoiceSummaries for `month` (one result), GetInvoicePDF for one invoice.
 */
export async function checkPermissions(clients: AwsClients, month: string): Promise<DoctorReport> {
  const report: DoctorReport = { month, checks: [] };
  try {
    report.identity = await whoAmI(clients);
    report.checks.push({ action: 'sts:GetCallerIdentity', status: 'allowed' });
  } catch (error) {
    report.checks.push({ action: 'sts:GetCallerIdentity', status: 'failed', error: toUserError(error) });
    report.checks.push({ action: 'invoicing:ListInvoiceSummaries', status: 'untested', reason: 'earlier-failed' });
    report.checks.push({ action: 'invoicing:GetInvoicePDF', status: 'untested', reason: 'earlier-failed' });
    return report;
  }
  let invoiceId: string | undefined;
  try {
    const page = await clients.invoicing.send(
      new ListInvoiceSummariesCommand({
        Selector: { ResourceType: 'ACCOUNT_ID', Value: report.identity.accountId },
        Filter: { BillingPeriod: toBillingPeriod(month) },
        MaxResults: 1,
      }),
    );
    invoiceId = page.InvoiceSummaries?.[0]?.InvoiceId;
    report.checks.push({ action: 'invoicing:ListInvoiceSummaries', status: 'allowed' });
  } catch (error) {
    report.checks.push(toCheck('invoicing:ListInvoiceSummaries', error));
  }
  if (!invoiceId) {
    const listed = report.checks.at(-1)?.status === 'allowed';
    report.checks.push({ action: 'invoicing:GetInvoicePDF', status: 'untested', reason: listed ? 'no-invoice' : 'earlier-failed' });
  } else {
    try {
      await clients.invoicing.send(new GetInvoicePDFCommand({ InvoiceId: invoiceId }));
      report.checks.push({ action: 'invoicing:GetInvoicePDF', status: 'allowed' });
    } catch (error) {
      report.checks.push(toCheck('invoicing:GetInvoicePDF', error));
    }
  }
  const denied = report.checks.filter((check) => check.status === 'denied');
  if (denied.length > 0) {
    // AWS says "no identity-based policy allows" when the IAM policy lacks the action; other refusals of an
    // allowed action mostly come from accounts that do not receive invoices, such as Organizations members.
    const policyGap = denied.some((check) => /no identity-based policy|not authorized to perform/i.test(check.error?.detail ?? ''));
    report.likelyCause = policyGap ? 'missing-action' : 'not-invoice-receiver';
  }
  return report;
}

function toCheck(action: PermissionCheck['action'], error: unknown): PermissionCheck {
  const userError = toUserError(error, action);
  return { action, status: userError.code === 'access-denied' ? 'denied' : 'failed', error: userError };
}
