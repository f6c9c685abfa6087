import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createKeytarVault,
  loadKeytar,
  type KeytarLike,
} from '../../../electron/secrets/keytar-vault';
import { vaultAccounts } from '../../../electron/secrets/vault';

// A service name of its own per run, so a developer's real "McLeod Dialer" entries are never
// touched and runs cannot see each other's leftovers.
const service = `McLeod Dialer test ${randomUUID()}`;
const keytar = await loadKeytar();
const unavailable = await probe(keytar);

/** Why the real keychain cannot be used here, or undefined when a set/get round trip works. */
async function probe(candidate: KeytarLike): Promise<string | undefined> {
  try {
    await candidate.setPassword(service, 'probe', 'probe-value');
    const back = await candidate.getPassword(service, 'probe');

    await candidate.deletePassword(service, 'probe');

    return back === 'probe-value' ? undefined : 'the keychain returned another value';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const touched: string[] = [];

afterAll(async () => {
  if (unavailable) return;

  for (const account of touched) await keytar.deletePassword(service, account);
});

const serverUrl = 'http://127.0.0.1:5690/ws';
const jsmith = vaultAccounts({ serverUrl, companyId: 'TMS', userId: 'jsmith' });
const demo = vaultAccounts({ serverUrl, companyId: 'TMS', userId: 'demo' });

touched.push(jsmith.token, jsmith.password, demo.token, demo.password);

describe.skipIf(unavailable !== undefined)('keytar vault on the real Secret Service', () => {
  const vault = createKeytarVault(keytar, service);

  it('stores, reads back and deletes a token', async () => {
    await vault.set(jsmith.token, 'c0ffee00-token-1');
    expect(await vault.get(jsmith.token)).toBe('c0ffee00-token-1');
    await vault.delete(jsmith.token);
    expect(await vault.get(jsmith.token)).toBeNull();
  });

  it('answers null for a secret that was never stored, and deleting it is harmless', async () => {
    expect(await vault.get(`${demo.token}-never`)).toBeNull();
    await expect(vault.delete(`${demo.token}-never`)).resolves.toBeUndefined();
  });

  it('keeps two sign-ins and their token and password apart', async () => {
    await vault.set(jsmith.token, 'token-of-jsmith');
    await vault.set(jsmith.password, 'password-of-jsmith');
    await vault.set(demo.token, 'token-of-demo');

    expect(await vault.get(jsmith.token)).toBe('token-of-jsmith');
    expect(await vault.get(jsmith.password)).toBe('password-of-jsmith');
    expect(await vault.get(demo.token)).toBe('token-of-demo');
    expect(await vault.get(demo.password)).toBeNull();

    await vault.delete(jsmith.token);
    expect(await vault.get(demo.token)).toBe('token-of-demo');
    expect(await vault.get(jsmith.password)).toBe('password-of-jsmith');
  });

  it('overwrites a secret stored before', async () => {
    await vault.set(demo.password, 'first password');
    await vault.set(demo.password, 'second password');

    expect(await vault.get(demo.password)).toBe('second password');
  });

  it('keeps secrets of other services apart', async () => {
    const other = createKeytarVault(keytar, `${service} other`);

    await vault.set(demo.token, 'mine');
    expect(await other.get(demo.token)).toBeNull();
  });

  it('refuses an empty secret with a message that does not blame the keychain', async () => {
    await expect(vault.set(demo.token, '')).rejects.toThrow(/secret is empty/);
  });
});

describe('keytar vault when the keychain fails', () => {
  const failing: KeytarLike = {
    getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    setPassword: () => Promise.reject(new Error('org.freedesktop.secrets was not provided')),
    deletePassword: () => Promise.reject(new Error('Prompt dismissed')),
  };
  const vault = createKeytarVault(failing);

  it('says the keychain is locked or unavailable, with the reason, not the secret', async () => {
    const error = await vault.set('demo@TMS@x#password', 'hunter2-secret').catch((e: Error) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'The system keychain is locked or unavailable: org.freedesktop.secrets was not provided',
    );
    expect((error as Error).message).not.toContain('hunter2');
    await expect(vault.get('x')).rejects.toThrow(/^The system keychain is locked or unavailable/);
    await expect(vault.delete('x')).rejects.toThrow(/locked or unavailable: Prompt dismissed/);
  });
});

it('reaches a Secret Service, or says why the keychain tests were skipped', () => {
  if (unavailable !== undefined) {
    console.warn(
      `Keychain tests skipped: no Secret Service answered (${unavailable}). ` +
        "Run them inside dbus-run-session with gnome-keyring, as 'npm test' does.",
    );
  }
  // `npm test` runs inside dbus-run-session with an unlocked gnome-keyring
  // (scripts/test.mjs): with a session bus present, an unreachable keychain is a failure.
  const keychainExpected =
    process.env.DBUS_SESSION_BUS_ADDRESS !== undefined ||
    process.env.DIALER_REQUIRE_KEYCHAIN === '1';

  if (keychainExpected) expect(unavailable).toBeUndefined();
});
