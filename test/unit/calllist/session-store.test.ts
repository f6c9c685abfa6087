import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from '../../../electron/calllist/session';
import { createSessionStore } from '../../../electron/calllist/session-store';
import { openDatabase, type Db } from '../../../electron/store/database';

const warnings = vi.hoisted(() => [] as string[]);

// Only the store's warnings are captured; every other scope logs as usual (silent in tests).
vi.mock('../../../electron/logging/log', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/logging/log')>();

  return {
    ...real,
    log: {
      scope(name: string) {
        const scoped = real.log.scope(name);

        return name !== 'session-store'
          ? scoped
          : { ...scoped, warn: (message: string) => void warnings.push(message) };
      },
    },
  };
});

let dir: string;
let file: string;
const open: Db[] = [];

function reopen(): Db {
  const { db } = openDatabase(file);

  open.push(db);

  return db;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-session-'));
  file = path.join(dir, 'dialer.sqlite');
  warnings.length = 0;
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('session store', () => {
  it('has no session in a new store', () => {
    expect(createSessionStore(reopen()).load()).toBeUndefined();
  });

  it('puts the rep back on the same prospect after the app restarts', () => {
    const first = reopen();
    const session = CallSession.start(
      {
        kind: 'savedSearch',
        userId: 'demo',
        createUserId: 'demo',
        screenClassName: 'Cust',
        searchName: 'Reefer',
      },
      'Reefer',
      ['C10', 'C11', 'C12', 'C13'],
      new Date('2026-03-10T14:00:00Z'),
    );

    session.skip();
    session.markDone('C11');
    createSessionStore(first).save(session.snapshot());
    first.close();

    const loaded = createSessionStore(reopen()).load();

    expect(loaded).toEqual(session.snapshot());
    expect(CallSession.fromSnapshot(loaded!).currentId()).toBe('C12');
  });

  it('keeps only the latest save', () => {
    const store = createSessionStore(reopen());
    const source = { kind: 'search', query: 'foods' } as const;
    const session = CallSession.start(source, 'Search "foods"', ['A', 'B'], new Date());

    store.save(session.snapshot());
    session.next();
    store.save(session.snapshot());

    expect(store.load()?.position).toBe(1);
  });

  it('forgets the session once cleared, also after a restart', () => {
    const first = reopen();
    const store = createSessionStore(first);

    const source = { kind: 'profile', profileId: 'P1' } as const;

    store.save(CallSession.start(source, 'x', ['A'], new Date()).snapshot());
    store.clear();
    first.close();

    expect(createSessionStore(reopen()).load()).toBeUndefined();
  });

  it.each([
    ['text that is not JSON', '{"source": '],
    ['JSON of the wrong shape', JSON.stringify({ title: 'x', prospectIds: 'A,B' })],
    ['an unknown queue source', JSON.stringify({
      source: { kind: 'everything' }, title: 'x', prospectIds: [], position: 0, done: [],
      skipped: [], startedAt: 'a', updatedAt: 'b',
    })],
  ])('answers no session and warns when the saved row holds %s', (_what, stored) => {
    const db = reopen();
    const store = createSessionStore(db);

    db.prepare("INSERT INTO call_session (id, snapshot, updated_at) VALUES (1, ?, 'now')")
      .run(stored);

    expect(store.load()).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^saved session ignored/);
  });
});
