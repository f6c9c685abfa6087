/**
 * The HTTP side of the simulator: node:http on 127.0.0.1, McLeod's auth and content rules,
 * injected faults, and the routing table of the services the dialer uses.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import type { RunningSim, SimFaults, SimQuirks } from './index';
import { seededRandom } from './random';
import { generateState } from './seed';
import { SimFailure } from './failure';
import type { SimState } from './state';
import { routeRequest, type RouteResult, type SimRequest } from './routes';

export interface ResolvedSimOptions {
  port: number;
  seed: number;
  faults: SimFaults;
  quirks: SimQuirks;
  state?: SimState;
  stateFile?: string;
}

// Checks the frame of a saved state; the rows inside were written by this simulator.
const savedStateShape = z.looseObject({
  version: z.literal(1),
  seed: z.number(),
  anchorDay: z.number(),
  numberStyle: z.record(z.string(), z.enum(['string', 'number'])),
  defaultCompany: z.string(),
  companies: z.record(z.string(), z.looseObject({
    customers: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))),
    actions: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))),
    actionsByCustomer: z.record(z.string(), z.array(z.string())),
  })),
  tokens: z.record(z.string(), z.looseObject({ userId: z.string(), uses: z.number() })),
  nextActionId: z.number(),
});

function loadState(options: ResolvedSimOptions): SimState {
  if (options.state) return options.state;
  if (options.stateFile && existsSync(options.stateFile)) {
    const saved = savedStateShape.safeParse(JSON.parse(readFileSync(options.stateFile, 'utf8')));
    if (!saved.success) {
      throw new Error(`${options.stateFile} is not a saved simulator state: `
        + saved.error.message);
    }

    return saved.data as unknown as SimState;
  }

  return generateState(options.seed);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const proxyPage = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n'
  + '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n'
  + '</body>\r\n</html>\r\n';

const serverFault = 'java.lang.RuntimeException: com.mcleodsoftware.sql.DatabaseException: '
  + 'Connection to the database was reset\n'
  + '\tat com.mcleodsoftware.ws.crm.CRMService.invoke(CRMService.java:418)\n'
  + '\tat com.mcleodsoftware.ws.ServiceServlet.service(ServiceServlet.java:212)\n';

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=UTF-8`,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendResult(response: ServerResponse, result: RouteResult): void {
  if (result.status === 204) {
    response.writeHead(204);
    response.end();

    return;
  }
  send(response, result.status, result.contentType, result.body);
}

/** Starts the HTTP server with already-resolved options (see startSimulator). */
export async function createSimServer(options: ResolvedSimOptions): Promise<RunningSim> {
  const state = loadState(options);
  let faults: SimFaults = { ...options.faults };
  const faultRandom = seededRandom((state.seed ^ 0xfa0175) >>> 0);
  const sockets = new Set<Socket>();
  let served = 0;
  let saveTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;

  const saveNow = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!options.stateFile) return;
    const temporary = `${options.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, options.stateFile);
  };
  // Writing the whole state per request would slow a 1,000-create soak; batch instead.
  const saveSoon = () => {
    if (options.stateFile && !saveTimer && !stopped) saveTimer = setTimeout(saveNow, 100);
  };
  const roll = (rate: number | undefined) => rate !== undefined && rate > 0
    && faultRandom.next() < rate;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    served += 1;
    const rawBody = await readBody(request);
    if (faults.latencyMs && faults.latencyMs > 0) await sleep(faults.latencyMs);

    if (roll(faults.proxy502Rate)) return send(response, 502, 'text/html', proxyPage);
    if (roll(faults.error500Rate)) return send(response, 500, 'text/plain', serverFault);

    const target = request.url ?? '/';
    const question = target.indexOf('?');
    const simRequest: SimRequest = {
      method: request.method ?? 'GET',
      path: question < 0 ? target : target.slice(0, question),
      rawQuery: question < 0 ? '' : target.slice(question + 1),
      headers: request.headers,
      body: rawBody,
      nowMs: Date.now(),
    };

    let result: RouteResult;
    try {
      result = routeRequest(state, simRequest, {
        quirks: options.quirks,
        tokenExpiresAfter: faults.tokenExpiresAfter,
        newToken: randomUUID,
      });
    } catch (error) {
      const failure = error instanceof SimFailure ? error
        : new SimFailure(500, `java.lang.IllegalStateException: ${String(error)}`);
      result = { status: failure.status, contentType: 'text/plain', body: failure.text };
    }

    if (result.changedState) saveSoon();
    // The write is stored; losing the answer is what makes a client wonder whether it was.
    if (result.committedWrite && roll(faults.dropAfterCommitRate)) {
      request.socket.destroy();

      return;
    }
    sendResult(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'java.lang.InternalError');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}/ws`,
    port,
    state,
    setFaults: (next) => {
      faults = { ...next };
    },
    requestCount: () => served,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        saveNow();
        // The short pause lets in-process clients see their pooled sockets close, so a
        // restarted simulator is not greeted by requests on connections of the old one.
        server.close(() => setTimeout(resolve, 20));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });

      return stopped;
    },
  };
}
