/** An error the fake answers the way AWS would: the server renders it as JSON (Invoicing) or XML (STS). */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
