/**
 * The durable outbox: every outcome a rep logs is a row here, committed before the card
 * advances, and it stays here until McLeod has it (or the rep discards it on purpose).
 *
 * Each state change is one committed write (the database runs with `synchronous=FULL`), so
 * a crash or a power cut leaves the row in the last state it reached. A row left in
 * `sending` by a crash becomes `waiting` + `uncertain` when the store opens: that send may
 * have reached McLeod, so the sender looks in the prospect's history before sending again.
 */
import { z } from 'zod';
import type { OutboxItem } from '../contract';
import type { McLeodRow } from '../mcleod/types';
import type { Db } from '../store/database';
import { log } from '../logging/log';

const logger = log.scope('outbox');

export type OutboxState = OutboxItem['state'];

export interface NewOutboxEntry {
  prospectId: string;
  prospectName: string;
  row: McLeodRow;
  loggedAt: Date;
}

export interface StoredOutboxEntry {
  id: number;
  prospectId: string;
  prospectName: string;
  row: McLeodRow;
  loggedAt: Date;
  state: OutboxState;
  /** Sends tried so far (an auth pause does not count). */
  attempts: number;
  /** Consecutive failures that drive the backoff exponent (outages do not count). */
  backoffStep: number;
  /** A previous send may have reached McLeod: check the history before creating again. */
  uncertain: boolean;
  nextAttemptAt: Date;
  lastError?: string;
  createdActionId?: string;
  /** How McLeod got it: our create, or found in history after an uncertain send. */
  sentHow?: 'created' | 'matched';
  sentAt?: Date;
}

/** What the rep may change on an outcome that needs attention before sending it again. */
export interface OutboxEdits {
  remarks?: string;
  activityId?: string;
  nextActivityId?: string;
  nextActionDate?: string;
}

export interface OutboxCounts {
  /** Waiting plus in flight: not yet in McLeod. */
  waiting: number;
  sending: number;
  attention: number;
  sent: number;
  discarded: number;
}

export interface RetryOptions {
  /** Keep (true) or clear (false) the doubt about an earlier send; default true. */
  uncertain?: boolean;
  /** The wait was set only because the server was unreachable; cleared on reconnect. */
  outage?: boolean;
  /** Count this as a try; false for an auth pause. Default true. */
  countAttempt?: boolean;
  /** Grow the backoff exponent; default true (false for outages and auth pauses). */
  growBackoff?: boolean;
}

export interface OutboxStore {
  /** Stores a logged outcome in one transaction; durable when it returns. */
  add(entry: NewOutboxEntry): number;
  /** Runs `fn` inside the same transaction as the add (the session's markDone uses it). */
  addWith<T>(entry: NewOutboxEntry, fn: (id: number) => T): { id: number; result: T };
  /** Waiting entries whose time has come, oldest first, at most one per prospect. */
  due(now: Date, limit: number): StoredOutboxEntry[];
  get(id: number): StoredOutboxEntry | undefined;
  /** Marks the entry in flight and uncertain, before the HTTP call is made. */
  markSending(id: number): void;
  markSent(id: number, createdActionId: string, how: 'created' | 'matched', at?: Date): void;
  markRetry(id: number, error: string, nextAttemptAt: Date, options?: RetryOptions): void;
  markAttention(id: number, message: string, options?: { uncertain?: boolean }): void;
  /** Applies the rep's edits and queues the entry again; false if it is not resendable. */
  resend(id: number, edits: OutboxEdits, now?: Date): boolean;
  /** Drops an entry on the rep's explicit request; false if it is not discardable. */
  discard(id: number): boolean;
  /** Makes every wait set only because of an outage due at `now`; returns how many. */
  clearOutageWaits(now: Date): number;
  /** McLeod action ids already recorded as ours, so a match is never claimed twice. */
  claimedActionIds(prospectId: string): Set<string>;
  counts(): OutboxCounts;
  /** Sent entries by how McLeod got them: our create, or found in history after a doubt. */
  sentBreakdown(): { created: number; matched: number };
  list(state: 'waiting' | 'attention' | 'sent', limit?: number): OutboxItem[];
  lastSentAt(): Date | undefined;
  /** Earliest time a waiting entry may be sent (heads of each prospect's line only). */
  nextAttemptAt(): Date | undefined;
  /** Removes sent and discarded entries older than `maxAgeDays`; returns how many. */
  prune(now: Date, maxAgeDays?: number): number;
}

const rowSchema = z.looseObject({ __type: z.string().min(1) });

