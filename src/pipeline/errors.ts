/**
 * The two kinds of failure (STYLE.md): expected ones are recorded and not retried; retryable ones
 * carry their retry-after. Anything else is a bug and is rethrown.
 */
export class ExpectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedError';
  }
}

export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}
