/**
 * What can go wrong talking to McLeod, sorted by what the caller should do about it.
 *
 * - `auth`: bad password, or a token McLeod no longer accepts and no remembered password
 *   to renew it. The rep must sign in.
 * - `forbidden`: a 401/403 whose text says the user lacks the role for that service.
 * - `unreachable`: DNS, refused connection, TLS failure: nothing reached the server.
 * - `timeout`: no answer in time. The request may or may not have been carried out.
 * - `dropped`: the connection closed after the request was sent. Same doubt as timeout.
 * - `proxy`: a 502/503/504, usually an HTML page from a reverse proxy or VPN gateway.
 * - `server`: a 5xx from McLeod itself, usually a short Java exception text.
 * - `format`: the body was XML, HTML or not the JSON we expected.
 * - `rejected`: a 4xx (other than auth) or a validation message: resending will not help.
 */
export type McLeodErrorKind =
  | 'auth'
  | 'forbidden'
  | 'unreachable'
  | 'timeout'
  | 'dropped'
  | 'proxy'
  | 'server'
  | 'format'
  | 'rejected';

export class McLeodError extends Error {
  override readonly name = 'McLeodError';

  constructor(
    readonly kind: McLeodErrorKind,
    /** A sentence the rep can act on. */
    message: string,
    readonly details: {
      status?: number;
      /** The server's own text, trimmed, when it sent one. */
      serverText?: string;
      method?: string;
      path?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  /** Worth trying again later without changing the request. */
  get transient(): boolean {
    return ['unreachable', 'timeout', 'dropped', 'proxy', 'server'].includes(this.kind);
  }

  /** The request may have been carried out even though no answer arrived. */
  get maybeCommitted(): boolean {
    return ['timeout', 'dropped', 'proxy', 'server'].includes(this.kind);
  }

  /** The server did not answer at all, so the app should show itself offline. */
  get offline(): boolean {
    return ['unreachable', 'timeout', 'dropped'].includes(this.kind);
  }
}

export function isMcLeodError(error: unknown): error is McLeodError {
  return error instanceof McLeodError;
}
