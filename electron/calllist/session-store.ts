/**
 * Keeps the one open calling session in the app's SQLite file, so a restart (or a crash)
 * puts the rep back on the prospect they were at.
 */
import { z } from 'zod';
import { requests } from '../contract';
import { log } from '../logging/log';
import type { Db } from '../store/database';
import type { SessionSnapshot } from './session';

const logger = log.scope('session-store');

const snapshotSchema = z.object({
  // The same schema that checks a `session:start` request from the renderer.
  source: requests['session:start'],
  title: z.string(),
  prospectIds: z.array(z.string().min(1)),
  position: z.number().int().min(0),
  done: z.array(z.string()),
  skipped: z.array(z.string()),
  startedAt: z.string(),
  updatedAt: z.string(),
});

export interface SessionStore {
  /** The saved session, or undefined when there is none or it cannot be read. */
  load(): SessionSnapshot | undefined;
  save(snapshot: SessionSnapshot): void;
  clear(): void;
}

export function createSessionStore(db: Db): SessionStore {
  // One row at most: the dialer has one session open at a time.
  db.exec(`CREATE TABLE IF NOT EXISTS call_session (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    snapshot TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);

  const select = db.prepare<[], { snapshot: string }>(
    'SELECT snapshot FROM call_session WHERE id = 1',
  );
  const upsert = db.prepare<[string, string]>(
    `INSERT INTO call_session (id, snapshot, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM call_session');

  return {
    load() {
      const row = select.get();

      if (!row) return undefined;

      let json: unknown;

      try {
        json = JSON.parse(row.snapshot);
      } catch (error) {
        logger.warn('saved session ignored: not JSON', { reason: String(error) });

        return undefined;
      }

      const parsed = snapshotSchema.safeParse(json);

      if (!parsed.success) {
        logger.warn('saved session ignored: unexpected shape', {
          issue: parsed.error.issues[0]?.message,
          path: parsed.error.issues[0]?.path.join('.'),
        });

        return undefined;
      }

      return parsed.data;
    },

    save(snapshot) {
      upsert.run(JSON.stringify(snapshot), snapshot.updatedAt);
    },

    clear() {
      remove.run();
    },
  };
}
