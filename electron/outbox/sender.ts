/**
 * Sends the outbox to McLeod in the background, in the order outcomes were logged.
 *
 * - One prospect's outcomes go strictly one after another; different prospects go side by
 *   side, up to `concurrency` at a time, started in the order they were logged.
 * - A failed send waits with exponential backoff and full jitter. The delay is computed here
 *   rather than with a retry package (exponential-backoff, retry): those run the retries in
 *   memory, while the wait must be a durable `next_attempt_at` in SQLite that survives a
 *   restart, and the formula itself is one line.
 * - When McLeod cannot be reached the sender goes offline: it stops sending and probes with
 *   the oldest outcome on a capped backoff; the first answer brings everything back at once.
 * - Exactly once without server help: an entry whose earlier send may have reached McLeod is
 *   `uncertain`; before creating it again the sender looks for it in the prospect's history.
 */
import type { ConnectionState, OutboxStatus } from '../contract';
import { systemClock, type Clock } from '../app/adapters';
import { isMcLeodError, type McLeodError } from '../mcleod/errors';
import type { McLeodApi, McLeodRow, ProspectAction } from '../mcleod/types';
import { parseMcLeodDate } from '../mcleod/dates';
import { log } from '../logging/log';
import type { OutboxStore, StoredOutboxEntry } from './outbox-store';

const logger = log.scope('outbox');

export type OutboxApi = Pick<McLeodApi, 'createAction' | 'prospectHistory'>;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
}

export interface OutboxSenderOptions {
  store: OutboxStore;
  /** The signed-in client, or undefined while the rep is signed out. */
  api: () => OutboxApi | undefined;
  clock?: Clock;
  /** Sends in flight at once, across different prospects. Default 2. */
  concurrency?: number;
  /** Per-entry retry delays. Default 1 s doubling up to 60 s. */
  backoff?: BackoffPolicy;
  /** How often to probe while offline. Default 2 s doubling up to 30 s. */
  probe?: BackoffPolicy;
  /** How long to wait before trying again after McLeod refused the sign-in. Default 60 s. */
  authRetryMs?: number;
  /** A reply McLeod sent but we could not read moves to attention after this many tries. */
  formatAttemptsBeforeAttention?: number;
  /**
   * After a send that timed out, dropped or met a gateway error, McLeod may still be working
   * on it. The history check is repeated until this long after the doubt began before the
   * outcome is created again. Default 45 s (more than the client's 20 s timeout).
   */
  settleMs?: number;
  onChange?: (status: OutboxStatus) => void;
  /** Jitter source in [0, 1), injectable for tests. */
  random?: () => number;
}

export interface OutboxSender {
  start(): void;
  /** Stops scheduling and waits for the sends in flight to settle. */
  stop(): Promise<void>;
  /**
   * Wakes the sender at once. The app calls it after logging or resending an outcome, after a
   * sign-in, after any successful API call and when the OS says the network is back.
   */
  kick(): void;
  status(): OutboxStatus;
  /** Resolves true once nothing is waiting or in flight, false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean>;
}

type Delivery = { actionId: string; how: 'created' | 'matched' };

/** A send whose outcome is unknown because McLeod may still be working on it. */
class StillSettling extends Error {
  constructor(readonly until: number) {
    super('Waiting to see whether McLeod saved the earlier attempt before sending again.');
  }
}

/** Kinds of failure after which McLeod may still be carrying out the request. */
const mayStillBeRunning = new Set(['timeout', 'dropped', 'proxy']);

const farFuture = new Date(8.64e15);

/** Backoff with full jitter: a random wait up to the capped exponential ceiling. */
export function backoffDelay(policy: BackoffPolicy, step: number, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** step);

