/**
 * The keychain when one answers (a desktop session, or `npm test`'s gnome-keyring), else a
 * memory-only vault, said out loud so nobody mistakes it for the app's behaviour.
 */
import { createKeytarVault, loadKeytar } from '../electron/secrets/keytar-vault';
import { createMemoryVault } from '../electron/secrets/memory-vault';
import type { SecretVault } from '../electron/secrets/vault';

export async function headlessVault(
  service: string,
): Promise<{ vault: SecretVault; kind: string }> {
  try {
    const vault = createKeytarVault(await loadKeytar(), service);
    const probe = `probe-${process.pid}`;

    await vault.set(probe, 'ok');
    const readBack = await vault.get(probe);

    await vault.delete(probe);
    if (readBack === 'ok') return { vault, kind: 'OS keychain' };
  } catch {
    // Fall through: no Secret Service on this machine.
  }

  return { vault: createMemoryVault(), kind: 'memory only (no OS keychain answered)' };
}
