import { describe, expect, it } from 'vitest';
import {
  bodyKind,
  classifyFailure,
  classifyReply,
  redact,
  type Exchange,
} from '../../../electron/mcleod/classify';

const exchange: Exchange = {
  method: 'PUT',
  path: '/crm/prospectActions/create',
  serverUrl: 'https://tms-demo.example.com/ws',
  secrets: ['0f9c3e52-token-value', 'hunter2-password'],
};

const nginx502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';

describe('bodyKind', () => {
  it.each([
    ['', '', 'empty'],
    ['  \n', 'text/plain', 'empty'],
    ['[{"__type":"customer"}]', 'application/json', 'json'],
    ['{"id":"1"}', '', 'json'],
    ['<?xml version="1.0"?><customer/>', 'application/xml', 'xml'],
    ['<customer id="1"/>', '', 'xml'],
    [nginx502, 'text/html', 'html'],
    ['<!DOCTYPE html><title>Sign in</title>', '', 'html'],
    ['Token expired', 'text/plain', 'text'],
  ])('judges %j (%s) as %s', (body, contentType, kind) => {
    expect(bodyKind(body, contentType)).toBe(kind);
  });
});

describe('classifyReply', () => {
  it.each([
    [401, 'Token expired', 'auth', /sign in again \(server said: Token expired\)/],
    [401, 'User JDOE does not have the role CRM', 'forbidden', /role CRM/],
    [403, 'Permission denied for CRMService', 'forbidden', /Permission denied/],
    [500, 'com.mcleodsoftware.ValidationException: Activity code "XYZ" does not exist',
      'rejected', /Activity code "XYZ" does not exist/],
    [500, 'java.lang.NullPointerException at CRMService.search', 'server',
      /HTTP 500.*NullPointerException/],
    [502, nginx502, 'proxy', /gateway answered with a web page.*HTTP 502/],
    [503, 'Service Unavailable', 'proxy', /HTTP 503/],
    [200, '<!DOCTYPE html><html><body>Hotel Wi-Fi login</body></html>', 'proxy', /web page/],
    [404, 'No prospect with id 99', 'rejected', /HTTP 404.*No prospect with id 99/],
    [415, 'Unsupported Media Type', 'rejected', /HTTP 415/],
    [406, 'Not Acceptable', 'rejected', /HTTP 406/],
    [400, 'changedAfterType must be Add or Update', 'rejected', /must be Add or Update/],
    [302, '', 'rejected', /redirect/],
  ])('answers HTTP %i %j with %s', (status, body, kind, message) => {
    const error = classifyReply({ status, body, contentType: '' }, exchange);

    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.details.status).toBe(status);
  });

  it('quotes no web page in the message, only the status', () => {
    const reply = { status: 502, body: nginx502, contentType: 'text/html' };
    const error = classifyReply(reply, exchange);

    expect(error.message).not.toContain('<');
    expect(error.details.serverText).toBeUndefined();
  });

  it('keeps the token and password out of a quoted server text', () => {
    const error = classifyReply(
      {
        status: 401,
        body: 'Token 0f9c3e52-token-value expired; pw hunter2-password',
        contentType: '',
      },
      exchange,
    );

    expect(error.message).not.toContain('0f9c3e52-token-value');
    expect(error.message).not.toContain('hunter2-password');
    expect(error.details.serverText).not.toContain('0f9c3e52-token-value');
  });

  it('cuts a long server text rather than flooding the screen', () => {
    const error = classifyReply({ status: 500, body: 'x'.repeat(5000), contentType: '' }, exchange);

    expect(error.message.length).toBeLessThan(400);
  });
});

describe('classifyFailure', () => {
  const fetchFailed = (code: string, message = code) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
  const notFired = { fired: false, seconds: 20 };

  it.each([
    [fetchFailed('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), 'unreachable',
      /at https:\/\/tms-demo.example.com\/ws \(connection refused\)\. Check the/],
    [fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND tms-x'), 'unreachable', /host name not found/],
    [fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'unreachable',
      /secure connection failed/],
    [fetchFailed('UND_ERR_CONNECT_TIMEOUT'), 'unreachable', /VPN/],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'unreachable', /host name not found/],
    [fetchFailed('ECONNRESET', 'read ECONNRESET'), 'dropped', /closed before its answer/],
    [fetchFailed('UND_ERR_SOCKET', 'other side closed'), 'dropped', /closed before/],
    [new TypeError('terminated', { cause: new Error('socket hang up') }), 'dropped', /closed/],
    [new Error('net::ERR_CONNECTION_RESET'), 'dropped', /closed/],
    [new Error('something nobody expected'), 'dropped', /something nobody expected/],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout',
      /did not answer within 20 seconds/],
  ])('classifies %s as %s', (failure, kind, message) => {
    const error = classifyFailure(failure, exchange, notFired);

    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('calls it a timeout when our own deadline fired, whatever the runtime threw', () => {
    const error = classifyFailure(new Error('This operation was aborted'), exchange, {
      fired: true,
      seconds: 1.5,
    });

    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('1.5 seconds');
    expect(error.maybeCommitted).toBe(true);
  });
});

describe('redact', () => {
  it('removes given secrets and credential-shaped text', () => {
    const text = redact('Authorization: Basic ZGVtbzpkZW1v and hunter2-password', [
      'hunter2-password',
    ]);

    expect(text).not.toContain('ZGVtbzpkZW1v');
    expect(text).not.toContain('hunter2-password');
    expect(redact('Authorization: Basic ZGVtbzpkZW1v', [])).not.toContain('ZGVtbzpk');
    expect(redact('Bearer 6f1d0c7e-1b2a-4c5d-9e8f-0a1b2c3d4e5f', [])).toBe('Bearer [redacted]');
    expect(redact('Token expired', [])).toBe('Token expired');
  });
});