  return Math.round(random() * ceiling);
}

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 60_000, factor: 2 };
  const probePolicy = options.probe ?? { baseMs: 2000, maxMs: 30_000, factor: 2 };
  const authRetryMs = options.authRetryMs ?? 60_000;
  const formatLimit = options.formatAttemptsBeforeAttention ?? 5;
  const idleCheckMs = 30_000;
  const settleMs = options.settleMs ?? 45_000;
  /** When the doubt about each uncertain entry's last send began (this process only). */
  const doubtSince = new Map<number, number>();

  const inFlight = new Map<number, Promise<void>>();
  const drainWaiters = new Set<() => void>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let offline = false;
  let probeStep = 0;
  let probeAt = 0;
  let authPausedUntil = 0;
  let signedOut = false;
  let lastError: string | undefined;
  let lastEmitted = '';

  function schedule(delayMs: number): NodeJS.Timeout {
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, Math.max(1, delayMs));

    return timer;
  }

  function pump(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!running) return;

    const now = clock.now();
    const api = options.api();

    signedOut = api === undefined || now.getTime() < authPausedUntil;
    if (api === undefined) {
      // Nothing to do until the rep signs in; the app kicks us then, the timer is a backstop.
      schedule(authRetryMs).unref();
      emit();

      return;
    }
    if (signedOut) {
      schedule(authPausedUntil - now.getTime());
      emit();

      return;
    }

    if (offline) {
      pumpOffline(api, now);
      emit();

      return;
    }

    const free = concurrency - inFlight.size;

    if (free > 0) {
      for (const entry of store.due(now, free)) send(entry, api);
    }
    if (inFlight.size < concurrency) {
      const next = store.nextAttemptAt();

      if (next !== undefined) schedule(next.getTime() - clock.now().getTime());
      else if (inFlight.size === 0) idleCheck();
    }
    emit();
  }

  // The app kicks after logging an outcome; this slow look is only a backstop should a kick
  // be missed, and it must not keep a process alive on its own.
  function idleCheck(): void {
    schedule(idleCheckMs).unref();
  }

  function pumpOffline(api: OutboxApi, now: Date): void {
    if (inFlight.size > 0) return;

    if (now.getTime() < probeAt) {
      schedule(probeAt - now.getTime());

      return;
    }

    // The oldest outcome that may go next is the probe, whatever its own backoff says.
    const probe = store.due(farFuture, 1)[0];

    if (probe === undefined) {
      schedule(backoffDelay(probePolicy, probeStep, () => 1));

      return;
    }
    logger.info('outbox probing the server with the oldest outcome', { id: probe.id });
    send(probe, api);
  }

  function send(entry: StoredOutboxEntry, api: OutboxApi): void {
    try {
      store.markSending(entry.id);
    } catch (error) {
      // It changed state since it was read (e.g. discarded); the next pump sees the truth.
      logger.warn('outbox entry skipped', { id: entry.id, error: String(error) });

      return;
    }

    const sending = deliverOnce(entry, api)
      .then(
        (delivery) => onDelivered(entry, delivery),
        (failure: { error: unknown; mayHaveCommitted: boolean }) => onFailed(entry, failure),
      )
      .catch((error: unknown) => {
        // Bookkeeping itself failed (e.g. the disk is full): the row stays `sending` and is
        // recovered as uncertain on the next start, so nothing is lost.
        logger.error('outbox could not record a send result', {
          id: entry.id,
          error: String(error),
        });
      })
      .finally(() => {
        inFlight.delete(entry.id);
        pump();
      });

    inFlight.set(entry.id, sending);
  }

  /** Creates the action unless an earlier, uncertain send already did. */
  async function deliverOnce(entry: StoredOutboxEntry, api: OutboxApi): Promise<Delivery> {
    let creating = false;

    try {
      if (entry.uncertain) {
        const history = await api.prospectHistory(entry.prospectId);
        const match = findSameAction(entry.row, history, store.claimedActionIds(entry.prospectId));

        if (match) return { actionId: match.id, how: 'matched' };

        const since = doubtSince.get(entry.id);

        if (since !== undefined && clock.now().getTime() - since < settleMs) {
          throw new StillSettling(since + settleMs);
        }
      }
      creating = true;
      const action = await api.createAction(entry.row);

      return { actionId: action.id, how: 'created' };
    } catch (error) {
      // A refused request or one that never left cannot have created anything.
      const mayHaveCommitted =
        creating && (!isMcLeodError(error) || error.maybeCommitted || error.kind === 'format');

      throw { error, mayHaveCommitted };
    }
  }

  function onDelivered(entry: StoredOutboxEntry, delivery: Delivery): void {
    doubtSince.delete(entry.id);
    store.markSent(entry.id, delivery.actionId, delivery.how, clock.now());
    logger.debug('outbox outcome is in McLeod', {
      id: entry.id,
      actionId: delivery.actionId,
      how: delivery.how,
    });
    lastError = undefined;
    backOnline();
  }

  function onFailed(
    entry: StoredOutboxEntry,
    failure: { error: unknown; mayHaveCommitted: boolean },
  ): void {
    const { error } = failure;
    const uncertain = entry.uncertain || failure.mayHaveCommitted;
    const now = clock.now();

    if (error instanceof StillSettling) {
      // The history answered, so McLeod is reachable; only this outcome waits.
      backOnline();
      store.markRetry(entry.id, error.message, new Date(error.until), {
        uncertain: true,
        countAttempt: false,
        growBackoff: false,
      });

      return;
    }
    if (failure.mayHaveCommitted && isMcLeodError(error) && mayStillBeRunning.has(error.kind)) {
      doubtSince.set(entry.id, now.getTime());
    }

    if (!isMcLeodError(error)) {
      retryLater(entry, String(error), uncertain, now);
      logger.error('outbox send failed unexpectedly; will retry', {
        id: entry.id,
        error: String(error),
      });

      return;
    }

    lastError = error.message;
    if (error.kind === 'auth') {
      // Not the outcome's fault: it keeps its place and its attempt count.
      store.markRetry(entry.id, error.message, now, {
        uncertain,
        countAttempt: false,
        growBackoff: false,
      });
      // With a token still in hand, the refusal raced a renewal made by another call: try
      // again shortly. Without one, the rep must sign in (kick() ends the pause then).
      const stillSignedIn = options.api() !== undefined;

      const pauseMs = stillSignedIn ? Math.min(authRetryMs, 5_000) : authRetryMs;

      authPausedUntil = now.getTime() + pauseMs;
      logger.warn('outbox paused: McLeod refused the sign-in', { id: entry.id, stillSignedIn });

      return;
    }

    if (error.offline) {
      goOffline(entry, error, uncertain, now);

      return;
    }

    backOnline();
    if (error.kind === 'rejected' || error.kind === 'forbidden') {
      store.markAttention(entry.id, attentionMessage(error), { uncertain });
      logger.warn('outbox outcome refused by McLeod; needs the rep', {
        id: entry.id,
        kind: error.kind,
        serverText: error.details.serverText,
      });

      return;
    }

    if (error.kind === 'format' && entry.attempts + 1 >= formatLimit) {
      store.markAttention(entry.id, attentionMessage(error), { uncertain });
      logger.error('outbox keeps getting unreadable replies; needs the rep', { id: entry.id });

      return;
    }

    retryLater(entry, error.message, uncertain, now);
  }

  function retryLater(entry: StoredOutboxEntry, message: string, uncertain: boolean, now: Date) {
    const delay = backoffDelay(backoff, entry.backoffStep, random);

    store.markRetry(entry.id, message, new Date(now.getTime() + delay), { uncertain });
    logger.warn('outbox send failed; will retry', { id: entry.id, delayMs: delay, message });
  }

  function goOffline(entry: StoredOutboxEntry, error: McLeodError, uncertain: boolean, now: Date) {
    if (offline) probeStep += 1;
    else logger.warn('outbox offline: McLeod cannot be reached', { kind: error.kind });
    offline = true;

    const delay = backoffDelay(probePolicy, probeStep, () => 0.5 + random() / 2);

    probeAt = now.getTime() + delay;
    store.markRetry(entry.id, error.message, new Date(probeAt), {
      uncertain,
      outage: true,
    });
  }

  function backOnline(): void {
    if (!offline) return;
    offline = false;
    probeStep = 0;
    const released = store.clearOutageWaits(clock.now());

    logger.info('outbox back online; resuming at once', { released });
  }

  function status(): OutboxStatus {
    const counts = store.counts();
    const lastSentAt = store.lastSentAt();
    const nextAttemptAt = counts.waiting > 0 ? store.nextAttemptAt() : undefined;
    let connection: ConnectionState = 'online';

    if (signedOut) connection = 'signed-out';
    else if (offline) connection = 'offline';
    else if (inFlight.size > 0) connection = 'syncing';

    return {
      connection,
      waiting: counts.waiting,
      attention: counts.attention,
      ...(lastSentAt && { lastSentAt: lastSentAt.toISOString() }),
      ...(nextAttemptAt && { nextAttemptAt: nextAttemptAt.toISOString() }),
      ...(lastError !== undefined && counts.waiting > 0 && { lastError }),
    };
  }

  function emit(): void {
    const current = status();
    const key = JSON.stringify(current);

    if (current.waiting === 0) for (const wake of drainWaiters) wake();
    if (key === lastEmitted) return;
    lastEmitted = key;
    options.onChange?.(current);
  }

  return {
    start() {
      if (running) return;
      running = true;
      pump();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight.values()]);
    },

    kick() {
      authPausedUntil = 0;
      if (offline) probeAt = 0;
      pump();
    },

    status,

    drained(timeoutMs) {
      if (store.counts().waiting === 0) return Promise.resolve(true);

      return new Promise((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(deadline);
          drainWaiters.delete(wake);
          resolve(value);
        };
        const wake = () => done(true);
        const deadline = setTimeout(() => done(false), timeoutMs);

        drainWaiters.add(wake);
      });
    },
  };
}

