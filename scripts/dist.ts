/**
 * `npm run dist`: builds the app and the installers for this platform, then rebuilds the
 * native modules for Node, because electron-builder rebuilds them in place for Electron.
 */
import { spawnSync } from 'node:child_process';

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });

  return result.status ?? 1;
}

let status = run('npx', ['electron-vite', 'build']);

if (status === 0) status = run('npx', ['electron-builder', '--config', 'electron-builder.yml']);
const restored = run('npm', ['rebuild', 'keytar', 'better-sqlite3']);

if (restored !== 0) console.error('Could not rebuild native modules for Node; run `npm rebuild`.');
process.exit(status || restored);
