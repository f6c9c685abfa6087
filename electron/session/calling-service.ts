/**
 * The rep's calling session, end to end: build a queue from McLeod (or the cache when the
 * server is out of reach), walk it, show cards, and log outcomes into the outbox.
 *
 * "Log and next" never waits for the network: the action defaults and the next cards come
 * from the cache the prefetcher keeps a few prospects ahead, the outcome is committed to the
 * outbox together with the session's move in one transaction, and the sender delivers it.
 */
import type {
  LogOutcomeRequest,
  ProfileSummary,
  ProspectCard,
  QueueSource,
  SessionView,
} from '../contract';
import type { Clock } from '../app/adapters';
import { invalidInput, UserFacingError } from '../app/dispatch';
import { queueKey, type CacheStore } from '../cache/cache-store';
import { buildQueue } from '../calllist/queue';
import { CallSession } from '../calllist/session';
import type { SessionStore } from '../calllist/session-store';
import { isMcLeodError } from '../mcleod/errors';
import type { McLeodApi, McLeodRow, Prospect, ProspectAction } from '../mcleod/types';
import { log } from '../logging/log';
import { buildActionRow } from '../outcomes/templates';
import type { OutboxStore } from '../outbox/outbox-store';
import type { StoredSettings } from '../settings/settings-store';
import { buildProspectCard } from './prospect-card';

const logger = log.scope('calling');

/** A card fetched less than this long ago is shown without an age. */
const freshForMs = 60_000;
/** Prefetched parts older than this are fetched again when the rep reaches them. */
const staleAfterMs = 15 * 60_000;

export interface Connectivity {
  /** A call to McLeod just worked. */
  reachable(): void;
  /** A call to McLeod failed without an answer. */
  unreachable(reason: string): void;
  isOffline(): boolean;
}

export interface CallingServiceOptions {
  api: () => McLeodApi | undefined;
  cache: CacheStore;
  sessions: SessionStore;
  outbox: OutboxStore;
  settings: () => StoredSettings;
  clock: Clock;
  connectivity: Connectivity;
  /** Called after an outcome is committed: wake the sender. */
  outcomeLogged: () => void;
  /** Called when a session starts, resumes or ends (hotkeys follow it). */
  sessionActive: (active: boolean) => void;
}

export interface CallingService {
  profiles(refresh: boolean): Promise<ProfileSummary[]>;
  start(source: QueueSource): Promise<SessionView>;
  resume(): Promise<SessionView | null>;
  current(): Promise<SessionView | null>;
  move(step: 'next' | 'previous' | 'skip' | 'moveLater'): Promise<SessionView>;
  end(): void;
  logOutcome(request: LogOutcomeRequest): Promise<{ outboxId: number; session: SessionView }>;
  /** The card for a prospect of the session, from the cache when possible. */
  card(prospectId: string): Promise<ProspectCard>;
}

