/**
 * Where tokens and remembered passwords live: the OS keychain, never a file.
 * The keytar-backed implementation is in `keytar-vault.ts`.
 */
export interface SecretVault {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/** Keychain account names for one McLeod sign-in, kept apart per server, company and user. */
export function vaultAccounts(sign: { serverUrl: string; companyId: string; userId: string }) {
  const base = `${sign.userId}@${sign.companyId}@${sign.serverUrl}`;

  return { token: `${base}#token`, password: `${base}#password` };
}
