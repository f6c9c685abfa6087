import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../electron/app/dispatch';
import type { EmitEvent, Handlers } from '../../../electron/contract';
import { injectShim, startBrowserBridge, type BrowserBridge } from '../../harness/browser-bridge';

const listeners = new Set<EmitEvent>();
const emit: EmitEvent = (event, payload) =>
  listeners.forEach((listener) => listener(event, payload));
const signInRequests: unknown[] = [];

// Only the channels these tests call; dispatch never reaches the others.
const handlers = {
  'auth:status': async () => ({ signedIn: false, remember: false }),
  'auth:signIn': async (signIn: unknown) => {
    signInRequests.push(signIn);

    return { signedIn: true, remember: false };
  },
  'dial:copy': async () => {
    throw new UserFacingError('no-phone', 'This prospect has no number to copy.');
  },
} as unknown as Handlers;

let rendererDir: string;
let bridge: BrowserBridge;
let origin: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'bridge-renderer-'));
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<html><head><script type="module" src="./assets/app.js"></script></head></html>',
  );
  writeFileSync(path.join(tmpdir(), 'bridge-outside.txt'), 'outside the renderer');
  bridge = await startBrowserBridge({
    handlers,
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    rendererDir,
  });
  origin = new URL(bridge.url).origin;
});

afterAll(async () => {
  await bridge.stop();
  rmSync(rendererDir, { recursive: true, force: true });
});

function invoke(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${bridge.url}__bridge/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('browser bridge', () => {
  it('listens on 127.0.0.1 under a secret path', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{20,}\/$/);
  });

  it('serves index.html with the shim before the app script', async () => {
    const html = await (await fetch(bridge.url)).text();

    expect(html.indexOf('__bridge/shim.js')).toBeGreaterThan(0);
    expect(html.indexOf('__bridge/shim.js')).toBeLessThan(html.indexOf('type="module"'));
    expect(() => injectShim('<html></html>')).toThrow(/no module script/);
  });

  it('refuses requests without the secret, from another origin or another host name', async () => {
    expect((await fetch(`${origin}/index.html`)).status).toBe(404);
    expect((await fetch(`${origin}/__bridge/shim.js`)).status).toBe(404);
    expect((await invoke('auth:status', {}, { Origin: 'http://evil.example' })).status).toBe(403);

    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(bridge.url);
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: url.pathname,
          headers: { Host: 'attacker.test' },
        },
        (response) => resolve(response.statusCode ?? 0),
      );

      outgoing.on('error', reject);
      outgoing.end();
    });

    expect(rebound).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const escaped = await fetch(`${bridge.url}..%2Fbridge-outside.txt`);

    expect(escaped.status).toBe(404);
  });

  it('passes a request through dispatch and answers its Result', async () => {
    const answer = await (await invoke('auth:status', {})).json();

    expect(answer).toEqual({ ok: true, value: { signedIn: false, remember: false } });

    const refused = await (await invoke('auth:signIn', { request: { userId: 'x' } })).json();

    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('invalid');
    expect(signInRequests).toHaveLength(0);

    const failed = await (
      await invoke('dial:copy', { request: { prospectId: 'P', phoneKey: 'main' } })
    ).json();

    expect(failed).toEqual({
      ok: false,
      error: { code: 'no-phone', message: 'This prospect has no number to copy.' },
    });
  });

  it('accepts only channels from the contract, as JSON POSTs', async () => {
    expect((await invoke('fs:readFile', {})).status).toBe(404);
    expect((await fetch(`${bridge.url}__bridge/invoke/auth:status`)).status).toBe(405);
    expect(
      (await fetch(`${bridge.url}__bridge/invoke/auth:status`, { method: 'POST', body: '{}' }))
        .status,
    ).toBe(415);
  });

  it('streams contract events to the page and drops unknown ones', async () => {
    const response = await fetch(`${bridge.url}__bridge/events`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';

    await reader.read();
    (emit as (event: string, payload: unknown) => void)('secret:leak', { token: 'x' });
    emit('outbox:changed', { connection: 'online', waiting: 2, attention: 0 });

    while (!received.includes('\n\n')) received += decoder.decode((await reader.read()).value);
    await reader.cancel();

    expect(received).toBe(
      'event: outbox:changed\ndata: {"connection":"online","waiting":2,"attention":0}\n\n',
    );
  });
});
