/**
 * Sign-in to McLeod and the life of its token.
 *
 * Basic credentials are used once, to mint a token; the token is what every other call
 * carries. The token always goes to the OS keychain, the password only when the rep ticks
 * "remember me", so that a token McLeod stops accepting can be renewed without a prompt.
 * Nothing here is ever written to a file or a log.
 */
import type { AuthStatus } from '../contract';
import { invalidInput } from '../app/dispatch';
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

/** One signed-in McLeod account: its client carries this connection's token and no other. */
interface Connection {
  signIn: LastSignIn;
  client: McLeodApi;
  token?: string;
  renewing?: Promise<string | undefined>;
}

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { vault, settings } = options;
  const listeners = new Set<(status: AuthStatus) => void>();
  let current: Connection | undefined;
  let notice: string | undefined;

  function status(): AuthStatus {
    const last = current?.signIn ?? settings.get().lastSignIn;

    return {
      signedIn: Boolean(current?.token),
      serverUrl: last?.serverUrl,
      companyId: last?.companyId,
      userId: last?.userId,
      remember: last?.remember ?? false,
      notice,
    };
  }

  function changed(): AuthStatus {
    const now = status();

    for (const listener of listeners) listener(now);

    return now;
  }

  function connect(signIn: LastSignIn, token?: string): Connection {
    const connection: Connection = { signIn, token } as Connection;

    connection.client = createMcLeodClient({
      serverUrl: signIn.serverUrl,
      companyId: signIn.companyId,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      auth: {
        currentToken: () => connection.token,
        renewToken: () => {
          // Several calls may hit the expiry at once: renew once for all of them.
          connection.renewing ??= renew(connection).finally(() => {
            connection.renewing = undefined;
          });

          return connection.renewing;
        },
      },
    });

    return connection;
  }

  async function renew(connection: Connection): Promise<string | undefined> {
    const { signIn } = connection;
    const accounts = vaultAccounts(signIn);
    const password = signIn.remember ? await vault.get(accounts.password) : null;

    if (!password) {
      logger.info('token no longer accepted and no remembered password: sign-in needed');

      return endConnection(
        connection,
        accounts.token,
        'Your McLeod session ended. Sign in again; logged calls are kept and will be sent.',
      );
    }

    try {
      connection.token = await connection.client.login(signIn.userId, password);
      await vault.set(accounts.token, connection.token);
      logger.info('token renewed with the remembered password');

      return connection.token;
    } catch (error) {
      if (isMcLeodError(error) && error.kind === 'auth') {
        await vault.delete(accounts.password);

        return endConnection(
          connection,
          accounts.token,
          'McLeod no longer accepts the remembered password. Sign in again.',
        );
      }

      throw error;
    }
  }

  async function endConnection(
    connection: Connection,
    tokenAccount: string,
    message: string,
  ): Promise<undefined> {
    connection.token = undefined;
    await vault.delete(tokenAccount);
    if (connection === current) {
      notice = message;
      changed();
    }

    return undefined;
  }

  return {
    status,
    api: () => (current?.token ? current.client : undefined),
    account: () => (current?.token ? current.signIn : undefined),

    async restore() {
      const last = settings.get().lastSignIn;

      if (!last) return status();

      const saved = await vault.get(vaultAccounts(last).token);

      if (saved) {
        current = connect(last, saved);
        logger.info('restored the last sign-in from the keychain');
      }

      return changed();
    },

    async signIn(request) {
      let serverUrl: string;

      try {
        serverUrl = normalizeServerUrl(request.serverUrl);
      } catch (error) {
        throw invalidInput(error);
      }

      const signIn: LastSignIn = {
        serverUrl,
        companyId: request.companyId.trim(),
        userId: request.userId.trim(),
        remember: request.remember,
      };
      const candidate = connect(signIn);

      candidate.token = await candidate.client.login(signIn.userId, request.password);
      try {
        // A login can succeed for a user who lacks the CRM role; find out now, not mid-call.
        await candidate.client.listCallListProfiles();
      } catch (error) {
        await candidate.client.logout(candidate.token).catch(() => undefined);
        throw error;
      }

      const previous = current;
      const accounts = vaultAccounts(signIn);

      await vault.set(accounts.token, candidate.token);
      if (signIn.remember) await vault.set(accounts.password, request.password);
      else await vault.delete(accounts.password);

      current = candidate;
      notice = undefined;
      settings.update({ lastSignIn: signIn });
      if (previous?.token) {
        // Every login mints a token: revoke the one this sign-in replaces.
        await previous.client.logout(previous.token).catch(() => undefined);
        previous.token = undefined;
      }
      logger.info('signed in', { serverUrl: signIn.serverUrl, userId: signIn.userId });

      return changed();
    },

    async signOut() {
      const leaving = current;

      current = undefined;
      notice = undefined;
      if (leaving) {
        const accounts = vaultAccounts(leaving.signIn);

        if (leaving.token) {
          // Revoke when we can; offline the token simply stays unused until it expires.
          await leaving.client.logout(leaving.token).catch((error: unknown) => {
            logger.warn('could not revoke the token at sign-out', { reason: String(error) });
          });
          leaving.token = undefined;
        }
        await vault.delete(accounts.token);
        await vault.delete(accounts.password);
        settings.update({ lastSignIn: { ...leaving.signIn, remember: false } });
      }

      return changed();
    },

    onChange(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },
  };
}