export function createCallingService(options: CallingServiceOptions): CallingService {
  const { cache, sessions, outbox, clock, connectivity } = options;
  let session: CallSession | undefined;
  let prefetching: Promise<void> | undefined;

  /** Runs a McLeod call, keeping the connection state in step with what happened. */
  async function remote<T>(call: (api: McLeodApi) => Promise<T>): Promise<T> {
    const api = options.api();

    if (!api) throw new UserFacingError('auth', 'Sign in to McLeod first.');

    try {
      const result = await call(api);

      connectivity.reachable();

      return result;
    } catch (error) {
      if (isMcLeodError(error) && error.offline) connectivity.unreachable(error.message);
      throw error;
    }
  }

  function canUseCache(error: unknown): boolean {
    return isMcLeodError(error) && (error.transient || error.kind === 'format');
  }

  function requireSession(): CallSession {
    if (!session) throw new UserFacingError('no-session', 'Pick a call list to start calling.');

    return session;
  }

  function save(): void {
    if (session) sessions.save(session.snapshot());
  }

  async function fetchCardParts(prospectId: string): Promise<void> {
    const [prospect, history, upcoming] = await remote((api) =>
      Promise.all([
        api.getProspect(prospectId),
        api.prospectHistory(prospectId),
        api.prospectUpcoming(prospectId),
      ]),
    );

    cache.prospect.put(prospectId, prospect);
    cache.history.put(prospectId, history);
    cache.upcoming.put(prospectId, upcoming);
  }

  function cachedCardParts(prospectId: string) {
    const prospect = cache.prospect.get(prospectId);

    if (!prospect) return undefined;

    const history = cache.history.get(prospectId);
    const upcoming = cache.upcoming.get(prospectId);
    const times = [prospect.fetchedAt, history?.fetchedAt, upcoming?.fetchedAt]
      .filter((time): time is Date => Boolean(time))
      .map((time) => time.getTime());

    return {
      prospect: prospect.value,
      history: history?.value ?? [],
      upcoming: upcoming?.value ?? [],
      fetchedAt: new Date(Math.min(...times)),
    };
  }

  function cardFrom(
    parts: { prospect: Prospect; history: ProspectAction[]; upcoming: ProspectAction[] },
    fetchedAt: Date | undefined,
  ): ProspectCard {
    const settings = options.settings();
    const now = clock.now();
    const old = fetchedAt && now.getTime() - fetchedAt.getTime() > freshForMs;

    return buildProspectCard({
      ...parts,
      history: withWaitingOutcomes(parts.prospect.id, parts.history),
      now,
      defaultCountry: settings.defaultCountry,
      callingHours: settings.callingHours,
      cachedAt: old ? fetchedAt.toISOString() : undefined,
    });
  }

  /** Outcomes still in the outbox belong on the card, or the rep would think they vanished. */
  function withWaitingOutcomes(prospectId: string, history: ProspectAction[]): ProspectAction[] {
    const waiting = outbox
      .list('waiting', 200)
      .filter((item) => item.prospectId === prospectId)
      .map<ProspectAction>((item) => ({
        id: `outbox-${item.id}`,
        customerId: prospectId,
        activityId: item.activityId,
        activityDescr: `${item.activityId} (waiting to send)`,
        actionDate: item.loggedAt,
        remarks: item.remarks,
        nextActivityId: item.nextActivityId,
        nextActionDate: item.nextActionDate,
      }));

    return [...waiting, ...history];
  }

  async function card(prospectId: string): Promise<ProspectCard> {
    const cached = cachedCardParts(prospectId);
    const age = cached ? clock.now().getTime() - cached.fetchedAt.getTime() : Infinity;

    if (cached && (age < staleAfterMs || connectivity.isOffline())) {
      return cardFrom(cached, cached.fetchedAt);
    }

    try {
      await fetchCardParts(prospectId);
      const fresh = cachedCardParts(prospectId);

      if (fresh) return cardFrom(fresh, undefined);
    } catch (error) {
      if (!cached || !canUseCache(error)) throw cardError(error);
      logger.info('showing a cached card: McLeod did not answer', { prospectId });
    }

    return cardFrom(cached!, cached!.fetchedAt);
  }

  function cardError(error: unknown): unknown {
    if (isMcLeodError(error) && error.offline) {
      return new UserFacingError(
        error.kind,
        `${error.message} This prospect was not saved for offline use yet; skip it or wait.`,
      );
    }

    return error;
  }

  async function view(): Promise<SessionView> {
    const current = requireSession();
    const snapshot = current.snapshot();
    const currentId = current.currentId();
    let currentCard: ProspectCard | undefined;
    let currentProblem: string | undefined;

    // A card that cannot be shown must not hide the session (or fail an outcome already
    // committed): the rep sees why and can skip.
    if (currentId) {
      try {
        currentCard = await card(currentId);
      } catch (error) {
        if (!(error instanceof UserFacingError) && !isMcLeodError(error)) throw error;
        currentProblem = error.message;
      }
    }

    return {
      source: current.source,
      title: current.title,
      position: snapshot.position,
      total: snapshot.prospectIds.length,
      done: snapshot.done.length,
      skipped: snapshot.skipped.length,
      current: currentCard,
      currentId,
      currentProblem,
      finished: currentId === undefined,
      cachedAt: connectivity.isOffline()
        ? cache.queue.get(queueKey(current.source))?.fetchedAt.toISOString()
        : undefined,
    };
  }

  /** Keeps the next few cards and their action defaults in the cache, one at a time. */
  function prefetch(): void {
    if (prefetching || !session || connectivity.isOffline()) return;

    const ahead = session.upcomingIds(options.settings().prefetchAhead);

    prefetching = (async () => {
      for (const prospectId of ahead) {
        const cached = cachedCardParts(prospectId);
        const stale = !cached || clock.now().getTime() - cached.fetchedAt.getTime() > staleAfterMs;

        try {
          if (stale) await fetchCardParts(prospectId);
          if (!cache.actionDefaults.get(prospectId)) {
            cache.actionDefaults.put(prospectId, await remote((api) => api.newAction(prospectId)));
          }
        } catch (error) {
          logger.debug('prefetch stopped', { prospectId, reason: String(error) });

          return;
        }
      }
    })().finally(() => {
      prefetching = undefined;
    });
  }

  async function viewAndPrefetch(): Promise<SessionView> {
    const result = await view();

    prefetch();

    return result;
  }

  function actionDefaults(prospect: Prospect | undefined, prospectId: string): McLeodRow {
    const cached = cache.actionDefaults.get(prospectId);

    if (cached) return cached.value;

    // Not prefetched (a rep who jumps straight in offline): the server fills the rest.
    return {
      __type: 'prospect_action',
      customer_id: prospectId,
      ...(prospect?.salespersonId ? { salesperson_id: prospect.salespersonId } : {}),
    };
  }

  return {
    async profiles(refresh) {
      const cached = cache.profiles.get('');

      const fromCache = () =>
        cached!.value.map((profile) => ({ ...profile, cachedAt: cached!.fetchedAt.toISOString() }));

      if (cached && !refresh && connectivity.isOffline()) return fromCache();

      try {
        const profiles = await remote((api) => api.listCallListProfiles());

        cache.profiles.put('', profiles);

        return profiles;
      } catch (error) {
        if (!cached || !canUseCache(error)) throw error;

        return fromCache();
      }
    },

    async start(source) {
      const key = queueKey(source);
      let title: string;
      let prospectIds: string[];

      try {
        const built = await remote((api) => buildQueue(api, source, clock.now()));

        title = built.title;
        prospectIds = built.prospects.map((prospect) => prospect.id);
        cache.queue.put(key, { title, prospectIds });
        if (built.unmapped.length > 0) {
          logger.info('profile fields kept but not used for the search', {
            unmapped: built.unmapped,
          });
        }
      } catch (error) {
        const cached = cache.queue.get(key);

        if (!cached || !canUseCache(error)) throw error;
        logger.info('started a session from the cached queue: McLeod did not answer');
        title = cached.value.title;
        prospectIds = cached.value.prospectIds;
      }

      if (prospectIds.length === 0) {
        throw new UserFacingError(
          'not-found',
          `No prospects match "${title}" right now. Pick another call list or search.`,
        );
      }

      session = CallSession.start(source, title, prospectIds, clock.now());
      save();
      options.sessionActive(true);

      return viewAndPrefetch();
    },

    async resume() {
      const snapshot = sessions.load();

      if (!snapshot) return null;
      session = CallSession.fromSnapshot(snapshot);
      options.sessionActive(true);

      return viewAndPrefetch();
    },

    async current() {
      return session ? view() : null;
    },

    async move(step) {
      const current = requireSession();
      const now = clock.now();

      if (step === 'next') current.next(now);
      else if (step === 'previous') current.previous(now);
      else if (step === 'skip') current.skip(now);
      else current.moveLater(now);
      save();

      return viewAndPrefetch();
    },

    end() {
      session = undefined;
      sessions.clear();
      options.sessionActive(false);
    },

    async logOutcome(request) {
      const current = requireSession();
      const settings = options.settings();
      const template = settings.templates.find((candidate) => candidate.id === request.templateId);

      if (!template) {
        throw new UserFacingError(
          'invalid',
          'That outcome template no longer exists. Check Settings.',
        );
      }

      requireInSession(current, request.prospectId);
      const prospect = cache.prospect.get(request.prospectId)?.value;
      const now = clock.now();
      let row: McLeodRow;

      try {
        row = buildActionRow({
          defaults: actionDefaults(prospect, request.prospectId),
          template,
          request,
          prospectId: request.prospectId,
          now,
        });
      } catch (error) {
        // Only what the rep typed can fail here, e.g. a follow-up date that is no date.
        throw invalidInput(error);
      }
      const { id } = outbox.addWith(
        {
          prospectId: request.prospectId,
          prospectName: prospect?.name ?? request.prospectId,
          row,
          loggedAt: now,
        },
        () => {
          current.markDone(request.prospectId, now);
          sessions.save(current.snapshot());
        },
      );

      logger.info('outcome logged', {
        outboxId: id,
        prospectId: request.prospectId,
        activity: template.activityId,
      });
      options.outcomeLogged();

      return { outboxId: id, session: await viewAndPrefetch() };
    },

    async card(prospectId) {
      requireInSession(requireSession(), prospectId);

      return card(prospectId);
    },
  };
}

/** Outcomes and dials are for the prospects of the session the rep is walking, no others. */
function requireInSession(session: CallSession, prospectId: string): void {
  if (!session.snapshot().prospectIds.includes(prospectId)) {
    throw new UserFacingError('invalid', 'That prospect is not in this calling session.');
  }
}
