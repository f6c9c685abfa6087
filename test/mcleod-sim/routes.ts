/**
 * The services: authentication, company selection, content negotiation and the routing table
 * of /ws/users and /ws/crm. Pure over the state, so the HTTP layer only moves bytes and faults.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimQuirks } from './index';
import { SimFailure } from './failure';
import { storedDateEpoch } from './dates';
import { renderAction, renderCustomer, renderProfile, toXml, type WireRow } from './render';
import { parseRawQuery, quickFind, searchCustomers, type QueryParam } from './search';
import type { CompanyData, SimState, StoredRow } from './state';
import { simUserProfiles, simUsers } from './users';
import {
  createAction, createProspect, newAction, newProspect, updateAction, updateProspect,
} from './writes';

export interface SimRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  nowMs: number;
}

export interface RouteResult {
  status: number;
  contentType: string;
  body: string;
  /** The state changed and should be saved. */
  changedState?: boolean;
  /** A create/update that stored its row: the drop-after-commit fault applies. */
  committedWrite?: boolean;
}

export interface RouteSettings {
  quirks: SimQuirks;
  tokenExpiresAfter: number | undefined;
  newToken: () => string;
}

interface Caller {
  userId: string;
  token?: string;
}

interface Context {
  state: SimState;
  request: SimRequest;
  settings: RouteSettings;
  params: QueryParam[];
  caller: Caller;
  company: CompanyData;
}

const unauthorized = (text: string) => new SimFailure(401, text);

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];

  return Array.isArray(value) ? value[0] : value;
}

function mediaTypes(accept: string | undefined): string[] {
  if (!accept) return [];

  return accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
}

function authenticate(state: SimState, request: SimRequest, settings: RouteSettings): Caller {
  const header = headerValue(request.headers, 'authorization')?.trim();
  if (!header) throw unauthorized('Authentication required: send Basic credentials or a token');

  const [scheme = '', ...rest] = header.split(/\s+/);
  const credentials = rest.join(' ');
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const userId = decoded.slice(0, Math.max(colon, 0));
    const password = decoded.slice(colon + 1);
    const user = simUsers.find((u) => u.userId.toLowerCase() === userId.toLowerCase());
    if (colon < 0 || !user || user.password !== password) {
      throw unauthorized('Invalid user name or password');
    }

    return { userId: user.userId };
  }

  if (/^(bearer|token)$/i.test(scheme)) {
    const record = state.tokens[credentials];
    if (!record || record.revoked) throw unauthorized('Invalid or revoked token');
    record.uses += 1;
    const limit = settings.tokenExpiresAfter;
    if (limit !== undefined && limit >= 0 && record.uses > limit) {
      throw unauthorized('Token expired');
    }

    return { userId: record.userId, token: credentials };
  }

  throw unauthorized(`Unsupported authorization scheme "${scheme}"`);
}

function selectCompany(state: SimState, request: SimRequest, caller: Caller): CompanyData {
  const header = headerValue(request.headers, 'x-com.mcleodsoftware.companyid')?.trim();
  const companyId = header ? header.toUpperCase() : state.defaultCompany;
  const company = state.companies[companyId];
  if (!company) throw unauthorized(`Unknown company ID "${header}"`);
  const profile = simUserProfiles[caller.userId];
  if (!profile?.companies.includes(companyId)) {
    throw unauthorized(`User ${caller.userId} has no access to company ${companyId}`);
  }

  return company;
}

function rowsResult(ctx: Context, body: WireRow | WireRow[], extra: Partial<RouteResult> = {}) {
  const wantsJson = mediaTypes(headerValue(ctx.request.headers, 'accept'))
    .includes('application/json');
  if (!wantsJson) {
    return { status: 200, contentType: 'application/xml', body: toXml(body), ...extra };
  }

  return { status: 200, contentType: 'application/json', body: JSON.stringify(body), ...extra };
}

function param(ctx: Context, name: string): string | undefined {
  return ctx.params.find((p) => p.key.toLowerCase() === name.toLowerCase())?.value;
}

