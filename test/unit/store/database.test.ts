/**
 * The local store is where logged outcomes wait: a damaged file is set aside for IT, never
 * deleted and never silently replaced by an empty one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';

const folders: string[] = [];

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-store-'));

  folders.push(dir);

  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('opening the local store', () => {
  it('keeps what was written, across a reopen', () => {
    const file = path.join(folder(), 'account.sqlite');
    const first = openDatabase(file).db;

    first.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')");
    first.close();
    const again = openDatabase(file);

    expect(again.recoveredFrom).toBeUndefined();
    expect(again.db.prepare('SELECT v FROM t').get()).toEqual({ v: 'kept' });
    again.db.close();
  });

  it('sets a scribbled-over file aside and starts a working empty one', () => {
    const file = path.join(folder(), 'account.sqlite');

    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const opened = openDatabase(file);

    expect(opened.recoveredFrom).toMatch(/unreadable/);
    expect(fs.readFileSync(opened.recoveredFrom!)).toEqual(Buffer.alloc(8192, 0x5a));
    opened.db.exec('CREATE TABLE t (v TEXT)');
    opened.db.close();
  });

  it('does not throw away a write-ahead log whose main file was emptied', () => {
    const source = path.join(folder(), 'account.sqlite');
    const live = openDatabase(source).db;

    // While the app runs (or after it is killed), recent commits live in the -wal file.
    live.pragma('wal_autocheckpoint = 0');
    live.exec("CREATE TABLE outbox (v TEXT); INSERT INTO outbox VALUES ('waiting call')");
    const copy = path.join(folder(), 'account.sqlite');

    fs.copyFileSync(`${source}-wal`, `${copy}-wal`);
    fs.writeFileSync(copy, '');
    live.close();
    const walSize = fs.statSync(`${copy}-wal`).size;

    expect(walSize).toBeGreaterThan(0);
    const opened = openDatabase(copy);

    expect(opened.recoveredFrom).toBeDefined();
    expect(fs.statSync(`${opened.recoveredFrom}-wal`).size).toBe(walSize);
    opened.db.close();
  });
});
