/**
 * Stands in for Electron's IPC when the renderer runs in a plain browser (end-to-end tests
 * and `npm run demo:browser`): serves the built renderer, injects a shim that defines
 * `window.dialer`, and carries invokes (HTTP POST) and events (server-sent events) to the
 * core through the same `dispatch` the Electron shell uses.
 *
 * Everything lives under a random per-start path segment and the server checks Host and
 * Origin, so another page or process on this machine cannot drive the core through it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch, isChannel } from '../../electron/app/dispatch';
import { eventNames, type EmitEvent, type Handlers } from '../../electron/contract';

export interface BrowserBridge {
  /** The page to open, secret included: `http://127.0.0.1:<port>/<secret>/`. */
  url: string;
  stop(): Promise<void>;
}

export interface BrowserBridgeOptions {
  handlers: Handlers;
  /** Subscribes to the core's events; returns the unsubscribe function. */
  onEvent: (listener: EmitEvent) => () => void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. Always on 127.0.0.1. */
  port?: number;
}

const shimFile = fileURLToPath(new URL('./bridge-shim.js', import.meta.url));
const maxBodyBytes = 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Starts the bridge server on 127.0.0.1 and resolves once it listens. */
export async function startBrowserBridge(options: BrowserBridgeOptions): Promise<BrowserBridge> {
  const secret = randomBytes(18).toString('base64url');
  const prefix = `/${secret}/`;
  const streams = new Set<ServerResponse>();
  const shim = await readFile(shimFile, 'utf8');
  let origin = '';

  const forward: EmitEvent = (event, payload) => {
    if (!(eventNames as readonly string[]).includes(event)) return;

    const frame = `event: ${event}\ndata: ${JSON.stringify(payload ?? null)}\n\n`;

    for (const stream of streams) stream.write(frame);
  };
  const unsubscribe = options.onEvent(forward);

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'Bridge failure');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // Refuse DNS-rebinding and cross-site requests before looking at the path.
    if (request.headers.host !== origin.slice('http://'.length)) {
      return send(response, 421, 'text/plain', 'Wrong host');
    }

    if (request.headers.origin !== undefined && request.headers.origin !== origin) {
      return send(response, 403, 'text/plain', 'Cross-origin request refused');
    }

    const path = decodeURIComponent(new URL(request.url ?? '/', origin).pathname);

    if (!path.startsWith(prefix)) return send(response, 404, 'text/plain', 'Not found');

    const rest = path.slice(prefix.length);

    if (rest === '__bridge/shim.js') return send(response, 200, contentTypes['.js']!, shim);

    if (rest === '__bridge/events') return openEventStream(request, response);

    if (rest.startsWith('__bridge/invoke/')) {
      return invoke(rest.slice('__bridge/invoke/'.length), request, response);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain', 'Method not allowed');
    }

    return serveRendererFile(rest === '' ? 'index.html' : rest, response);
  }

  async function invoke(channel: string, request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST only');

    if (!request.headers['content-type']?.startsWith('application/json')) {
      return send(response, 415, 'text/plain', 'JSON only');
    }

    if (!isChannel(channel)) return send(response, 404, 'text/plain', 'Unknown channel');

    const body = await readBody(request);
    let payload: unknown;

    try {
      payload = (JSON.parse(body) as { request?: unknown }).request;
    } catch {
      return send(response, 400, 'text/plain', 'Body is not JSON');
    }

    const result = await dispatch(options.handlers, channel, payload);

    return send(response, 200, 'application/json', JSON.stringify(result));
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse) {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  }

  async function serveRendererFile(relative: string, response: ServerResponse) {
    const root = normalize(options.rendererDir + sep);
    const file = normalize(join(root, relative));

    if (!file.startsWith(root)) return send(response, 404, 'text/plain', 'Not found');

    let content: Buffer;

    try {
      content = await readFile(file);
    } catch {
      return send(response, 404, 'text/plain', 'Not found');
    }

    const type = contentTypes[extname(file)] ?? 'application/octet-stream';

    if (relative !== 'index.html') return send(response, 200, type, content);

    return send(response, 200, type, injectShim(content.toString('utf8')));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}${prefix}`,
    async stop() {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Puts the shim before the app's module script so `window.dialer` exists when it runs. */
export function injectShim(html: string): string {
  const tag = '<script src="./__bridge/shim.js"></script>\n    ';
  const appScript = html.search(/<script\b[^>]*type="module"/);

  if (appScript < 0) throw new Error('The built index.html has no module script to precede.');

  return html.slice(0, appScript) + tag + html.slice(appScript);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer) {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('Request body too large'));
        request.destroy();

        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
