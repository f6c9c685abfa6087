/**
 * The client against small misbehaving servers on 127.0.0.1: a read that fails once is
 * tried again, a write never is, and a reply too large to hold is refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcLeodClient } from '../../../electron/mcleod/client';
import { startSimulator } from '../../mcleod-sim';

const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);

  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

function client(serverUrl: string) {
  return createMcLeodClient({
    serverUrl,
    auth: { currentToken: () => '1f2e3d4c-token', renewToken: async () => undefined },
    timeoutMs: 5_000,
  });
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('a server having a bad moment', () => {
  it('tries a read again after a 500 and a proxy page, and answers it', async () => {
    let calls = 0;
    const url = await serve((_request, response) => {
      calls += 1;
      const [status, type, body] =
        calls === 1
          ? [500, 'text/plain', 'java.lang.NullPointerException']
          : calls === 2
            ? [502, 'text/html', '<html>Bad Gateway</html>']
            : [200, 'application/json', '[]'];

      response.writeHead(status, { 'Content-Type': type }).end(body);
    });

    await expect(client(url).listCallListProfiles()).resolves.toEqual([]);
    expect(calls).toBe(3);
  });

  it('never repeats a write by itself', async () => {
    let writes = 0;
    const url = await serve((request, response) => {
      if (request.method === 'PUT') writes += 1;
      response
        .writeHead(500, { 'Content-Type': 'text/plain' })
        .end('java.sql.SQLException: deadlock');
    });

    await expect(
      client(url).createAction({
        __type: 'prospect_action',
        customer_id: 'C1',
        activity_id: 'CALL',
      }),
    ).rejects.toMatchObject({ kind: 'server' });
    expect(writes).toBe(1);
  });

  it('does not retry a read McLeod refuses for good', async () => {
    let calls = 0;
    const url = await serve((_request, response) => {
      calls += 1;
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Prospect not found');
    });

    await expect(client(url).getProspect('NOPE')).rejects.toBeDefined();
    expect(calls).toBe(1);
  });
});

describe('a reply too large to hold', () => {
  const tooLarge = 33 * 1024 * 1024;

  it('is refused when the server says its size up front', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(tooLarge),
      });
      response.write('[');
    });

    await expect(client(url).prospectHistory('C1')).rejects.toMatchObject({
      kind: 'format',
      message: expect.stringMatching(/larger than 32 MB/),
    });
  });

  it('is refused while streaming when the server does not', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 40 && response.write(chunk)) sent += 1;
        if (sent >= 40) response.end();
        else response.once('drain', pump);
      };

      pump();
    });

    await expect(client(url).prospectHistory('C1')).rejects.toMatchObject({ kind: 'format' });
  });
});

describe('messages at sign-in say what to check', () => {
  it('blames the company, not the password, when McLeod does not know the company', async () => {
    const sim = await startSimulator({ faults: {} });

    try {
      const wrongCompany = createMcLeodClient({
        serverUrl: sim.url,
        companyId: 'ZZZ',
        auth: { currentToken: () => undefined, renewToken: async () => undefined },
      });

      await expect(wrongCompany.login('demo', 'demo')).rejects.toMatchObject({
        kind: 'auth',
        message: expect.stringMatching(/company ID "ZZZ"/),
      });
    } finally {
      await sim.stop();
    }
  });

  it('says a web page at the address is probably the wrong address', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome to IIS</html>');
    });

    await expect(client(url).listCallListProfiles()).rejects.toMatchObject({
      kind: 'proxy',
      message: expect.stringMatching(/Check that the address is your McLeod web services/),
    });
  });

  it('keeps the outbox wording about doubt for writes only', async () => {
    const url = await serve(() => {
      // Never answers: both calls time out.
    });
    const slow = createMcLeodClient({
      serverUrl: url,
      auth: { currentToken: () => '1f2e3d4c-token', renewToken: async () => undefined },
      timeoutMs: 300,
    });

    await expect(slow.listCallListProfiles()).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.not.stringMatching(/checks before sending/),
    });
    await expect(
      slow.createAction({ __type: 'prospect_action', customer_id: 'C1', activity_id: 'CALL' }),
    ).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/checks before/) });
  });
});
