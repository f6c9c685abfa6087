/**
 * The McLeod REST client: every call the dialer makes to a McLeod `/ws/` server.
 *
 * Login is the only call with Basic auth; everything else carries the session token and, on a
 * 401, asks `auth.renewToken()` once (a silent re-login when the password is remembered) and
 * retries. Replies are parsed at this edge into the domain types; every failure becomes a
 * McLeodError whose kind says what to do and whose message never holds a token or password.
 */
import pRetry from 'p-retry';
import { log } from '../logging/log';
import {
  bodyKind,
  classifyFailure,
  classifyReply,
  mentionsMissingRole,
  serverSaid,
  unexpectedBody,
  type Exchange,
  type ServerReply,
} from './classify';
import { isMcLeodError, McLeodError } from './errors';
import { collectSearchPages } from './paging';
import { parseAction, parseProfile, parseProspect, parseRow } from './rows';
import type { McLeodApi, McLeodRow, SavedSearchRef } from './types';

const logger = log.scope('mcleod');

export interface McLeodAuth {
  /** The token to send now, if any. */
  currentToken(): string | undefined;
  /** Called once after a 401 on a token: re-login (remembered password) and return the new
   *  token, or undefined when the rep must sign in again. */
  renewToken(): Promise<string | undefined>;
}

export interface McLeodClientOptions {
  /** As the rep typed it; normalized with normalizeServerUrl. */
  serverUrl: string;
  /** Sent as X-com.mcleodsoftware.CompanyID when non-empty. */
  companyId?: string;
  auth: McLeodAuth;
  /** Electron's net.fetch in the app; the global fetch by default. */
  fetch?: typeof fetch;
  /** Per request, including reading the body; default 20000. */
  timeoutMs?: number;
}

const companyHeader = 'X-com.mcleodsoftware.CompanyID';

/**
 * The base URL of the McLeod web services from what a rep typed: adds `https://` when no
 * scheme is given and `/ws` when the path lacks it; trims blanks and trailing slashes.
 */
export function normalizeServerUrl(input: string): string {
  const typed = input.trim();
  const refuse = (why: string) =>
    new McLeodError('rejected', `"${typed}" is not a McLeod server address: ${why}.`);

  if (typed === '') throw refuse('it is empty');

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;

  try {
    url = new URL(withScheme);
  } catch {
    throw refuse('it cannot be read as a web address');
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse('it must start with https:// or http://');
  }

  if (url.hostname === '' || /\s/.test(typed)) {
    throw refuse('the host name is missing or has spaces');
  }

  if (url.username !== '' || url.password !== '') {
    throw refuse('do not put a user name or password in the address');
  }

  if (url.search !== '' || url.hash !== '') throw refuse('remove the part after ? or #');

  const path = url.pathname.replace(/\/+$/, '');
  const wsPath = /\/ws$/i.test(path) ? path : `${path}/ws`;

  return `${url.protocol}//${url.host}${wsPath}`;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: string;
  body?: unknown;
}