function flagParam(ctx: Context, name: string): boolean {
  return /^(y|yes|t|true|1|on)$/i.test(param(ctx, name) ?? '');
}

function jsonBody(ctx: Context): unknown {
  const type = headerValue(ctx.request.headers, 'content-type') ?? '';
  if (mediaTypes(type)[0] !== 'application/json') {
    throw new SimFailure(415, `HTTP 415 Unsupported Media Type: ${type || '(none)'}; `
      + 'send application/json');
  }
  try {
    return JSON.parse(ctx.request.body);
  } catch (error) {
    throw new SimFailure(400, `com.fasterxml.jackson.core.JsonParseException: ${String(error)}`);
  }
}

function integerParam(ctx: Context, name: string): number | undefined {
  const text = param(ctx, name);
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^\d+$/.test(text.trim())) {
    throw new SimFailure(500, `java.lang.NumberFormatException: For input string: "${text}"`);
  }

  return Number(text);
}

/** Paging with the server's cap and the two quirks some servers have. */
function page(ctx: Context, rows: StoredRow[]): StoredRow[] {
  const { quirks } = ctx.settings;
  const offset = quirks.ignoreOffset ? 0 : integerParam(ctx, 'recordOffset') ?? 0;
  if (quirks.ignoreLength) return rows.slice(offset);
  const length = integerParam(ctx, 'recordLength') ?? quirks.maxRecords ?? 500;

  return rows.slice(offset, offset + length);
}

function customerRows(ctx: Context, rows: StoredRow[]): WireRow[] {
  const children = {
    contacts: flagParam(ctx, 'includeContacts'),
    comments: flagParam(ctx, 'includeComments'),
  };

  return rows.map((row) => renderCustomer(ctx.state, ctx.company, row, children));
}

function prospectOr404(ctx: Context, id: string): StoredRow {
  const prospect = ctx.company.customers[id];
  if (!prospect) throw new SimFailure(404, `Customer "${id}" not found`);

  return prospect;
}

function actionsOf(ctx: Context, prospectId: string): StoredRow[] {
  prospectOr404(ctx, prospectId);
  const ids = ctx.company.actionsByCustomer[prospectId] ?? [];

  return ids.map((id) => ctx.company.actions[id]).filter((a): a is StoredRow => a !== undefined);
}

function history(ctx: Context, prospectId: string): WireRow[] {
  const now = ctx.request.nowMs;
  const past = actionsOf(ctx, prospectId)
    .map((action) => ({ action, at: storedDateEpoch(action.action_date) ?? 0 }))
    .filter(({ at }) => at <= now)
    .sort((a, b) => b.at - a.at || Number(b.action.id) - Number(a.action.id));

  return past.map(({ action }) => renderAction(ctx.state, ctx.company, action));
}

function upcoming(ctx: Context, prospectId: string): WireRow[] {
  const now = ctx.request.nowMs;
  const scheduled = actionsOf(ctx, prospectId).map((action) => {
    const actionAt = storedDateEpoch(action.action_date) ?? 0;
    const nextAt = storedDateEpoch(action.next_act_date);
    const at = actionAt > now ? actionAt : nextAt !== undefined && nextAt > now ? nextAt : 0;

    return { action, at };
  }).filter(({ at }) => at > 0).sort((a, b) => a.at - b.at);

  return scheduled.map(({ action }) => renderAction(ctx.state, ctx.company, action));
}

function savedSearch(ctx: Context): WireRow[] {
  const wanted = {
    userId: param(ctx, 'userId'),
    createUserId: param(ctx, 'createUserId'),
    screenClassName: param(ctx, 'screenClassName'),
    searchName: param(ctx, 'searchName'),
  };
  if (!wanted.searchName) throw new SimFailure(400, 'searchName is required');
  const same = (a: string | undefined, b: string) => a === undefined
    || a.toLowerCase() === b.toLowerCase();
  const found = ctx.company.savedSearches.find((search) => search.searchName === wanted.searchName
    && same(wanted.userId, search.userId) && same(wanted.createUserId, search.createUserId)
    && (wanted.screenClassName === undefined
      || wanted.screenClassName === search.screenClassName));
  if (!found) throw new SimFailure(404, `Saved search "${wanted.searchName}" not found`);

  const rows = searchCustomers(ctx.company, {
    params: parseRawQuery(found.query), nowMs: ctx.request.nowMs,
  });

  return customerRows(ctx, page(ctx, rows));
}

