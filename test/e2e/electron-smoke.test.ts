/**
 * The desktop shell itself, through Playwright's Electron support: the window opens on the
 * sign-in screen with `window.dialer` as its only bridge (no Node, no raw IPC), and signs in
 * to the simulator. Electron downloads its binary on first run; where that binary is not
 * installed this test is skipped, and its title says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../mcleod-sim';

const root = fileURLToPath(new URL('../..', import.meta.url));

function electronBinary(): string | undefined {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');

  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(
    root,
    'node_modules',
    'electron',
    'dist',
    fs.readFileSync(pathFile, 'utf8').trim(),
  );

  return fs.existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const title = binary
  ? 'opens the desktop window on sign-in with only window.dialer exposed, and signs in'
  : "SKIPPED: Electron's binary is not installed here (it downloads on first run), " +
    'so the desktop window was not started';

let sim: RunningSim | undefined;

// Said at collection time: Vitest runs no hooks in a file whose tests are all skipped.
if (!binary) console.warn(`Electron smoke test ${title}`);

beforeAll(async () => {
  if (!binary) return;
  for (const [command, args] of [
    ['npx', ['electron-vite', 'build']],
    ['npx', ['tsx', 'scripts/native-for-electron.ts']],
  ] as const) {
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });

    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  }
  sim = await startSimulator({ faults: {} });
});

afterAll(async () => {
  await sim?.stop();
});

it.skipIf(!binary)(title, async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, DIALER_DEMO_URL: sim!.url },
  });

  try {
    const page = await app.firstWindow();

    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toMatch(/McLeod Dialer/);
    const exposed = await page.evaluate(() => ({
      dialer: Object.keys((window as unknown as { dialer: object }).dialer).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));

    expect(exposed).toEqual({
      dialer: ['invoke', 'on'],
      require: 'undefined',
      process: 'undefined',
    });
    await page.getByTestId('profile-item').first().waitFor({ timeout: 30_000 });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