const dbRowSchema = z.object({
  id: z.number(),
  prospect_id: z.string(),
  prospect_name: z.string(),
  row_json: z.string(),
  logged_at: z.number(),
  state: z.enum(['waiting', 'sending', 'sent', 'attention', 'discarded']),
  attempts: z.number(),
  backoff_step: z.number(),
  uncertain: z.number(),
  outage_wait: z.number(),
  next_attempt_at: z.number(),
  last_error: z.string().nullable(),
  created_action_id: z.string().nullable(),
  sent_how: z.enum(['created', 'matched']).nullable(),
  sent_at: z.number().nullable(),
});

type DbRow = z.infer<typeof dbRowSchema>;

const schema = `
  CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    prospect_id TEXT NOT NULL,
    prospect_name TEXT NOT NULL,
    row_json TEXT NOT NULL,
    logged_at INTEGER NOT NULL,
    state TEXT NOT NULL
      CHECK (state IN ('waiting', 'sending', 'sent', 'attention', 'discarded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    backoff_step INTEGER NOT NULL DEFAULT 0,
    uncertain INTEGER NOT NULL DEFAULT 0,
    outage_wait INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_action_id TEXT,
    sent_how TEXT,
    sent_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, next_attempt_at);
  CREATE INDEX IF NOT EXISTS outbox_by_prospect ON outbox (prospect_id, id);
`;

// "Head of line": no older entry of the same prospect is still waiting or in flight, which
// keeps each prospect's outcomes in the order they were logged.
const headOfLine = `NOT EXISTS (
  SELECT 1 FROM outbox older
  WHERE older.prospect_id = o.prospect_id AND older.id < o.id
    AND older.state IN ('waiting', 'sending'))`;

const retentionDays = 30;

