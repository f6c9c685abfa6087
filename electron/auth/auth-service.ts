/**
 * Sign-in to McLeod and the life of its token.
 *
 * Basic credentials are used once, to mint a token; the token is what every other call
 * carries. The token always goes to the OS keychain, the password only when the rep ticks
 * "remember me", so that a token McLeod stops accepting can be renewed without a prompt.
 * Nothing here is ever written to a file or a log.
 */
import type { AuthStatus } from '../contract';
import { UserFacingError } from '../app/dispatch';
import { createMcLeodClient, normalizeServerUrl } from '../mcleod/client';
import { isMcLeodError } from '../mcleod/errors';
import type { McLeodApi } from '../mcleod/types';
import { log } from '../logging/log';
import { vaultAccounts, type SecretVault } from '../secrets/vault';
import type { LastSignIn, SettingsStore } from '../settings/settings-store';

const logger = log.scope('auth');

export interface SignInRequest {
  serverUrl: string;
  companyId: string;
  userId: string;
  password: string;
  remember: boolean;
}

export interface AuthService {
  status(): AuthStatus;
  /** The McLeod API for the signed-in account, or undefined when signed out. */
  api(): McLeodApi | undefined;
  account(): LastSignIn | undefined;
  /** Restores the last sign-in from the keychain; works offline. */
  restore(): Promise<AuthStatus>;
  signIn(request: SignInRequest): Promise<AuthStatus>;
  signOut(): Promise<AuthStatus>;
  onChange(listener: (status: AuthStatus) => void): () => void;
}

export interface AuthServiceOptions {
  vault: SecretVault;
  settings: SettingsStore;
  fetch: typeof fetch;
  timeoutMs?: number;
}

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { vault, settings } = options;
  const listeners = new Set<(status: AuthStatus) => void>();
  let account: LastSignIn | undefined;
  let token: string | undefined;
  let client: McLeodApi | undefined;
  let notice: string | undefined;
  let renewing: Promise<string | undefined> | undefined;

  function status(): AuthStatus {
    const last = account ?? settings.get().lastSignIn;

    return {
      signedIn: Boolean(account && token),
      serverUrl: last?.serverUrl,
      companyId: last?.companyId,
      userId: last?.userId,
      remember: last?.remember ?? false,
      notice,
    };
  }

  function changed(): AuthStatus {
    const current = status();

    for (const listener of listeners) listener(current);

    return current;
  }

  function makeClient(signIn: LastSignIn): McLeodApi {
    return createMcLeodClient({
      serverUrl: signIn.serverUrl,
      companyId: signIn.companyId,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      auth: {
        currentToken: () => token,
        renewToken: () => {
          // Several calls may hit the expiry at once: renew once for all of them.
          renewing ??= renew(signIn).finally(() => {
            renewing = undefined;
          });

          return renewing;
        },
      },
    });
  }

  async function renew(signIn: LastSignIn): Promise<string | undefined> {
    const accounts = vaultAccounts(signIn);
    const password = signIn.remember ? await vault.get(accounts.password) : null;

    if (!password || !client) {
      logger.info('token no longer accepted and no remembered password: sign-in needed');
      token = undefined;
      await vault.delete(accounts.token);
      notice = 'Your McLeod session ended. Sign in again; logged calls are kept and will be sent.';
      changed();

      return undefined;
    }

    try {
      token = await client.login(signIn.userId, password);
      await vault.set(accounts.token, token);
      logger.info('token renewed with the remembered password');

      return token;
    } catch (error) {
      if (isMcLeodError(error) && error.kind === 'auth') {
        token = undefined;
        await vault.delete(accounts.password);
        notice = 'McLeod no longer accepts the remembered password. Sign in again.';
        changed();

        return undefined;
      }

      throw error;
    }
  }

  return {
    status,
    api: () => (token ? client : undefined),
    account: () => (token ? account : undefined),

    async restore() {
      const last = settings.get().lastSignIn;

      if (!last) return status();

      const accounts = vaultAccounts(last);
      const saved = await vault.get(accounts.token);

      if (saved) {
        account = last;
        token = saved;
        client = makeClient(last);
        logger.info('restored the last sign-in from the keychain');
      }

      return changed();
    },

    async signIn(request) {
      let serverUrl: string;

      try {
        serverUrl = normalizeServerUrl(request.serverUrl);
      } catch (error) {
        throw new UserFacingError('invalid', error instanceof Error ? error.message : String(error));
      }

      const signIn: LastSignIn = {
        serverUrl,
        companyId: request.companyId.trim(),
        userId: request.userId.trim(),
        remember: request.remember,
      };
      const candidate = makeClient(signIn);
      const newToken = await candidate.login(signIn.userId, request.password);

      // A login can succeed for a user who lacks the CRM role; find out now, not mid-call.
      const previousToken = token;

      token = newToken;
      try {
        await candidate.listCallListProfiles();
      } catch (error) {
        token = previousToken;
        await candidate.logout(newToken).catch(() => undefined);
        throw error;
      }

      if (account && previousToken && previousToken !== newToken && client) {
        await client.logout(previousToken).catch(() => undefined);
      }

      const accounts = vaultAccounts(signIn);

      await vault.set(accounts.token, newToken);
      if (signIn.remember) await vault.set(accounts.password, request.password);
      else await vault.delete(accounts.password);

      account = signIn;
      client = candidate;
      notice = undefined;
      settings.update({ lastSignIn: signIn });
      logger.info('signed in', { serverUrl: signIn.serverUrl, userId: signIn.userId });

      return changed();
    },

    async signOut() {
      const last = account;
      const oldToken = token;

      token = undefined;
      account = undefined;
      notice = undefined;
      if (last) {
        const accounts = vaultAccounts(last);

        if (oldToken && client) {
          // Revoke when we can; offline the token simply stays unused until it expires.
          await client.logout(oldToken).catch((error: unknown) => {
            logger.warn('could not revoke the token at sign-out', { reason: String(error) });
          });
        }
        await vault.delete(accounts.token);
        await vault.delete(accounts.password);
        settings.update({ lastSignIn: { ...last, remember: false } });
      }
      client = undefined;

      return changed();
    },

    onChange(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },
  };
}
