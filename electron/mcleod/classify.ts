/**
 * Turns what came back from an HTTP exchange with McLeod (or the failure to get anything) into
 * a McLeodError whose kind tells the caller what to do and whose message tells the rep why.
 *
 * Pure functions: the client calls them, the tests feed them directly as well as over HTTP.
 */
import { McLeodError, type McLeodErrorKind } from './errors';

export type BodyKind = 'empty' | 'json' | 'xml' | 'html' | 'text';

export interface Exchange {
  method: string;
  /** The path under /ws, without the query string. */
  path: string;
  /** The server address as normalized, for messages. */
  serverUrl: string;
  /** Strings that must never appear in a message: the token and password in play. */
  secrets: string[];
}

export interface ServerReply {
  status: number;
  body: string;
  contentType: string;
}

/** Longest server text quoted in a message; longer bodies are cut, not dropped. */
const quoteLimit = 300;

/** What a reply body is, judged from its first characters and its content type. */
export function bodyKind(body: string, contentType = ''): BodyKind {
  const start = body.trimStart().slice(0, 512).toLowerCase();
  const type = contentType.toLowerCase();

  if (start === '') return 'empty';

  if (type.includes('html') || start.startsWith('<!doctype html') || /<html[\s>]/.test(start)) {
    return 'html';
  }

  if (type.includes('xml') || start.startsWith('<')) return 'xml';

  if (start.startsWith('{') || start.startsWith('[')) return 'json';

  return 'text';
}

/** True when a 401/403 text says the user lacks a role rather than a valid session. */
export function mentionsMissingRole(text: string): boolean {
  return /\b(role|roles|permission|permissions|privilege|not authori[sz]ed to|access to)\b/i.test(
    text,
  );
}

// A credential after its scheme word. Tokens must be long and hold a digit, so that a server
// text such as "Token expired" stays readable (log.ts's broader scrubber would blank it).
const credentialPatterns = [
  /\b(Basic)\s+[A-Za-z0-9+/=]{4,}/g,
  /\b(Bearer|Token)\s+(?=[A-Za-z0-9+/=._~-]*\d)[A-Za-z0-9+/=._~-]{12,}/g,
];

/** Removes the token, password and anything credential-shaped from text meant for people. */
export function redact(text: string, secrets: string[]): string {
  let clean = text;

  for (const secret of secrets) {
    if (secret.length > 0) clean = clean.split(secret).join('[redacted]');
  }

  return credentialPatterns.reduce((out, pattern) => out.replace(pattern, '$1 [redacted]'), clean);
}

/** The server's text, trimmed, redacted and cut short enough to quote. */
export function serverSaid(body: string, secrets: string[]): string {
  const text = redact(body.trim().replace(/\s+/g, ' '), secrets);

  return text.length > quoteLimit ? `${text.slice(0, quoteLimit)}...` : text;
}

/**
 * The error for a reply that is not the success the caller wanted. `retriedAuth` says the
 * token was already renewed once, so another 401 means the rep must sign in.
 */
export function classifyReply(reply: ServerReply, exchange: Exchange): McLeodError {
  const { status } = reply;
  const kind = bodyKind(reply.body, reply.contentType);
  const said = kind === 'html' ? '' : serverSaid(reply.body, exchange.secrets);
  const details = {
    status,
    method: exchange.method,
    path: exchange.path,
    ...(said !== '' && { serverText: said }),
  };
  const quoted = said === '' ? '' : ` (server said: ${said})`;
  const error = (errorKind: McLeodErrorKind, message: string) =>
    new McLeodError(errorKind, message, details);

  if (status === 502 || status === 503 || status === 504) {
    return error(
      'proxy',
      `The server's gateway answered with a web page instead of McLeod data (HTTP ${status}). ` +
        'Usually the VPN or a proxy; try again in a moment.',
    );
  }
  if (kind === 'html') {
    // A page with another status is usually a wrong address (a web site, a Wi-Fi login).
    return error(
      'proxy',
      `${exchange.serverUrl} answered with a web page instead of McLeod data (HTTP ${status}). ` +
        'Check that the address is your McLeod web services, or sign in to the network first.',
    );
  }

  if (status === 401 || status === 403) {
    if (mentionsMissingRole(said)) {
      return error(
        'forbidden',
        `Your McLeod user is not allowed to do this${quoted}. Ask your McLeod administrator ` +
          'for the missing role.',
      );
    }

    return error('auth', `McLeod no longer accepts this session; please sign in again${quoted}.`);
  }

  if (status >= 500) {
    if (/validation/i.test(said)) {
      return error('rejected', `McLeod refused the data${quoted}. Correct it and send it again.`);
    }

    return error('server', `The McLeod server reported an error (HTTP ${status})${quoted}.`);
  }

  if (status >= 300 && status < 400) {
    return error(
      'rejected',
      `The McLeod address answered with a redirect (HTTP ${status}). Check the server address ` +
        `in the sign-in screen${quoted}.`,
    );
  }

  if (status === 404) {
    return error('rejected', `McLeod does not know this record or service (HTTP 404)${quoted}.`);
  }

  return error('rejected', `McLeod refused the request (HTTP ${status})${quoted}.`);
}