/** Builds the client the rest of the core talks to McLeod through. */
export function createMcLeodClient(options: McLeodClientOptions): McLeodApi {
  const serverUrl = normalizeServerUrl(options.serverUrl);
  const companyId = options.companyId?.trim() ?? '';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { auth } = options;
  let renewal: Promise<string | undefined> | undefined;

  /** Sends one HTTP request and reads the whole reply, or throws the failure as McLeodError. */
  async function exchange(
    call: Call,
    authorization: string,
    accept: string,
    secrets: string[],
  ): Promise<ServerReply> {
    const headers: Record<string, string> = { Authorization: authorization, Accept: accept };

    if (companyId !== '') headers[companyHeader] = companyId;

    if (call.body !== undefined) headers['Content-Type'] = 'application/json';

    const url = `${serverUrl}${call.path}${call.query ? `?${call.query}` : ''}`;
    const signal = AbortSignal.timeout(timeoutMs);
    const started = Date.now();

    try {
      const response = await fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
        // A redirect could carry the Authorization header elsewhere; report it instead.
        redirect: 'manual',
      });
      const body = await readCapped(response, call);

      logger.debug('request answered', {
        method: call.method,
        path: call.path,
        status: response.status,
        ms: Date.now() - started,
      });

      const contentType = response.headers.get('content-type') ?? '';

      return { status: response.status, body, contentType };
    } catch (failure) {
      if (failure instanceof McLeodError) throw failure;
      const error = classifyFailure(failure, describe(call, secrets), {
        fired: signal.aborted,
        seconds: Math.round(timeoutMs / 100) / 10,
      });

      logger.warn('request failed', { method: call.method, path: call.path, kind: error.kind });
      throw error;
    }
  }

  function describe(call: Call, secrets: string[]): Exchange {
    return { method: call.method, path: call.path, serverUrl, secrets };
  }

  /** One renewal at a time: parallel 401s wait for the same re-login. */
  async function renewedToken(staleToken: string): Promise<string | undefined> {
    const current = auth.currentToken();

    // Another request already renewed while this one was in flight.
    if (current !== undefined && current !== staleToken) return current;

    renewal ??= auth.renewToken().finally(() => {
      renewal = undefined;
    });

    return renewal;
  }

  /**
   * A call with the session token. Reads (GET) are tried up to three times when the server
   * or a proxy fails them or the connection drops, since repeating a read changes nothing;
   * writes are never repeated here (the outbox decides that, after checking history).
   */
  function request(call: Call): Promise<unknown> {
    if (call.method !== 'GET') return requestOnce(call);

    return pRetry(() => requestOnce(call), {
      retries: 2,
      minTimeout: 300,
      factor: 3,
      randomize: true,
      shouldRetry: ({ error }) => isMcLeodError(error) && retriedReadFailures.has(error.kind),
    });
  }

  /** A call with the session token, renewed once on a 401; answers the parsed JSON body. */
  async function requestOnce(call: Call): Promise<unknown> {
    let token = auth.currentToken();

    if (token === undefined || token === '') {
      throw new McLeodError('auth', 'Sign in to McLeod first.', {
        method: call.method,
        path: call.path,
      });
    }

    let reply = await exchange(call, `Token ${token}`, 'application/json', [token]);

    if (reply.status === 401 && isPlainAuthRefusal(reply)) {
      logger.warn('token refused, renewing the session once', { path: call.path });

      const renewed = await renewedToken(token);

      if (renewed === undefined) {
        const said = serverSaid(reply.body, [token]);
        const quoted = said ? ` (server said: ${said})` : '';

        throw new McLeodError(
          'auth',
          `Your McLeod session has ended; please sign in again${quoted}.`,
          { status: 401, method: call.method, path: call.path, serverText: said },
        );
      }

      token = renewed;
      reply = await exchange(call, `Token ${token}`, 'application/json', [token]);
    }

    return readJson(call, reply, [token]);
  }

  function readJson(call: Call, reply: ServerReply, secrets: string[]): unknown {
    const exchangeInfo = describe(call, secrets);

    if (reply.status < 200 || reply.status > 299) {
      const error = classifyReply(reply, exchangeInfo);

      if (reply.status === 406 || reply.status === 415) {
        // Our own request was malformed: a bug to fix here, not something the rep can do.
        logger.error('McLeod refused the request format', {
          method: call.method,
          path: call.path,
          status: reply.status,
        });
      }

      throw error;
    }

    if (bodyKind(reply.body, reply.contentType) !== 'json') {
      throw unexpectedBody(reply, exchangeInfo, 'JSON');
    }

    try {
      return JSON.parse(reply.body) as unknown;
    } catch {
      throw unexpectedBody({ ...reply, contentType: 'text/plain' }, exchangeInfo, 'valid JSON');
    }
  }

  async function list<T>(call: Call, parse: (row: unknown) => T, what: string): Promise<T[]> {
    const value = await request(call);

    if (!Array.isArray(value)) {
      throw new McLeodError(
        'format',
        `McLeod sent one object where a list of ${what} was expected.`,
        { method: call.method, path: call.path },
      );
    }

    return value.map(parse);
  }

  async function one<T>(call: Call, parse: (row: unknown) => T): Promise<T> {
    return parse(await request(call));
  }

  const segment = (id: string) => encodeURIComponent(id.trim());

  return {
    async login(userId, password) {
      const call: Call = { method: 'POST', path: '/users/login' };
      const secrets = [password];
      const basic = Buffer.from(`${userId}:${password}`, 'utf8').toString('base64');

      secrets.push(basic);

      const reply = await exchange(call, `Basic ${basic}`, 'text/plain', secrets);

      if (reply.status === 401 && isPlainAuthRefusal(reply)) {
        const said = serverSaid(reply.body, secrets);

        const quoted = said ? ` (server said: ${said})` : '';
        // A wrong company ID is refused at login too; blaming the password would mislead.
        const message = /compan/i.test(said)
          ? `McLeod did not accept the company ID "${companyId}"${quoted}. Check the company.`
          : `McLeod refused the user name or password${quoted}.`;

        throw new McLeodError('auth', message, {
          status: 401,
          method: call.method,
          path: call.path,
          serverText: said,
        });
      }

      if (reply.status < 200 || reply.status > 299) {
        throw classifyReply(reply, describe(call, secrets));
      }

      const token = reply.body.trim();

      if (bodyKind(token, reply.contentType) !== 'text' || /\s/.test(token) || token.length > 200) {
        throw unexpectedBody(reply, describe(call, [...secrets, token]), 'a session token');
      }

      logger.info('signed in', { userId });

      return token;
    },

    async logout(token) {
      const call: Call = { method: 'POST', path: '/users/logout' };
      const reply = await exchange(call, `Token ${token}`, 'text/plain', [token]);

      // A token McLeod no longer knows is as good as revoked.
      if (reply.status === 401 || (reply.status >= 200 && reply.status <= 299)) return;

      throw classifyReply(reply, describe(call, [token]));
    },

    currentUser: () =>
      one({ method: 'GET', path: '/users/current' }, (row) => parseRow(row, 'users')),

    listCallListProfiles: () =>
      list({ method: 'GET', path: '/crm/callListProfiles' }, parseProfile, 'call list profiles'),

    getCallListProfile: (id) =>
      one({ method: 'GET', path: `/crm/callListProfiles/${segment(id)}` }, parseProfile),

    findProspects: (query) =>
      list(
        { method: 'GET', path: '/crm/prospects', query: `q=${encodeURIComponent(query.trim())}` },
        parseProspect,
        'prospects',
      ),

    searchProspects: (search, paging = {}) =>
      collectSearchPages(
        search,
        (query) =>
          list({ method: 'GET', path: '/crm/prospects/search', query }, parseProspect, 'prospects'),
        paging,
      ),

    savedSearch: (ref) =>
      list(
        { method: 'GET', path: '/crm/prospects/userSavedSearch', query: savedSearchQuery(ref) },
        parseProspect,
        'prospects',
      ),

    getProspect: (id) =>
      one(
        {
          method: 'GET',
          path: `/crm/prospects/${segment(id)}`,
          query: 'includeContacts=true&includeComments=true',
        },
        parseProspect,
      ),

    prospectHistory: (id) =>
      list(
        { method: 'GET', path: `/crm/prospects/${segment(id)}/history` },
        parseAction,
        'actions',
      ),

    prospectUpcoming: (id) =>
      list(
        { method: 'GET', path: `/crm/prospects/${segment(id)}/upcoming` },
        parseAction,
        'actions',
      ),

    newProspect: () =>
      one({ method: 'GET', path: '/crm/prospects/new' }, (row) => parseRow(row, 'customer')),

    createProspect: (row) =>
      one({ method: 'PUT', path: '/crm/prospects/create', body: row }, parseProspect),

    updateProspect: (row) =>
      one({ method: 'PUT', path: '/crm/prospects/update', body: row }, parseProspect),

    newAction: (prospectId) =>
      one(
        {
          method: 'GET',
          path: '/crm/prospectActions/new',
          query: `prospectId=${encodeURIComponent(prospectId.trim())}`,
        },
        (row) => parseRow(row, 'prospect_action'),
      ),

    getAction: (id) =>
      one({ method: 'GET', path: `/crm/prospectActions/${segment(id)}` }, parseAction),

    createAction: (row: McLeodRow) =>
      one(
        // `method` is undocumented; 0 is what McLeod's own clients send for a plain create.
        {
          method: 'PUT',
          path: '/crm/prospectActions/create',
          body: { ...row, method: row.method ?? 0 },
        },
        parseAction,
      ),

    updateAction: (row) =>
      one({ method: 'PUT', path: '/crm/prospectActions/update', body: row }, parseAction),
  };
}