function login(state: SimState, request: SimRequest, settings: RouteSettings): RouteResult {
  const accepted = mediaTypes(headerValue(request.headers, 'accept'))
    .find((type) => type === 'text/plain' || type === 'application/json');
  if (!accepted) {
    throw new SimFailure(406, 'HTTP 406 Not Acceptable: login answers text/plain or '
      + 'application/json only');
  }
  const header = headerValue(request.headers, 'authorization') ?? '';
  if (!/^basic\s/i.test(header.trim())) {
    throw unauthorized('Login requires Basic authentication');
  }
  const caller = authenticate(state, request, settings);
  const company = selectCompany(state, request, caller);
  const token = settings.newToken();
  state.tokens[token] = { userId: caller.userId, issuedAt: request.nowMs, uses: 0, revoked: false };

  if (accepted === 'text/plain') {
    return { status: 200, contentType: 'text/plain', body: `${token}\n`, changedState: true };
  }
  const body = JSON.stringify({ token, userId: caller.userId, companyId: company.id });

  return { status: 200, contentType: 'application/json', body, changedState: true };
}

function currentUser(ctx: Context): WireRow {
  const profile = simUserProfiles[ctx.caller.userId];
  const user: WireRow = {
    __type: 'users',
    id: ctx.caller.userId,
    name: profile?.name ?? ctx.caller.userId,
    email_address: profile?.email ?? `${ctx.caller.userId}@example.com`,
    company_id: ctx.company.id,
  };
  if (profile?.salespersonId) user.salesperson_id = profile.salespersonId;

  return user;
}

type Handler = (ctx: Context, match: string[]) => RouteResult;