/** The error for a 2xx reply whose body is not the JSON that was asked for. */
export function unexpectedBody(reply: ServerReply, exchange: Exchange, wanted: string) {
  const kind = bodyKind(reply.body, reply.contentType);
  const details = { status: reply.status, method: exchange.method, path: exchange.path };

  if (kind === 'html') return classifyReply(reply, exchange);

  const what: Record<BodyKind, string> = {
    xml: 'McLeod answered in XML instead of JSON',
    html: 'McLeod answered with a web page',
    empty: 'McLeod sent an empty answer',
    text: `McLeod answered with plain text ("${serverSaid(reply.body, exchange.secrets)}")`,
    json: 'McLeod sent JSON of an unexpected shape',
  };

  return new McLeodError(
    'format',
    `${what[kind]} where ${wanted} was expected (${exchange.method} ${exchange.path}). ` +
      'Check the server address; this app needs the McLeod web services at /ws.',
    details,
  );
}

const unreachableSigns: [RegExp, string][] = [
  [/ECONNREFUSED|ERR_CONNECTION_REFUSED/i, 'connection refused'],
  [/ENOTFOUND|EAI_AGAIN|ERR_NAME_NOT_RESOLVED/i, 'host name not found'],
  [/EHOSTUNREACH|ENETUNREACH|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED/i, 'no route'],
  [/CERT|TLS|SSL|self[- ]signed|unable to verify/i, 'secure connection failed'],
  [/UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT|ERR_CONNECTION_TIMED_OUT/i, 'no connection in time'],
  [/ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED/i, 'proxy connection failed'],
  [/invalid url|unsupported protocol|ERR_INVALID_URL/i, 'the address is not valid'],
];

const droppedSigns = new RegExp(
  [
    'ECONNRESET',
    'EPIPE',
    'socket hang up',
    'other side closed',
    'terminated',
    'UND_ERR_SOCKET',
    'ERR_CONNECTION_RESET',
    'ERR_CONNECTION_CLOSED',
    'ERR_EMPTY_RESPONSE',
  ].join('|'),
  'i',
);

/** Codes and messages along an error's cause chain, for matching the many runtimes' errors. */
function failureSigns(failure: unknown): string {
  const signs: string[] = [];
  let current: unknown = failure;

  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current === 'object') {
      const { code, message, name } = current as Record<string, unknown>;

      signs.push([name, code, message].filter((part) => typeof part === 'string').join(' '));
      current = (current as { cause?: unknown }).cause;
    } else {
      signs.push(String(current));
      current = undefined;
    }
  }

  return signs.join(' | ');
}

/**
 * The error for a request that got no reply: `timedOut` when our own deadline fired.
 * Anything unrecognized counts as dropped, because that is the kind that makes the outbox
 * check the history before resending rather than risk a duplicate.
 */
export function classifyFailure(
  failure: unknown,
  exchange: Exchange,
  timedOut: { fired: boolean; seconds: number },
): McLeodError {
  const signs = redact(failureSigns(failure), exchange.secrets);
  const details = { method: exchange.method, path: exchange.path, cause: signs };

  // Only a write can leave the doubt the outbox resolves; for a read, say what to do.
  const doubt = isWrite(exchange)
    ? ' The request may still have been carried out; the app checks before sending it again.'
    : ' Check your VPN or try again in a moment.';

  if (timedOut.fired || /TimeoutError|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT/.test(signs)) {
    return new McLeodError(
      'timeout',
      `McLeod did not answer within ${timedOut.seconds} seconds.${doubt}`,
      details,
    );
  }

  const unreachable = unreachableSigns.find(([pattern]) => pattern.test(signs));

  if (unreachable) {
    const plainHttp =
      unreachable[1] === 'secure connection failed' && exchange.serverUrl.startsWith('https:')
        ? ' If this server uses plain http (test servers often do), enter the address with http://.'
        : '';

    return new McLeodError(
      'unreachable',
      `Cannot reach the McLeod server at ${exchange.serverUrl} (${unreachable[1]}). ` +
        `Check the address and your VPN.${plainHttp}`,
      details,
    );
  }

  const hint = droppedSigns.test(signs) ? '' : ` (${signs.slice(0, 120)})`;

  return new McLeodError(
    'dropped',
    `The connection to McLeod closed before its answer arrived${hint}.${doubt}`,
    details,
  );
}

/** A request that changes data in McLeod (logging in and out changes nothing we track). */
function isWrite(exchange: Exchange): boolean {
  return (
    exchange.method === 'PUT' || (exchange.method === 'POST' && !/\/users\//.test(exchange.path))
  );
}