/** A 401 that means "who are you?" rather than "you may not": only that one is worth a renewal. */
/** Failures of a read worth an immediate second try. */
const retriedReadFailures = new Set<string>(['server', 'proxy', 'dropped']);

/** Larger replies are refused: no CRM answer the dialer asks for comes near this. */
const maxReplyBytes = 32 * 1024 * 1024;

/** Reads a reply body, refusing one so large it would exhaust the app's memory. */
async function readCapped(response: Response, call: Call): Promise<string> {
  const tooLarge = () =>
    new McLeodError(
      'format',
      `McLeod sent a reply larger than ${maxReplyBytes / 1024 / 1024} MB to ${call.path}; ` +
        'the dialer does not read replies that large. Ask IT to check the server or proxy.',
      { status: response.status, method: call.method, path: call.path },
    );

  if (Number(response.headers.get('content-length') ?? 0) > maxReplyBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;

  for (;;) {
    const { done, value } = await reader.read();

    if (done) break;
    size += value.byteLength;
    if (size > maxReplyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }

  return Buffer.concat(chunks).toString('utf8');
}

function isPlainAuthRefusal(reply: ServerReply): boolean {
  return bodyKind(reply.body, reply.contentType) !== 'html' && !mentionsMissingRole(reply.body);
}

function savedSearchQuery(ref: SavedSearchRef): string {
  return (['userId', 'createUserId', 'screenClassName', 'searchName'] as const)
    .map((key) => `${key}=${encodeURIComponent(ref[key])}`)
    .join('&');
}