/** Creates the outbox table if needed and recovers entries a crash left in flight. */
export function createOutboxStore(db: Db): OutboxStore {
  db.exec(schema);

  const recovered = db
    .prepare(`UPDATE outbox SET state = 'waiting', uncertain = 1, updated_at = ?
              WHERE state = 'sending'`)
    .run(Date.now()).changes;

  if (recovered > 0) {
    logger.warn('outbox recovered entries left in flight; history is checked before resending', {
      recovered,
    });
  }

  const insert = db.prepare(`
    INSERT INTO outbox (prospect_id, prospect_name, row_json, logged_at, state,
                        next_attempt_at, updated_at)
    VALUES (?, ?, ?, ?, 'waiting', ?, ?)`);
  const selectDue = db.prepare(`
    SELECT * FROM outbox o
    WHERE o.state = 'waiting' AND o.next_attempt_at <= ? AND ${headOfLine}
    ORDER BY o.id LIMIT ?`);
  const selectOne = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const setSending = db.prepare(`
    UPDATE outbox SET state = 'sending', uncertain = 1, updated_at = ?
    WHERE id = ? AND state = 'waiting'`);
  const setSent = db.prepare(`
    UPDATE outbox SET state = 'sent', uncertain = 0, outage_wait = 0, created_action_id = ?,
      sent_how = ?, sent_at = ?, last_error = NULL, updated_at = ?
    WHERE id = ?`);
  const setRetry = db.prepare(`
    UPDATE outbox SET state = 'waiting', last_error = ?, next_attempt_at = ?,
      uncertain = ?, outage_wait = ?, attempts = attempts + ?,
      backoff_step = backoff_step + ?, updated_at = ?
    WHERE id = ? AND state IN ('waiting', 'sending')`);
  const setAttention = db.prepare(`
    UPDATE outbox SET state = 'attention', last_error = ?, attempts = attempts + ?,
      uncertain = COALESCE(?, uncertain), outage_wait = 0, updated_at = ?
    WHERE id = ? AND state IN ('waiting', 'sending')`);

  function parseEntry(raw: unknown): StoredOutboxEntry | { corrupt: DbRow; reason: string } {
    const dbRow = dbRowSchema.parse(raw);
    let row: McLeodRow;

    try {
      const parsed = rowSchema.safeParse(JSON.parse(dbRow.row_json));

      if (!parsed.success) return { corrupt: dbRow, reason: parsed.error.issues[0]?.message ?? '' };
      row = parsed.data;
    } catch (error) {
      return { corrupt: dbRow, reason: String(error) };
    }

    return toEntry(dbRow, row);
  }

  function moveCorruptToAttention(dbRow: DbRow, reason: string): void {
    logger.error('outbox entry could not be read back; kept for the rep to look at', {
      id: dbRow.id,
      prospectId: dbRow.prospect_id,
      reason,
    });
    setAttention.run(
      'This outcome could not be read back from the local store. Log it again in McLeod ' +
        'and discard this entry.',
      0,
      null,
      Date.now(),
      dbRow.id,
    );
  }

  const add = (entry: NewOutboxEntry): number => {
    const now = Date.now();
    const info = insert.run(
      entry.prospectId,
      entry.prospectName,
      JSON.stringify(rowSchema.parse(entry.row)),
      entry.loggedAt.getTime(),
      entry.loggedAt.getTime(),
      now,
    );

    return Number(info.lastInsertRowid);
  };

  const store: OutboxStore = {
    add: (entry) => db.transaction(() => add(entry))(),

    addWith: (entry, fn) =>
      db.transaction(() => {
        const id = add(entry);

        return { id, result: fn(id) };
      })(),

    due(now, limit) {
      const entries: StoredOutboxEntry[] = [];

      // A corrupt head moves to attention, which may unblock the next entry of its prospect,
      // so read again until the page is clean.
      for (let pass = 0; pass < 5; pass += 1) {
        let sawCorrupt = false;

        entries.length = 0;
        for (const raw of selectDue.all(now.getTime(), limit)) {
          const parsed = parseEntry(raw);

          if ('corrupt' in parsed) {
            moveCorruptToAttention(parsed.corrupt, parsed.reason);
            sawCorrupt = true;
          } else {
            entries.push(parsed);
          }
        }
        if (!sawCorrupt) break;
      }

      return entries;
    },

    get(id) {
      const raw = selectOne.get(id);

      if (raw === undefined) return undefined;
      const parsed = parseEntry(raw);

      return 'corrupt' in parsed ? undefined : parsed;
    },

    markSending(id) {
      const changed = setSending.run(Date.now(), id).changes;

      if (changed !== 1) throw new Error(`Outbox entry ${id} is not waiting, cannot send it.`);
    },

    markSent(id, createdActionId, how, at = new Date()) {
      setSent.run(createdActionId, how, at.getTime(), Date.now(), id);
    },

    markRetry(id, error, nextAttemptAt, options = {}) {
      const outage = options.outage ?? false;

      setRetry.run(
        error,
        nextAttemptAt.getTime(),
        options.uncertain === false ? 0 : 1,
        outage ? 1 : 0,
        options.countAttempt === false ? 0 : 1,
        (options.growBackoff ?? !outage) ? 1 : 0,
        Date.now(),
        id,
      );
    },

    markAttention(id, message, options = {}) {
      const uncertain = options.uncertain === undefined ? null : options.uncertain ? 1 : 0;

      setAttention.run(message, 1, uncertain, Date.now(), id);
    },

    resend(id, edits, now = new Date()) {
      return db.transaction(() => {
        const raw = selectOne.get(id);

        if (raw === undefined) return false;
        const dbRow = dbRowSchema.parse(raw);

        if (dbRow.state !== 'attention' && dbRow.state !== 'waiting') return false;

        // An unreadable row can only be discarded: there is nothing safe to edit.
        let row: Record<string, unknown>;

        try {
          row = rowSchema.parse(JSON.parse(dbRow.row_json));
        } catch {
          return false;
        }

        applyEdits(row, edits);
        db.prepare(`
          UPDATE outbox SET row_json = ?, state = 'waiting', next_attempt_at = ?,
            backoff_step = 0, outage_wait = 0, last_error = NULL, updated_at = ?
          WHERE id = ?`).run(JSON.stringify(row), now.getTime(), Date.now(), id);

        return true;
      })();
    },

    discard(id) {
      const changes = db
        .prepare(`UPDATE outbox SET state = 'discarded', updated_at = ?
                  WHERE id = ? AND state IN ('attention', 'waiting')`)
        .run(Date.now(), id).changes;

      if (changes === 1) logger.info('outbox entry discarded by the rep', { id });

      return changes === 1;
    },

    clearOutageWaits(now) {
      return db
        .prepare(`UPDATE outbox SET next_attempt_at = ?, outage_wait = 0, updated_at = ?
                  WHERE state = 'waiting' AND outage_wait = 1 AND next_attempt_at > ?`)
        .run(now.getTime(), Date.now(), now.getTime()).changes;
    },

    claimedActionIds(prospectId) {
      const rows = db
        .prepare(`SELECT created_action_id AS actionId FROM outbox
                  WHERE prospect_id = ? AND state = 'sent' AND created_action_id IS NOT NULL`)
        .all(prospectId) as { actionId: string }[];

      return new Set(rows.map((r) => r.actionId));
    },

    counts() {
      const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
        state: OutboxState;
        n: number;
      }[];
      const by = Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<
        Record<OutboxState, number>
      >;
      const sending = by.sending ?? 0;

      return {
        waiting: (by.waiting ?? 0) + sending,
        sending,
        attention: by.attention ?? 0,
        sent: by.sent ?? 0,
        discarded: by.discarded ?? 0,
      };
    },

    sentBreakdown() {
      const rows = db
        .prepare(`SELECT sent_how AS how, COUNT(*) AS n FROM outbox
                  WHERE state = 'sent' GROUP BY sent_how`)
        .all() as { how: string | null; n: number }[];
      const count = (how: string) => rows.find((row) => row.how === how)?.n ?? 0;

      return { created: count('created'), matched: count('matched') };
    },

    list(state, limit = 500) {
      const query =
        state === 'waiting'
          ? `SELECT * FROM outbox WHERE state IN ('waiting', 'sending') ORDER BY id LIMIT ?`
          : state === 'attention'
            ? `SELECT * FROM outbox WHERE state = 'attention' ORDER BY id LIMIT ?`
            : `SELECT * FROM outbox WHERE state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT ?`;

      return db
        .prepare(query)
        .all(limit)
        .map((raw) => toItem(dbRowSchema.parse(raw)));
    },

    lastSentAt() {
      const row = db
        .prepare(`SELECT MAX(sent_at) AS at FROM outbox WHERE state = 'sent'`)
        .get() as { at: number | null };

      return row.at === null ? undefined : new Date(row.at);
    },

    nextAttemptAt() {
      const row = db
        .prepare(`SELECT MIN(o.next_attempt_at) AS at FROM outbox o
                  WHERE o.state = 'waiting' AND ${headOfLine}`)
        .get() as { at: number | null };

      return row.at === null ? undefined : new Date(row.at);
    },

    prune(now, maxAgeDays = retentionDays) {
      const cutoff = now.getTime() - maxAgeDays * 24 * 3600 * 1000;

      return db
        .prepare(`DELETE FROM outbox WHERE state IN ('sent', 'discarded') AND updated_at < ?`)
        .run(cutoff).changes;
    },
  };

  store.prune(new Date());

  return store;
}

