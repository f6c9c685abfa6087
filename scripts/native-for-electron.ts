/**
 * Builds keytar and better-sqlite3 for Electron's ABI into .native/electron, leaving the
 * copies in node_modules built for Node so that `npm test` keeps working on the same
 * checkout. The desktop app (unpackaged) loads the .native copies; installers get theirs
 * from electron-builder. Needs Electron's headers, which @electron/rebuild downloads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rebuild } from '@electron/rebuild';

const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.native', 'electron-build');
const target = path.join(root, '.native', 'electron');
const modules: Record<string, string> = {
  keytar: 'keytar.node',
  'better-sqlite3': 'better_sqlite3.node',
};
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version as string;

async function main(): Promise<void> {
  const stamp = path.join(target, 'electron-version');

  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === electronVersion) {
    console.log(`Native modules for Electron ${electronVersion} are ready.`);

    return;
  }

  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'native-for-electron', version: '0.0.0', dependencies: {} }),
  );
  for (const name of Object.keys(modules)) {
    fs.cpSync(path.join(root, 'node_modules', name), path.join(work, 'node_modules', name), {
      recursive: true,
    });
  }

  await rebuild({
    buildPath: work,
    electronVersion,
    onlyModules: Object.keys(modules),
    force: true,
  });

  fs.mkdirSync(target, { recursive: true });
  for (const [name, file] of Object.entries(modules)) {
    fs.copyFileSync(
      path.join(work, 'node_modules', name, 'build', 'Release', file),
      path.join(target, file),
    );
  }
  fs.writeFileSync(stamp, electronVersion);
  console.log(`Built ${Object.values(modules).join(', ')} for Electron ${electronVersion}.`);
}

main().catch((error: unknown) => {
  console.error(`Could not build native modules for Electron: ${String(error)}`);
  process.exit(1);
});
