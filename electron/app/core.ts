/**
 * The core of the dialer, with no Electron in it: settings, sign-in, the per-account store
 * (outbox, cache, session), the sender, dialing, hotkeys, and one handler per IPC channel.
 * `electron/main.ts` builds it with Electron adapters; tests and the browser harness build it
 * with Node ones and drive exactly the same handlers.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isSupportedCountry } from 'libphonenumber-js';
import path from 'node:path';
import type {
  AuthStatus,
  EmitEvent,
  Handlers,
  HotkeyAction,
  OutboxStatus,
  Settings,
} from '../contract';
import { createAuthService } from '../auth/auth-service';
import { createCacheStore } from '../cache/cache-store';
import { createSessionStore } from '../calllist/session-store';
import { buildDialLink, dialPresets } from '../dial/links';
import { createHotkeyRegistry, defaultHotkeys } from '../hotkeys/registry';
import { log } from '../logging/log';
import type { McLeodApi } from '../mcleod/types';
import { defaultTemplates, resolveFollowUpDate, validateTemplates } from '../outcomes/templates';
import { createOutboxStore, type OutboxStore } from '../outbox/outbox-store';
import { createOutboxSender, type OutboxSender } from '../outbox/sender';
import { createCallingService, type CallingService } from '../session/calling-service';
import { createDialing } from '../session/dialing';
import { createSettingsStore, publicSettings, type LastSignIn } from '../settings/settings-store';
import { accountKey } from '../secrets/vault';
import { openDatabase, type Db } from '../store/database';
import type { ShellAdapters } from './adapters';
import { invalidInput, UserFacingError } from './dispatch';

const logger = log.scope('core');

export interface CoreOptions {
  /** Path of better-sqlite3's .node built for Electron, when it is not in node_modules. */
  nativeBinding?: string;
  /** Outbox sender tuning, for tests and the soak command. */
  sender?: {
    concurrency?: number;
    backoff?: { baseMs: number; maxMs: number; factor: number };
    settleMs?: number;
  };
  /** How long a McLeod call may take before it counts as unanswered. */
  timeoutMs?: number;
}

export interface Core {
  handlers: Handlers;
  onEvent(listener: EmitEvent): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The OS says the network changed (resume from sleep, Wi-Fi back): try again now. */
  networkChanged(): void;
  /** The signed-in account's outbox, for tests and the soak command. */
  outbox(): OutboxStore | undefined;
  sender(): OutboxSender | undefined;
}

interface Account {
  db: Db;
  outbox: OutboxStore;
  sender: OutboxSender;
  calling: CallingService;
}

const probeIntervalMs = { first: 2_000, max: 30_000 };