function toEntry(dbRow: DbRow, row: McLeodRow): StoredOutboxEntry {
  return {
    id: dbRow.id,
    prospectId: dbRow.prospect_id,
    prospectName: dbRow.prospect_name,
    row,
    loggedAt: new Date(dbRow.logged_at),
    state: dbRow.state,
    attempts: dbRow.attempts,
    backoffStep: dbRow.backoff_step,
    uncertain: dbRow.uncertain === 1,
    nextAttemptAt: new Date(dbRow.next_attempt_at),
    ...(dbRow.last_error !== null && { lastError: dbRow.last_error }),
    ...(dbRow.created_action_id !== null && { createdActionId: dbRow.created_action_id }),
    ...(dbRow.sent_how !== null && { sentHow: dbRow.sent_how }),
    ...(dbRow.sent_at !== null && { sentAt: new Date(dbRow.sent_at) }),
  };
}

function toItem(dbRow: DbRow): OutboxItem {
  // The view must show even an unreadable row, so read its fields defensively.
  let row: Record<string, unknown> = {};

  try {
    const parsed: unknown = JSON.parse(dbRow.row_json);

    if (parsed !== null && typeof parsed === 'object') row = parsed as Record<string, unknown>;
  } catch {
    row = {};
  }
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : undefined);
  const nextActivityId = text('next_act_id');
  const nextActionDate = text('next_act_date');

  return {
    id: dbRow.id,
    prospectId: dbRow.prospect_id,
    prospectName: dbRow.prospect_name,
    activityId: text('activity_id') ?? '',
    remarks: text('remarks') ?? '',
    ...(nextActivityId !== undefined && { nextActivityId }),
    ...(nextActionDate !== undefined && { nextActionDate }),
    loggedAt: new Date(dbRow.logged_at).toISOString(),
    state: dbRow.state,
    attempts: dbRow.attempts,
    ...(dbRow.last_error !== null && { lastError: dbRow.last_error }),
    ...(dbRow.sent_at !== null && { sentAt: new Date(dbRow.sent_at).toISOString() }),
  };
}

function applyEdits(row: Record<string, unknown>, edits: OutboxEdits): void {
  if (edits.remarks !== undefined) row.remarks = edits.remarks;
  if (edits.activityId !== undefined && edits.activityId !== '') row.activity_id = edits.activityId;

  // An empty follow-up means "no follow-up": drop the fields rather than send blanks.
  if (edits.nextActivityId !== undefined) {
    if (edits.nextActivityId === '') delete row.next_act_id;
    else row.next_act_id = edits.nextActivityId;
  }
  if (edits.nextActionDate !== undefined) {
    if (edits.nextActionDate === '') delete row.next_act_date;
    else row.next_act_date = edits.nextActionDate;
  }
}
