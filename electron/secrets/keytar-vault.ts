/**
 * The SecretVault on top of the OS keychain through keytar (Windows Credential Manager,
 * macOS Keychain, Secret Service on Linux). keytar is injected so the shell can load the
 * copy built for Electron's ABI while tests load the Node one.
 */
import { createRequire } from 'node:module';
import { log } from '../logging/log';
import type { SecretVault } from './vault';

const logger = log.scope('vault');

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const defaultVaultService = 'McLeod Dialer';

/** A vault that keeps each secret under `service` and the account name it is given. */
export function createKeytarVault(keytar: KeytarLike, service = defaultVaultService): SecretVault {
  // The keychain's own message says why (locked, no Secret Service, access denied); the
  // secret is never part of it, and we add only the operation and the account.
  async function guarded<T>(operation: string, account: string, run: () => Promise<T>) {
    try {
      return await run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);

      logger.error('keychain call failed', { operation, account, reason });
      throw new Error(`The system keychain is locked or unavailable: ${reason}`, { cause: error });
    }
  }

  return {
    get: (account) => guarded('get', account, () => keytar.getPassword(service, account)),
    set: async (account, secret) => {
      // keytar would refuse it with a message that blames the keychain.
      if (!secret) throw new Error('Nothing to store in the keychain: the secret is empty.');

      await guarded('set', account, () => keytar.setPassword(service, account, secret));
    },
    delete: async (account) => {
      await guarded('delete', account, () => keytar.deletePassword(service, account));
    },
  };
}

/**
 * Loads keytar: the package by default, or a `keytar.node` binding at `nativePath` (an
 * Electron build ships one compiled for Electron's ABI beside the app).
 */
export async function loadKeytar(nativePath?: string): Promise<KeytarLike> {
  if (nativePath) {
    const binding = createRequire(import.meta.url)(nativePath) as Partial<KeytarLike>;

    if (typeof binding.getPassword !== 'function' || typeof binding.setPassword !== 'function' ||
      typeof binding.deletePassword !== 'function') {
      throw new Error(`${nativePath} is not a keytar binding.`);
    }

    return binding as KeytarLike;
  }

  const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike };

  // keytar is CommonJS: ESM sees its exports on `default`, a bundler may flatten them.
  return loaded.default ?? loaded;
}
