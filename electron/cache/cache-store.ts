/**
 * The local copy of what was last read from McLeod, so a calling session goes on when the
 * network does not: call list profiles, queues, prospects, history, upcoming actions and
 * action defaults, each with the time it was fetched.
 *
 * Values are checked with zod when read back. A row that does not parse (an older app
 * version, a damaged file) reads as a miss and is logged: the caller refetches, never crashes.
 */
import { z } from 'zod';
import { systemClock, type Clock } from '../app/adapters';
import type { CallListProfile, McLeodRow, Prospect, ProspectAction } from '../mcleod/types';
import type { Db } from '../store/database';
import { log } from '../logging/log';

const logger = log.scope('cache');

export interface Cached<T> {
  value: T;
  fetchedAt: Date;
}

export interface CachedQueue {
  title: string;
  prospectIds: string[];
}

/** One kind of cached value, keyed by a string (a profile id, prospect id, queue key). */
export interface CacheShelf<T> {
  put(key: string, value: T): void;
  get(key: string): Cached<T> | undefined;
  delete(key: string): void;
}

export interface CacheStore {
  /** The list of call list profiles; one entry, under any key (use `profiles.put('', ...)`). */
  profiles: CacheShelf<CallListProfile[]>;
  profile: CacheShelf<CallListProfile>;
  /** By queue source key (see `queueKey`). */
  queue: CacheShelf<CachedQueue>;
  prospect: CacheShelf<Prospect>;
  /** Past actions by prospect id. */
  history: CacheShelf<ProspectAction[]>;
  /** Scheduled actions by prospect id. */
  upcoming: CacheShelf<ProspectAction[]>;
  /** The server's prefilled new action, by prospect id. */
  actionDefaults: CacheShelf<McLeodRow>;
  /** Removes entries fetched before `cutoff`; returns how many. */
  pruneOlderThan(cutoff: Date): number;
  clear(): void;
}

/** A stable cache key for a queue source (the same source always gives the same key). */
export function queueKey(source: Record<string, unknown>): string {
  const sorted = Object.keys(source)
    .sort()
    .map((key) => [key, source[key]]);

  return JSON.stringify(sorted);
}

// Shapes are checked loosely on purpose: the cache must accept whatever the parsers of the
// client produced, and reject only what is plainly not that kind of value.
const money = z.looseObject({ amount: z.number() });
const profileSchema = z.looseObject({ id: z.string(), descr: z.string() });
const prospectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  contacts: z.array(z.looseObject({ id: z.string(), name: z.string(), isActive: z.boolean() })),
  comments: z.array(z.string()),
  potential: money.optional(),
});
const actionSchema = z.looseObject({ id: z.string(), customerId: z.string() });
const queueSchema = z.object({ title: z.string(), prospectIds: z.array(z.string()) });
const rowSchema = z.looseObject({ __type: z.string() });

const schema = `
  CREATE TABLE IF NOT EXISTS cache (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value_json TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  )
`;

export function createCacheStore(db: Db, clock: Clock = systemClock): CacheStore {
  db.exec(schema);

  const upsert = db.prepare(`
    INSERT INTO cache (kind, key, value_json, fetched_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (kind, key) DO UPDATE SET value_json = excluded.value_json,
      fetched_at = excluded.fetched_at`);
  const select = db.prepare('SELECT value_json, fetched_at FROM cache WHERE kind = ? AND key = ?');
  const remove = db.prepare('DELETE FROM cache WHERE kind = ? AND key = ?');

  function shelf<T>(kind: string, valueSchema: z.ZodType<T>): CacheShelf<T> {
    return {
      put(key, value) {
        upsert.run(kind, key, JSON.stringify(value), clock.now().getTime());
      },

      get(key) {
        const row = select.get(kind, key) as { value_json: string; fetched_at: number } | undefined;

        if (row === undefined) return undefined;

        let parsed: unknown;

        try {
          parsed = JSON.parse(row.value_json);
        } catch (error) {
          logger.warn('cache entry unreadable; treated as a miss', {
            kind,
            key,
            error: String(error),
          });

          return undefined;
        }
        const checked = valueSchema.safeParse(parsed);

        if (!checked.success) {
          logger.warn('cache entry has an unexpected shape; treated as a miss', {
            kind,
            key,
            issue: checked.error.issues[0]?.message,
          });

          return undefined;
        }

        return { value: checked.data, fetchedAt: new Date(row.fetched_at) };
      },

      delete(key) {
        remove.run(kind, key);
      },
    };
  }

  return {
    profiles: shelf('profiles', z.array(profileSchema) as unknown as z.ZodType<CallListProfile[]>),
    profile: shelf('profile', profileSchema as unknown as z.ZodType<CallListProfile>),
    queue: shelf('queue', queueSchema),
    prospect: shelf('prospect', prospectSchema as unknown as z.ZodType<Prospect>),
    history: shelf('history', z.array(actionSchema) as unknown as z.ZodType<ProspectAction[]>),
    upcoming: shelf('upcoming', z.array(actionSchema) as unknown as z.ZodType<ProspectAction[]>),
    actionDefaults: shelf('actionDefaults', rowSchema as unknown as z.ZodType<McLeodRow>),

    pruneOlderThan(cutoff) {
      return db.prepare('DELETE FROM cache WHERE fetched_at < ?').run(cutoff.getTime()).changes;
    },

    clear() {
      db.prepare('DELETE FROM cache').run();
    },
  };
}
