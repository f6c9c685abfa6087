/**
 * The real OS keychain (gnome-keyring under `npm test`) with a service name of its own per
 * test run, so tests never touch a developer's saved sign-ins and clean up after themselves.
 */
import { createKeytarVault, loadKeytar } from '../../electron/secrets/keytar-vault';
import type { SecretVault } from '../../electron/secrets/vault';

export interface TestVault extends SecretVault {
  service: string;
  /** Everything this vault wrote, for assertions and for clean-up. */
  accounts(): string[];
  clear(): Promise<void>;
}

export async function createTestVault(label = 'test'): Promise<TestVault> {
  const keytar = await loadKeytar();
  const service = `McLeod Dialer ${label} ${process.pid}-${Date.now()}`;
  const vault = createKeytarVault(keytar, service);
  const written = new Set<string>();

  return {
    service,
    get: (account) => vault.get(account),
    async set(account, secret) {
      written.add(account);
      await vault.set(account, secret);
    },
    delete: (account) => vault.delete(account),
    accounts: () => [...written],
    async clear() {
      for (const account of written) await vault.delete(account);
    },
  };
}
