/**
 * What every end-to-end test starts with: the McLeod simulator (or a real server from
 * MCLEOD_* env where a test allows it), the real core behind the browser bridge, the real
 * keychain under a throw-away service name, and the built renderer in Debian's Chromium.
 * Also the few page moves several tests share: signing in, picking a call list, following
 * the card, and a McLeod client of the test's own to read back what the dialer sent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Clock } from '../../electron/app/adapters';
import { createCore, type Core, type CoreOptions } from '../../electron/app/core';
import { createMcLeodClient } from '../../electron/mcleod/client';
import type { McLeodApi } from '../../electron/mcleod/types';
import { startBrowserBridge, type BrowserBridge } from '../harness/browser-bridge';
import { createNodeAdapters, type RecordingAdapters } from '../harness/node-adapters';
import { createTestVault, type TestVault } from '../harness/test-vault';
import { startSimulator, type RunningSim } from '../mcleod-sim';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const rendererDir = path.join(root, 'out', 'renderer');

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface McLeodServer {
  url: string;
  companyId: string;
  userId: string;
  password: string;
}

export interface E2eWorld {
  /** The simulator now running; undefined against a real server or while stopped. */
  sim: RunningSim | undefined;
  server: McLeodServer;
  userData: string;
  vault: TestVault;
  adapters: RecordingAdapters;
  core: Core;
  bridge: BrowserBridge;
  browser: Browser;
  page: Page;
  /** Saves a screenshot of the page as `<name>.png` in this test's results folder. */
  shoot(name: string): Promise<void>;
  /** Takes McLeod away: the simulator stops, keeping its port and data for a restart. */
  stopSim(): Promise<void>;
  /** Brings McLeod back on the same address with the same data, without faults. */
  restartSim(): Promise<RunningSim>;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Folder under test-results/ for the screenshots. */
  shots: string;
  /** Use MCLEOD_URL (and MCLEOD_COMPANY, MCLEOD_USER, MCLEOD_PASSWORD) when it is set. */
  allowRealServer?: boolean;
  /** The core's clock; the system clock when absent. */
  clock?: Clock;
  core?: CoreOptions;
  /** Runs on the adapters before the core starts, e.g. to mark a hotkey as taken. */
  prepare?: (adapters: RecordingAdapters) => void;
}

/** Builds the renderer once if no build exists (the documented command builds it first). */
export function ensureRendererBuilt(): void {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;

  const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root });

  if (build.status !== 0) throw new Error(`Renderer build failed: ${build.stderr}`);
}