/**
 * The action in `history` that an earlier send of `row` created, if any: same prospect,
 * activity, action date (as an instant) and remarks (trimmed), not already claimed.
 */
export function findSameAction(
  row: McLeodRow,
  history: ProspectAction[],
  claimed: Set<string>,
): ProspectAction | undefined {
  const when = instantOf(row.action_date);

  if (when === undefined) {
    logger.warn('outbox cannot check for a duplicate: the outcome has no concrete action date');

    return undefined;
  }
  const customerId = String(row.customer_id ?? '');
  const activityId = String(row.activity_id ?? '');
  const remarks = String(row.remarks ?? '').trim();

  return history.find(
    (action) =>
      !claimed.has(action.id) &&
      action.customerId === customerId &&
      action.activityId === activityId &&
      instantOf(action.actionDate) === when &&
      (action.remarks ?? '').trim() === remarks,
  );
}

function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;

  let iso = value;

  // McLeod's own form (yyyyMMddHHmmssZ); anything else is taken as ISO 8601.
  if (/^\d{8}(\d{6})?([+-]\d{4})?$/.test(value)) {
    try {
      iso = parseMcLeodDate(value);
    } catch {
      return undefined;
    }
  }
  const ms = Date.parse(iso);

  return Number.isNaN(ms) ? undefined : ms;
}

function attentionMessage(error: McLeodError): string {
  const said = error.details.serverText;

  if (!said || error.message.includes(said)) return error.message;

  return `${error.message} (McLeod said: ${said})`;
}
