import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcLeodClient, normalizeServerUrl } from '../../../electron/mcleod/client';
import { McLeodError } from '../../../electron/mcleod/errors';

// Tiny servers on 127.0.0.1 that misbehave in ways the simulator does not: a wrong body type,
// a gateway page, silence. The simulator-backed tests cover the McLeod protocol itself.
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const token = '5b0f3c1e-9d7a-4e2b-8c6f-1a2b3c4d5e6f';
const auth = { currentToken: () => token, renewToken: async () => undefined };

async function failure(promise: Promise<unknown>): Promise<McLeodError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(McLeodError);
    return error as McLeodError;
  }
  throw new Error('expected the call to fail');
}

describe('normalizeServerUrl', () => {
  it.each([
    ['tms-xxxx.loadtracking.com', 'https://tms-xxxx.loadtracking.com/ws'],
    ['  tms-xxxx.loadtracking.com/  ', 'https://tms-xxxx.loadtracking.com/ws'],
    ['http://127.0.0.1:5690', 'http://127.0.0.1:5690/ws'],
    ['http://127.0.0.1:5690/ws', 'http://127.0.0.1:5690/ws'],
    ['https://tms.example.com:5690/ws/', 'https://tms.example.com:5690/ws'],
    ['HTTPS://TMS.example.com//', 'https://tms.example.com/ws'],
    ['https://gw.example.com/mcleod/ws', 'https://gw.example.com/mcleod/ws'],
    ['tms.example.com:5690', 'https://tms.example.com:5690/ws'],
  ])('turns %j into %s', (typed, url) => {
    expect(normalizeServerUrl(typed)).toBe(url);
  });

  it.each(['', '   ', 'ftp://tms.example.com', 'tms example com', 'https://',
    'https://user:pw@tms.example.com', 'https://tms.example.com/ws?x=1', 'http://[::1'])(
    'refuses %j with a message naming the problem',
    (typed) => {
      expect(() => normalizeServerUrl(typed)).toThrow(/not a McLeod server address/);
    },
  );
});

describe('client against servers that misbehave', () => {
  it('says plainly it cannot reach a closed port, and names the address', async () => {
    const url = await serve(() => {});
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));

    const client = createMcLeodClient({ serverUrl: url, auth });
    const error = await failure(client.listCallListProfiles());

    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `Cannot reach the McLeod server at ${url}/ws (connection refused). ` +
        'Check the address and your VPN.',
    );
    expect(error.offline).toBe(true);
  });

  it('reports XML where JSON was expected as a format error', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0"?><list><call_list_profile id="1"/></list>');
    });
    const client = createMcLeodClient({ serverUrl: url, auth });
    const error = await failure(client.listCallListProfiles());

    expect(error.kind).toBe('format');
    expect(error.message).toMatch(/^McLeod answered in XML instead of JSON/);
  });

  it('reports an HTML 502 from a gateway as a proxy error that will be retried', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    });
    const client = createMcLeodClient({ serverUrl: url, auth });
    const error = await failure(client.getProspect('1'));

    expect(error.kind).toBe('proxy');
    expect(error.message).toBe(
      "The server's gateway answered with a web page instead of McLeod data (HTTP 502). " +
        'Usually the VPN or a proxy; try again in a moment.',
    );
    expect(error.transient).toBe(true);
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const url = await serve(() => {});
    const client = createMcLeodClient({ serverUrl: url, auth, timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(client.getProspect('1'));

    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0.3 seconds/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a connection cut mid-answer as dropped, so the outbox checks before resending',
    async () => {
      const url = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"__type":"prospect_action","id":');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const client = createMcLeodClient({ serverUrl: url, auth });
      const error = await failure(
        client.createAction({ __type: 'prospect_action', customer_id: '1', activity_id: 'CALL' }),
      );

      expect(error.kind).toBe('dropped');
      expect(error.maybeCommitted).toBe(true);
    });

  it('sends the headers McLeod needs, and the Basic header only to login', async () => {
    const seen: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        if (req.url === '/ws/users/login') {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end(`${token}\n`);
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"__type":"prospect_action","id":"77","customer_id":"1"}');
      });
    });
    const client = createMcLeodClient({ serverUrl: url, companyId: ' TMS ', auth });

    expect(await client.login('demo', 'pässword')).toBe(token);
    await client.createAction({ __type: 'prospect_action', customer_id: '1', activity_id: 'VM' });

    const [login, create] = seen;
    expect(login!.headers.authorization).toBe(
      `Basic ${Buffer.from('demo:pässword', 'utf8').toString('base64')}`,
    );
    expect(login!.headers.accept).toBe('text/plain');
    expect(login!.headers['x-com.mcleodsoftware.companyid']).toBe('TMS');
    expect(create!.path).toBe('/ws/crm/prospectActions/create');
    expect(create!.headers.authorization).toBe(`Token ${token}`);
    expect(create!.headers.accept).toBe('application/json');
    expect(create!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(create!.body)).toEqual({
      __type: 'prospect_action',
      customer_id: '1',
      activity_id: 'VM',
      method: 0,
    });
  });

  it('does not follow a redirect that could carry the token to another address', async () => {
    let followed = false;
    const elsewhere = await serve((_req, res) => {
      followed = true;
      res.end('[]');
    });
    const url = await serve((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere}/ws/crm/callListProfiles` });
      res.end();
    });
    const client = createMcLeodClient({ serverUrl: url, auth });
    const error = await failure(client.listCallListProfiles());

    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/redirect/);
    expect(followed).toBe(false);
  });
});
