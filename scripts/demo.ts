/**
 * `npm run demo`: starts the built-in McLeod simulator and the dialer signed in to it.
 *
 * With Electron's binary present it builds the app and opens the desktop window. Without it
 * (Electron downloads the binary on first run, which some machines cannot do) it says so and
 * serves the same renderer and core in a browser at a 127.0.0.1 address instead.
 * `npm run demo:browser` asks for the browser version directly.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/app/core';
import { setLogLevel } from '../electron/logging/log';
import { startSimulator } from '../test/mcleod-sim';
import { startBrowserBridge } from '../test/harness/browser-bridge';
import { createNodeAdapters } from '../test/harness/node-adapters';
import { headlessVault } from './headless-vault';

const root = path.resolve(import.meta.dirname, '..');
const wantsBrowser = process.argv.includes('--browser');
const port = Number(process.env.DEMO_PORT ?? 0);

function electronBinary(): string | undefined {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');

  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());

  return fs.existsSync(binary) ? binary : undefined;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });

  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

async function main(): Promise<void> {
  setLogLevel(process.env.DIALER_LOG_LEVEL ?? 'warn');
  const sim = await startSimulator({ port: Number(process.env.SIM_PORT ?? 0) });

  console.log(`McLeod simulator: ${sim.url}  (user demo, password demo, company TMS)`);
  const binary = wantsBrowser ? undefined : electronBinary();

  if (!wantsBrowser && !binary) {
    console.log(
      "\nElectron's binary is not installed (it is downloaded on first run, and this machine " +
        'could not).\nOn a machine with internet, run `node node_modules/electron/install.js` ' +
        'once, then `npm run demo` again.\nStarting the browser version of the demo instead.\n',
    );
  }

  if (binary) {
    run('npx', ['electron-vite', 'build']);
    run('npx', ['tsx', 'scripts/native-for-electron.ts']);
    const app = spawn(binary, ['.'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DIALER_DEMO_URL: sim.url, DIALER_DEMO_COMPANY: 'TMS' },
    });

    app.on('exit', (code) => {
      void sim.stop().then(() => process.exit(code ?? 0));
    });

    return;
  }

  run('npm', ['run', '--silent', 'build:renderer']);
  const userData = path.join(os.tmpdir(), 'mcleod-dialer-demo');
  const { vault, kind } = await headlessVault('McLeod Dialer demo');
  const adapters = createNodeAdapters({ userData, vault });
  const core = await createCore(adapters);

  await core.start();
  const signedIn = await core.handlers['auth:signIn']({
    serverUrl: sim.url,
    companyId: 'TMS',
    userId: 'demo',
    password: 'demo',
    remember: false,
  });
  const bridge = await startBrowserBridge({
    handlers: core.handlers,
    onEvent: (listener) => core.onEvent(listener),
    rendererDir: path.join(root, 'out', 'renderer'),
    port,
  });

  console.log(`Signed in as ${signedIn.userId}. Secrets kept in: ${kind}. Local data: ${userData}`);
  console.log(`\nOpen the dialer: ${bridge.url}\n`);
  console.log('Dial links are recorded, not opened, in the browser version. Ctrl+C stops.');

  const stop = async () => {
    await bridge.stop();
    await core.stop();
    await sim.stop();
    process.exit(0);
  };

  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
