#!/usr/bin/env node
// `npm test`: type checks, lint, then unit and end-to-end tests inside a private D-Bus
// session with an unlocked gnome-keyring, so the keytar vault runs against a real
// Secret Service. Each step's failure fails the whole run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build renderer', 'npm', ['run', '--silent', 'build:renderer']],
];

for (const [name, command, args] of steps) {
  console.log(`\n== ${name}`);
  const run = spawnSync(command, args, { stdio: 'inherit' });

  if (run.status !== 0) {
    console.error(`\n${name} failed (exit ${run.status}).`);
    process.exit(run.status ?? 1);
  }
}

const vitestArgs = process.argv.slice(2).join(' ');
// A keyring of the run's own, created with a known password: the tests never touch (or
// depend on) a developer's login keyring, and a fresh machine behaves like any other.
const keyringHome = fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-keyring-'));
const inKeyring = [
  'set -e',
  `export XDG_DATA_HOME='${keyringHome}'`,
  'echo dialer-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
  'export DIALER_REQUIRE_KEYCHAIN=1',
  `npx vitest run ${vitestArgs}`,
].join('\n');

console.log('\n== unit and end-to-end tests (inside dbus-run-session with gnome-keyring)');
const tests = spawnSync('dbus-run-session', ['--', 'sh', '-c', inKeyring], { stdio: 'inherit' });

fs.rmSync(keyringHome, { recursive: true, force: true });
if (tests.error) {
  console.error(`Could not start dbus-run-session: ${tests.error.message}. Install dbus and gnome-keyring.`);
  process.exit(1);
}
process.exit(tests.status ?? 1);
