/**
 * Builds a real core for a test: Node adapters, the real keychain (through a test-only
 * service name), a temp user-data folder, and McLeod at the given URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/app/core';
import type { Clock } from '../../electron/app/adapters';
import type { Events, EventName } from '../../electron/contract';
import { createNodeAdapters, type RecordingAdapters } from './node-adapters';
import type { TestVault } from './test-vault';

export interface CoreFixture {
  core: Core;
  adapters: RecordingAdapters;
  userData: string;
  events: { event: EventName; payload: Events[EventName] }[];
  /** A second core on the same folder and keychain: the app started again. */
  restart(): Promise<CoreFixture>;
  close(): Promise<void>;
}

export async function startCore(options: {
  vault: TestVault;
  userData?: string;
  clock?: Clock;
  core?: CoreOptions;
}): Promise<CoreFixture> {
  const userData = options.userData ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-core-'));
  const adapters = createNodeAdapters({ userData, vault: options.vault, clock: options.clock });
  const core = await createCore(adapters, {
    timeoutMs: 3_000,
    sender: { backoff: { baseMs: 20, maxMs: 400, factor: 2 }, settleMs: 500 },
    ...options.core,
  });
  const events: CoreFixture['events'] = [];

  core.onEvent((event, payload) => events.push({ event, payload }));
  await core.start();

  return {
    core,
    adapters,
    userData,
    events,
    restart: async () => {
      await core.stop();

      return startCore({ ...options, userData });
    },
    close: () => core.stop(),
  };
}

/** Signs the core in to McLeod at `serverUrl` as demo/demo (or `userId` with its own name as
 * password, as the simulator's users have), company TMS. */
export function signInAs(
  fixture: CoreFixture,
  serverUrl: string,
  options: { userId?: string; companyId?: string; password?: string; remember?: boolean } = {},
) {
  const userId = options.userId ?? 'demo';

  return fixture.core.handlers['auth:signIn']({
    serverUrl,
    companyId: options.companyId ?? 'TMS',
    userId,
    password: options.password ?? userId.toLowerCase(),
    remember: options.remember ?? false,
  });
}

/** Starts a session on the first call list profile and returns it with the templates. */
export async function startFirstList(fixture: CoreFixture) {
  const { handlers } = fixture.core;
  const [profile] = await handlers['profiles:list']({ refresh: true });
  const view = await handlers['session:start']({ kind: 'profile', profileId: profile!.id });

  return { view, templates: await handlers['outcome:templates'](undefined) };
}