export async function createCore(
  adapters: ShellAdapters,
  options: CoreOptions = {},
): Promise<Core> {
  const listeners = new Set<EmitEvent>();
  const emit: EmitEvent = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const tel = dialPresets.find((preset) => preset.id === 'tel') ?? dialPresets[0]!;
  const settings = createSettingsStore(adapters.paths.userData, {
    dialPreset: tel.id,
    dialTemplate: tel.template,
    hotkeys: defaultHotkeys,
    templates: defaultTemplates,
  });
  const auth = createAuthService({
    vault: adapters.vault,
    settings,
    fetch: adapters.fetch,
    timeoutMs: options.timeoutMs,
  });
  const hotkeys = createHotkeyRegistry(adapters.shortcuts, hotkeyPressed);
  let account: Account | undefined;
  let offline = false;
  let lastOfflineReason: string | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let probeDelay = probeIntervalMs.first;
  /** What waits in the last account's outbox while nobody is signed in to it. */
  let signedOutCounts: { waiting: number; attention: number } | undefined;
  /** Outbox entries needing attention that the rep has been notified about. */
  const toldAbout = new Set<number>();

  if (settings.recoveredFrom) {
    adapters.notify.show(
      'Dialer settings were reset',
      'The settings file could not be read and was set aside. Check the outcome templates ' +
        'and their activity codes in Settings before logging calls: they are back to the defaults.',
    );
  }
  hotkeys.configure(settings.get().hotkeys);
  if (settings.get().hotkeysPaused) hotkeys.pause(true);

  function hotkeyPressed(action: HotkeyAction): void {
    if (action === 'focus') adapters.window.focus();
    emit('hotkey:pressed', { action });
  }

  const connectivity = {
    reachable() {
      if (!offline) return;
      offline = false;
      lastOfflineReason = undefined;
      stopProbe();
      logger.info('McLeod answers again');
      account?.sender.kick();
      emitOutbox();
    },
    unreachable(reason: string) {
      lastOfflineReason = reason;
      if (offline) return;
      offline = true;
      logger.warn('McLeod unreachable, working from the local store', { reason });
      scheduleProbe();
      emitOutbox();
    },
    isOffline: () => offline,
  };

  function scheduleProbe(): void {
    stopProbe();
    probeTimer = setTimeout(probe, probeDelay);
    probeTimer.unref?.();
  }

  function stopProbe(): void {
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = undefined;
    probeDelay = probeIntervalMs.first;
  }

  async function probe(): Promise<void> {
    probeTimer = undefined;
    const api = auth.api();

    if (!api || !offline) return;
    try {
      await api.currentUser();
      connectivity.reachable();
    } catch {
      probeDelay = Math.min(probeDelay * 2, probeIntervalMs.max);
      if (offline) scheduleProbe();
    }
  }

  function outboxStatus(): OutboxStatus {
    if (!auth.status().signedIn) {
      const counts = account?.outbox.counts() ?? signedOutCounts;

      return {
        connection: 'signed-out',
        waiting: counts?.waiting ?? 0,
        attention: counts?.attention ?? 0,
      };
    }
    if (!account) return { connection: 'online', waiting: 0, attention: 0 };

    const status = account.sender.status();
    const connection = offline || status.connection === 'offline' ? 'offline' : status.connection;

    return { ...status, connection, lastError: status.lastError ?? lastOfflineReason };
  }

  function emitOutbox(): void {
    const status = outboxStatus();

    if (account && status.attention > 0) notifyNewAttention(account.outbox);
    else toldAbout.clear();
    emit('outbox:changed', status);
  }

  /** One desktop notification per outcome that newly needs the rep, naming it. */
  function notifyNewAttention(outbox: OutboxStore): void {
    const items = outbox.list('attention', 500);
    const fresh = items.filter((item) => !toldAbout.has(item.id));

    toldAbout.clear();
    for (const item of items) toldAbout.add(item.id);
    if (fresh.length === 0) return;

    const [first] = fresh;

    adapters.notify.show(
      fresh.length === 1
        ? 'A logged call needs attention'
        : `${fresh.length} logged calls need attention`,
      fresh.length === 1 && first?.lastError
        ? `${first.prospectName}: ${first.lastError}`
        : 'McLeod refused them. Open the outbox (O) to fix and resend.',
    );
  }

  function accountFile(signIn: LastSignIn): string {
    const id = createHash('sha256').update(accountKey(signIn)).digest('hex').slice(0, 16);

    return path.join(adapters.paths.userData, 'accounts', `${id}.sqlite`);
  }

  /** The signed-in client, but only while it is this account's: never another user's. */
  function apiFor(signIn: LastSignIn): () => McLeodApi | undefined {
    return () => {
      const active = auth.account();

      return active && sameAccount(active, signIn) ? auth.api() : undefined;
    };
  }

  function openAccount(signIn: LastSignIn): Account {
    const { db, recoveredFrom } = openDatabase(accountFile(signIn), {
      nativeBinding: options.nativeBinding,
    });

    if (recoveredFrom) {
      adapters.notify.show(
        'Local data could not be read',
        `The dialer's local file was damaged and was set aside (${recoveredFrom}). ` +
          'Nothing was deleted; contact IT to recover outcomes that were waiting in it.',
      );
    }

    const outbox = createOutboxStore(db);
    const cache = createCacheStore(db, adapters.clock);
    const sessions = createSessionStore(db);
    const sender = createOutboxSender({
      store: outbox,
      api: apiFor(signIn),
      clock: adapters.clock,
      concurrency: options.sender?.concurrency,
      backoff: options.sender?.backoff,
      settleMs: options.sender?.settleMs,
      onChange: (status) => {
        if (status.connection !== 'offline' && status.lastSentAt) connectivity.reachable();
        emitOutbox();
      },
    });
    const calling = createCallingService({
      api: apiFor(signIn),
      cache,
      sessions,
      outbox,
      settings: () => settings.get(),
      clock: adapters.clock,
      connectivity,
      outcomeLogged: () => {
        sender.kick();
        emitOutbox();
      },
      sessionActive: (active) => {
        emit('hotkeys:changed', active ? hotkeys.activate() : hotkeys.deactivate());
      },
    });

    outbox.prune(adapters.clock.now());
    sender.start();

    return { db, outbox, sender, calling };
  }

  async function closeAccount(): Promise<void> {
    if (!account) return;
    const closing = account;

    signedOutCounts = closing.outbox.counts();
    account = undefined;
    emit('hotkeys:changed', hotkeys.deactivate());
    await closing.sender.stop();
    closing.db.close();
  }

  /** Started without a usable sign-in: say what still waits under the last account. */
  function countLastAccount(): void {
    const last = settings.get().lastSignIn;

    if (!last || !fs.existsSync(accountFile(last))) return;
    const { db } = openDatabase(accountFile(last), { nativeBinding: options.nativeBinding });

    try {
      signedOutCounts = createOutboxStore(db).counts();
    } finally {
      db.close();
    }
  }

  function calling(): CallingService {
    if (!account || !auth.status().signedIn) {
      throw new UserFacingError('auth', 'Sign in to McLeod first.');
    }

    return account.calling;
  }

  function requireAccount(): Account {
    if (!account) throw new UserFacingError('auth', 'Sign in to McLeod first.');

    return account;
  }

  async function authChanged(status: AuthStatus): Promise<AuthStatus> {
    emit('auth:changed', status);
    emitOutbox();

    return status;
  }

  const dialing = createDialing({
    card: (prospectId) => calling().card(prospectId),
    dialTemplate: () => settings.get().dialTemplate,
    defaultCountry: () => settings.get().defaultCountry,
    dial: adapters.dial,
    clipboard: adapters.clipboard,
    clock: adapters.clock,
    timerChanged: (startedAt) => emit('dial:timer', { startedAt }),
  });

  auth.onChange((status) => {
    // A token McLeod stopped accepting: keep the account open (the outbox waits), but tell
    // the renderer so it can ask for the password.
    emit('auth:changed', status);
    emitOutbox();
  });

  function applySettings(change: Partial<Settings>): Settings {
    if (change.defaultCountry && !isSupportedCountry(change.defaultCountry.toUpperCase())) {
      throw new UserFacingError(
        'invalid',
        `"${change.defaultCountry}" is not a country code phone numbers can be read for; ` +
          'use a two-letter code such as US or CA.',
      );
    }
    if (change.defaultCountry) {
      change = { ...change, defaultCountry: change.defaultCountry.toUpperCase() };
    }
    if (change.templates) {
      const problems = validateTemplates(change.templates);

      if (problems.length > 0) throw new UserFacingError('invalid', problems.join(' '));
    }

    let { dialTemplate } = change;

    if (change.dialPreset && !dialTemplate) {
      const preset = dialPresets.find((candidate) => candidate.id === change.dialPreset);

      if (!preset) {
        throw new UserFacingError('invalid', `Unknown dial preset "${change.dialPreset}".`);
      }
      dialTemplate = preset.template;
    }
    if (dialTemplate !== undefined) {
      try {
        buildDialLink(dialTemplate, { e164: '+13125550142', digits: '13125550142' });
      } catch (error) {
        throw invalidInput(error);
      }
    }

    return publicSettings(
      settings.update({ ...change, ...(dialTemplate !== undefined ? { dialTemplate } : {}) }),
      dialPresets,
    );
  }

  const handlers: Handlers = {
    'auth:status': async () => auth.status(),
    'auth:signIn': async (request) => {
      const status = await auth.signIn(request);
      const signIn = auth.account();

      await closeAccount();
      if (signIn) account = openAccount(signIn);
      offline = false;

      return authChanged(status);
    },
    'auth:signOut': async () => {
      const waiting = account?.outbox.counts().waiting ?? 0;
      const status = await auth.signOut();

      await closeAccount();
      if (waiting > 0) {
        status.notice =
          `${waiting} logged call${waiting === 1 ? '' : 's'} will be sent ` +
          'when you sign in again with the same account.';
      }

      return authChanged(status);
    },

    'profiles:list': async (request) => calling().profiles(request?.refresh ?? false),

    'session:start': async (source) => {
      const view = await calling().start(source);

      emit('session:changed', view);

      return view;
    },
    'session:resume': async () => calling().resume(),
    'session:current': async () => calling().current(),
    'session:next': async () => calling().move('next'),
    'session:previous': async () => calling().move('previous'),
    'session:skip': async () => calling().move('skip'),
    'session:moveLater': async () => calling().move('moveLater'),
    'session:end': async () => {
      calling().end();
      dialing.end();
      emit('session:changed', null);

      return null;
    },

    'outcome:templates': async () => settings.get().templates,
    'outcome:log': async (request) => {
      const timed = dialing.takeCallSeconds(request.prospectId);

      return calling().logOutcome({ ...request, callSeconds: request.callSeconds ?? timed });
    },

    'outbox:status': async () => outboxStatus(),
    'outbox:list': async ({ state }) => requireAccount().outbox.list(state),
    'outbox:resend': async ({ id, ...edits }) => {
      const current = requireAccount();

      if (edits.nextActionDate) {
        // Resolved now, as at logging: the fix is sent later, maybe from another time zone.
        try {
          edits.nextActionDate = resolveFollowUpDate(edits.nextActionDate, adapters.clock.now());
        } catch (error) {
          throw invalidInput(error);
        }
      }

      if (!current.outbox.resend(id, edits, adapters.clock.now())) {
        throw new UserFacingError('not-found', 'That outcome is no longer waiting for a fix.');
      }
      current.sender.kick();
      emitOutbox();

      return outboxStatus();
    },
    'outbox:discard': async ({ id }) => {
      if (!requireAccount().outbox.discard(id)) {
        throw new UserFacingError(
          'not-found',
          'Only an outcome that needs attention can be discarded.',
        );
      }
      logger.warn('outcome discarded by the rep', { outboxId: id });
      emitOutbox();

      return outboxStatus();
    },

    'dial:start': async (request) => dialing.start(request),
    'dial:copy': async (request) => dialing.copy(request),
    'dial:end': async () => dialing.end(),

    'settings:get': async () => publicSettings(settings.get(), dialPresets),
    'settings:update': async (change) => applySettings(change),

    'hotkeys:status': async () => hotkeys.status(),
    'hotkeys:bind': async ({ action, accelerator }) => {
      const status = hotkeys.rebind(action, accelerator);

      settings.update({ hotkeys: hotkeys.bindings() });
      emit('hotkeys:changed', status);

      return status;
    },
    'hotkeys:pause': async ({ paused }) => {
      const status = hotkeys.pause(paused);

      settings.update({ hotkeysPaused: paused });
      emit('hotkeys:changed', status);

      return status;
    },
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },
    async start() {
      const status = await auth.restore();
      const signIn = auth.account();

      if (signIn) account = openAccount(signIn);
      else countLastAccount();
      await authChanged(status);
    },
    async stop() {
      stopProbe();
      await closeAccount();
    },
    networkChanged() {
      account?.sender.kick();
      if (offline) void probe();
    },
    outbox: () => account?.outbox,
    sender: () => account?.sender,
  };
}

function sameAccount(a: LastSignIn, b: LastSignIn): boolean {
  return accountKey(a) === accountKey(b);
}
