/** The IAM policy that lets the extension do everything it does. */
export const MINIMAL_IAM_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['invoicing:ListInvoiceSummaries', 'invoicing:GetInvoicePDF'],
        Resource: '*',
      },
    ],
  },
  null,
  2,
);
