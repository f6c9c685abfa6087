import { describe, expect, it } from 'vitest';
import type { QueueSource } from '../../../electron/contract';
import { CallSession } from '../../../electron/calllist/session';

const source: QueueSource = { kind: 'profile', profileId: 'P1' };
const startedAt = new Date('2026-03-10T14:00:00Z');

function session(ids = ['A', 'B', 'C', 'D']): CallSession {
  return CallSession.start(source, 'Midwest shippers', ids, startedAt);
}

function counts(s: CallSession) {
  return {
    current: s.currentId(),
    position: s.position,
    total: s.total,
    done: s.doneCount,
    skipped: s.skippedCount,
    finished: s.finished,
  };
}

describe('CallSession', () => {
  it('starts on the first prospect and walks forward and back', () => {
    const s = session();

    expect(counts(s)).toEqual({
      current: 'A',
      position: 0,
      total: 4,
      done: 0,
      skipped: 0,
      finished: false,
    });
    s.next();
    s.next();
    expect(s.currentId()).toBe('C');
    s.previous();
    expect(s.currentId()).toBe('B');
    s.previous();
    s.previous();
    expect(s.currentId()).toBe('A');
  });

  it('drops duplicate prospect ids from the queue', () => {
    expect(session(['A', 'B', 'A', 'C', 'B']).snapshot().prospectIds).toEqual(['A', 'B', 'C']);
  });

  it('keeps skipped prospects in the list, marked, and moves on', () => {
    const s = session();

    s.skip();
    expect(counts(s)).toMatchObject({ current: 'B', skipped: 1, total: 4 });
    expect(s.isSkipped('A')).toBe(true);
    s.previous();
    expect(s.currentId()).toBe('A');
  });

  it('advances to the next prospect not logged yet when an outcome is logged', () => {
    const s = session();

    s.markDone('B');
    expect(s.currentId()).toBe('A');
    s.markDone('A');
    expect(counts(s)).toMatchObject({ current: 'C', done: 2 });
    s.previous();
    expect(s.currentId()).toBe('B');
    s.next();
    expect(s.currentId()).toBe('C');
  });

  it('walks forward past prospects already logged', () => {
    const s = session();

    s.markDone('B');
    s.markDone('C');
    s.next();
    expect(s.currentId()).toBe('D');
  });

  it('counts a skipped prospect as done, not skipped, once it is logged', () => {
    const s = session();

    s.skip();
    s.markDone('A');
    expect(counts(s)).toMatchObject({ current: 'B', done: 1, skipped: 0 });
  });

  it('ignores an outcome for a prospect that is not in the queue', () => {
    const s = session();

    s.markDone('Z');
    expect(counts(s)).toMatchObject({ current: 'A', done: 0 });
  });

  it('moves the current prospect to the end of the queue for later', () => {
    const s = session();

    s.next();
    s.moveLater();
    expect(s.snapshot().prospectIds).toEqual(['A', 'C', 'D', 'B']);
    expect(s.currentId()).toBe('C');
    expect(s.total).toBe(4);
  });

  it('passes over logged prospects after moving one later', () => {
    const s = session();

    s.markDone('B');
    s.moveLater();
    expect(s.snapshot().prospectIds).toEqual(['B', 'C', 'D', 'A']);
    expect(s.currentId()).toBe('C');
  });

  it('keeps the last prospect current when it is moved later with nothing after it', () => {
    const s = session(['A', 'B']);

    s.next();
    s.moveLater();
    expect(counts(s)).toMatchObject({ current: 'B', finished: false });
  });

  it('is finished past the end and can step back from there', () => {
    const s = session(['A', 'B']);

    s.next();
    s.skip();
    expect(counts(s)).toEqual({
      current: undefined,
      position: 2,
      total: 2,
      done: 0,
      skipped: 1,
      finished: true,
    });
    s.next();
    expect(s.position).toBe(2);
    s.previous();
    expect(s.currentId()).toBe('B');
  });

  it('finishes when the last open prospect is logged', () => {
    const s = session(['A', 'B']);

    s.markDone('A');
    s.markDone('B');
    expect(counts(s)).toMatchObject({ finished: true, done: 2 });
  });

  it('lists the next prospects not logged yet, for prefetching', () => {
    const s = session(['A', 'B', 'C', 'D', 'E']);

    s.markDone('C');
    expect(s.upcomingIds(2)).toEqual(['B', 'D']);
    expect(s.upcomingIds(10)).toEqual(['B', 'D', 'E']);
    expect(s.upcomingIds(0)).toEqual([]);
  });

  it('comes back from its snapshot exactly where it was', () => {
    const s = session();

    s.skip(new Date('2026-03-10T14:05:00Z'));
    s.markDone('B', new Date('2026-03-10T14:06:00Z'));
    const snapshot = s.snapshot();
    const restored = CallSession.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));

    expect(snapshot).toEqual({
      source,
      title: 'Midwest shippers',
      prospectIds: ['A', 'B', 'C', 'D'],
      position: 2,
      done: ['B'],
      skipped: ['A'],
      startedAt: '2026-03-10T14:00:00.000Z',
      updatedAt: '2026-03-10T14:06:00.000Z',
    });
    expect(counts(restored)).toEqual(counts(s));
    expect(restored.snapshot()).toEqual(snapshot);
  });

  it('mends a snapshot whose position and marks do not fit its queue', () => {
    const restored = CallSession.fromSnapshot({
      source,
      title: 'x',
      prospectIds: ['A', 'B'],
      position: 9,
      done: ['A', 'GONE'],
      skipped: ['A', 'B', 'GONE'],
      startedAt: startedAt.toISOString(),
      updatedAt: startedAt.toISOString(),
    });

    expect(counts(restored)).toEqual({
      current: undefined,
      position: 2,
      total: 2,
      done: 1,
      skipped: 1,
      finished: true,
    });
  });
});
