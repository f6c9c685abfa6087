/**
 * A vault that lives only in this process's memory, for headless tools (the soak command,
 * the browser demo on a machine without a Secret Service). Nothing is written anywhere;
 * the desktop app always uses the OS keychain.
 */
import type { SecretVault } from './vault';

export function createMemoryVault(): SecretVault {
  const secrets = new Map<string, string>();

  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => void secrets.delete(account),
  };
}