interface Route {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

function written(ctx: Context, row: WireRow): RouteResult {
  return rowsResult(ctx, row, { changedState: true, committedWrite: true });
}

const crm = (path: string) => new RegExp(`^/ws/crm/${path}/?$`);

const routes: Route[] = [
  { method: 'POST', pattern: /^\/ws\/users\/logout\/?$/, handle: (ctx) => {
    if (!ctx.caller.token) throw new SimFailure(400, 'Logout needs the token to revoke');
    const record = ctx.state.tokens[ctx.caller.token];
    if (record) record.revoked = true;

    return { status: 204, contentType: 'text/plain', body: '', changedState: true };
  } },
  { method: 'GET', pattern: /^\/ws\/users\/current\/?$/, handle: (ctx) =>
    rowsResult(ctx, currentUser(ctx)) },
  { method: 'GET', pattern: crm('callListProfiles'), handle: (ctx) =>
    rowsResult(ctx, ctx.company.profiles.map((p) => renderProfile(ctx.state, p))) },
  { method: 'GET', pattern: crm('callListProfiles/([^/]+)'), handle: (ctx, [id]) => {
    const profile = ctx.company.profiles.find((p) => p.id === id);
    if (!profile) throw new SimFailure(404, `Call list profile "${id}" not found`);

    return rowsResult(ctx, renderProfile(ctx.state, profile));
  } },
  { method: 'GET', pattern: crm('prospects'), handle: (ctx) => {
    const text = param(ctx, 'q');
    if (text === undefined || text.trim() === '') {
      throw new SimFailure(400, 'Query parameter q is required');
    }

    return rowsResult(ctx, customerRows(ctx, page(ctx, quickFind(ctx.company, text))));
  } },
  { method: 'GET', pattern: crm('prospects/search'), handle: (ctx) => {
    const rows = searchCustomers(ctx.company, { params: ctx.params, nowMs: ctx.request.nowMs });

    return rowsResult(ctx, customerRows(ctx, page(ctx, rows)));
  } },
  { method: 'GET', pattern: crm('prospects/userSavedSearch'), handle: (ctx) =>
    rowsResult(ctx, savedSearch(ctx)) },
  { method: 'GET', pattern: crm('prospects/new'), handle: (ctx) => {
    const salesperson = simUserProfiles[ctx.caller.userId]?.salespersonId;
    const row = newProspect(salesperson, ctx.request.nowMs);

    return rowsResult(ctx, renderCustomer(ctx.state, ctx.company, row));
  } },
  { method: 'PUT', pattern: crm('prospects/create'), handle: (ctx) => {
    const row = createProspect(ctx.company, jsonBody(ctx), ctx.request.nowMs);

    return written(ctx, renderCustomer(ctx.state, ctx.company, row));
  } },
  { method: 'PUT', pattern: crm('prospects/update'), handle: (ctx) => {
    const row = updateProspect(ctx.company, jsonBody(ctx), ctx.request.nowMs);

    return written(ctx, renderCustomer(ctx.state, ctx.company, row));
  } },
  { method: 'GET', pattern: crm('prospects/([^/]+)/history'), handle: (ctx, [id]) =>
    rowsResult(ctx, history(ctx, id!)) },
  { method: 'GET', pattern: crm('prospects/([^/]+)/upcoming'), handle: (ctx, [id]) =>
    rowsResult(ctx, upcoming(ctx, id!)) },
  { method: 'GET', pattern: crm('prospects/([^/]+)'), handle: (ctx, [id]) => {
    const row = prospectOr404(ctx, id!);

    return rowsResult(ctx, customerRows(ctx, [row])[0]!);
  } },
  { method: 'GET', pattern: crm('prospectActions/new'), handle: (ctx) => {
    const prospectId = param(ctx, 'prospectId');
    if (!prospectId) throw new SimFailure(400, 'prospectId is required');
    prospectOr404(ctx, prospectId);
    const row = newAction(ctx.company, prospectId, ctx.request.nowMs);

    return rowsResult(ctx, renderAction(ctx.state, ctx.company, row));
  } },
  { method: 'PUT', pattern: crm('prospectActions/create'), handle: (ctx) => {
    const row = createAction(ctx.state, ctx.company, jsonBody(ctx), ctx.request.nowMs);

    return written(ctx, renderAction(ctx.state, ctx.company, row));
  } },
  { method: 'PUT', pattern: crm('prospectActions/update'), handle: (ctx) => {
    const row = updateAction(ctx.state, ctx.company, jsonBody(ctx), ctx.request.nowMs);

    return written(ctx, renderAction(ctx.state, ctx.company, row));
  } },
  { method: 'GET', pattern: crm('prospectActions/([^/]+)'), handle: (ctx, [id]) => {
    const action = ctx.company.actions[id!];
    if (!action) throw new SimFailure(404, `Prospect action "${id}" not found`);

    return rowsResult(ctx, renderAction(ctx.state, ctx.company, action, true));
  } },
];

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SimFailure(400, `Malformed path segment: ${part}`);
  }
}

/** Answers one request against the state; throws SimFailure for error answers. */
export function routeRequest(
  state: SimState, request: SimRequest, settings: RouteSettings,
): RouteResult {
  if (request.method === 'POST' && /^\/ws\/users\/login\/?$/.test(request.path)) {
    return login(state, request, settings);
  }

  const candidates = routes.filter((route) => route.pattern.test(request.path));
  if (candidates.length === 0) throw new SimFailure(404, `HTTP 404 Not Found: ${request.path}`);
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (!route) throw new SimFailure(405, `HTTP 405 Method Not Allowed: ${request.method}`);

  const caller = authenticate(state, request, settings);
  const company = selectCompany(state, request, caller);
  if (request.path.startsWith('/ws/crm/') && !simUserProfiles[caller.userId]?.crmRole) {
    throw unauthorized(`User ${caller.userId} does not have the CRM role required for `
      + 'CRMService');
  }

  const match = request.path.match(route.pattern)!.slice(1).map(decodePathPart);
  const params = parseRawQuery(request.rawQuery);
  const ctx: Context = { state, request, settings, params, caller, company };

  return route.handle(ctx, match);
}
