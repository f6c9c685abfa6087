/**
 * Opens the app's SQLite file: the outbox, the session and the cache live in it.
 *
 * WAL lets the sender read while the UI writes; `synchronous=FULL` makes every commit
 * that holds a logged outcome survive a power cut, which is the promise of the outbox.
 * Each concern creates its own tables (`CREATE TABLE IF NOT EXISTS`) when it is built.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { log } from '../logging/log';

export type Db = Database.Database;

const logger = log.scope('store');

export interface OpenedDatabase {
  db: Db;
  /** Set when the previous file could not be read and was moved aside. */
  recoveredFrom?: string;
}

export interface OpenDatabaseOptions {
  /** Path of the .node binding, for an Electron build that ships its own ABI copy. */
  nativeBinding?: string;
}

/** Opens (or creates) the store; a corrupt file is moved aside, never deleted. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });

  try {
    if (lostMainFile(file)) {
      throw new Error('the file is empty but its write-ahead log holds data');
    }

    return { db: openChecked(file, options) };
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;

    logger.error('store unreadable, moved aside and started empty', {
      file,
      aside,
      reason: String(error),
    });
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }

    return { db: openChecked(file, options), recoveredFrom: aside };
  }
}

/**
 * SQLite takes an empty file for a new database and discards the write-ahead log beside it,
 * which may hold every outcome logged since the last checkpoint (a crash leaves them there).
 */
function lostMainFile(file: string): boolean {
  const size = (name: string) => (fs.existsSync(name) ? fs.statSync(name).size : -1);

  return size(file) === 0 && size(`${file}-wal`) > 0;
}

function openChecked(file: string, options: OpenDatabaseOptions): Db {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const db = new Database(file, binding);

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });

    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);

    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