/** Starts McLeod, the core, the bridge and Chromium; the page is blank until the test opens it. */
export async function startE2e(options: E2eOptions): Promise<E2eWorld> {
  ensureRendererBuilt();

  const shots = path.join(root, 'test-results', options.shots);

  mkdirSync(shots, { recursive: true });

  let sim: RunningSim | undefined;
  let server: McLeodServer;

  if (options.allowRealServer && process.env.MCLEOD_URL) {
    server = {
      url: process.env.MCLEOD_URL,
      companyId: process.env.MCLEOD_COMPANY ?? 'TMS',
      userId: process.env.MCLEOD_USER ?? '',
      password: process.env.MCLEOD_PASSWORD ?? '',
    };
  } else {
    sim = await startSimulator({ faults: {} });
    server = { url: sim.url, companyId: 'TMS', userId: 'demo', password: 'demo' };
  }

  const userData = mkdtempSync(path.join(tmpdir(), `dialer-${options.shots}-`));
  const vault = await createTestVault(`e2e ${options.shots}`);
  const adapters = createNodeAdapters({ userData, vault, clock: options.clock });

  options.prepare?.(adapters);

  const core = await createCore(adapters, {
    sender: { backoff: { baseMs: 200, maxMs: 2_000, factor: 2 }, settleMs: 1_000 },
    ...options.core,
  });

  await core.start();

  const bridge = await startBrowserBridge({
    handlers: core.handlers,
    onEvent: (listener) => core.onEvent(listener),
    rendererDir,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumFlags,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  let stopped: { port: number; state: RunningSim['state'] } | undefined;

  const world: E2eWorld = {
    sim,
    server,
    userData,
    vault,
    adapters,
    core,
    bridge,
    browser,
    page,
    async shoot(name) {
      await page.screenshot({ path: path.join(shots, `${name}.png`) });
    },
    async stopSim() {
      const running = world.sim;

      if (!running) throw new Error('No simulator is running (a real server cannot be stopped).');
      stopped = { port: running.port, state: running.state };
      world.sim = undefined;
      await running.stop();
    },
    async restartSim() {
      if (!stopped) throw new Error('The simulator was not stopped by this test.');
      world.sim = await startSimulator({ port: stopped.port, state: stopped.state, faults: {} });
      stopped = undefined;

      return world.sim;
    },
    async close() {
      await browser.close();
      await bridge.stop();
      await core.stop();
      await vault.clear();
      await world.sim?.stop();
      rmSync(userData, { recursive: true, force: true });
    },
  };

  return world;
}

/** Signs in through the sign-in screen and waits for the call lists. */
export async function signIn(page: Page, server: McLeodServer): Promise<void> {
  await page.getByTestId('signin-server').fill(server.url);
  await page.getByTestId('signin-company').fill(server.companyId);
  await page.getByTestId('signin-user').fill(server.userId);
  await page.getByTestId('signin-password').fill(server.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('profile-item').first().waitFor();
}

export async function currentProspectId(page: Page): Promise<string> {
  const id = await page.locator('.prospect-card').getAttribute('data-prospect-id');

  if (!id) throw new Error('No prospect card on screen.');

  return id;
}

/** Waits until the card shows another prospect or the list is finished. */
export async function waitForCardToLeave(page: Page, prospectId: string): Promise<void> {
  await expect
    .poll(async () => {
      if ((await page.getByTestId('session-finished').count()) > 0) return 'finished';

      return page.locator('.prospect-card').getAttribute('data-prospect-id');
    })
    .not.toBe(prospectId);
}

/** Picks the first call list profile whose queue has at least `needed` prospects. */
export async function startFirstProfileWith(page: Page, needed: number): Promise<number> {
  const count = await page.getByTestId('profile-item').count();

  for (let index = 0; index < count; index += 1) {
    await page.getByTestId('profile-item').first().waitFor();
    for (let step = 0; step < index; step += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('progress').waitFor();

    const progress = (await page.getByTestId('progress').textContent()) ?? '';
    const total = Number(/of (\d+)/.exec(progress)?.[1] ?? 0);

    if (total >= needed && (await page.locator('.prospect-card').count()) > 0) return total;

    await endSession(page);
  }

  throw new Error(`No call list profile has ${needed} prospects.`);
}

/** Ends the session with E, confirming when the calling view asks, back on the call lists. */
export async function endSession(page: Page): Promise<void> {
  const confirm = page.getByTestId('end-confirm');
  const lists = page.getByTestId('profile-item').first();

  await page.keyboard.press('e');
  await confirm.or(lists).waitFor();
  if (await confirm.isVisible()) await page.keyboard.press('Enter');
  await lists.waitFor();
}

/** A McLeod client of the test's own, signed in, to read back what the dialer sent. */
export async function signedInChecker(
  server: McLeodServer,
): Promise<{ api: McLeodApi; close(): Promise<void> }> {
  const checker: { token?: string } = {};
  const api = createMcLeodClient({
    serverUrl: server.url,
    companyId: server.companyId,
    auth: { currentToken: () => checker.token, renewToken: async () => undefined },
  });

  const token = await api.login(server.userId, server.password);

  checker.token = token;

  return { api, close: () => api.logout(token) };
}
