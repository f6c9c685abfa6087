/**
 * Where tokens and remembered passwords live: the OS keychain, never a file.
 * The keytar-backed implementation is in `keytar-vault.ts`.
 */
export interface SecretVault {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

export interface AccountIdentity {
  serverUrl: string;
  companyId: string;
  userId: string;
}

/**
 * One key per McLeod account, whatever case the rep typed it in: McLeod matches user and
 * company IDs without regard to case, so `DEMO` at `tms` is the same account as `demo` at
 * `TMS`, with the same outbox and keychain entries.
 */
export function accountKey(account: AccountIdentity): string {
  const server = account.serverUrl.trim().replace(/\/+$/, '').toLowerCase();

  const user = account.userId.trim().toLowerCase();

  return `${user}@${account.companyId.trim().toUpperCase()}@${server}`;
}

/** Keychain account names for one McLeod sign-in, kept apart per server, company and user. */
export function vaultAccounts(account: AccountIdentity) {
  const base = accountKey(account);

  return { token: `${base}#token`, password: `${base}#password` };
}
