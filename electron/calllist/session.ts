/**
 * A calling session: the rep's walk through a queue of prospect ids. Pure state, no I/O:
 * the caller saves `snapshot()` after each change so the walk survives an app restart.
 *
 * Walking forward (`next`, `skip`, `markDone`) passes over prospects already logged; going
 * back (`previous`) shows any of them, so the rep can look at a card logged a minute ago.
 */
import type { QueueSource } from '../contract';

export interface SessionSnapshot {
  source: QueueSource;
  title: string;
  prospectIds: string[];
  /** 0-based index of the current prospect; `prospectIds.length` once finished. */
  position: number;
  done: string[];
  skipped: string[];
  startedAt: string;
  updatedAt: string;
}

export class CallSession {
  private constructor(
    readonly source: QueueSource,
    readonly title: string,
    private readonly ids: string[],
    private index: number,
    private readonly doneIds: Set<string>,
    private readonly skippedIds: Set<string>,
    readonly startedAt: string,
    private updatedAt: string,
  ) {}

  /** A new session at the first prospect; duplicate ids are dropped, first one kept. */
  static start(source: QueueSource, title: string, prospectIds: string[], now: Date): CallSession {
    const at = now.toISOString();

    const ids = [...new Set(prospectIds)];

    return new CallSession(source, title, ids, 0, new Set(), new Set(), at, at);
  }

  /** Rebuilds a session from a saved snapshot, mending anything inconsistent in it. */
  static fromSnapshot(s: SessionSnapshot): CallSession {
    const ids = [...new Set(s.prospectIds)];
    const inQueue = (id: string) => ids.includes(id);
    const done = new Set(s.done.filter(inQueue));
    const skipped = new Set(s.skipped.filter((id) => inQueue(id) && !done.has(id)));
    const position = Math.min(Math.max(0, Math.trunc(s.position) || 0), ids.length);

    const { source, title, startedAt, updatedAt } = s;

    return new CallSession(source, title, ids, position, done, skipped, startedAt, updatedAt);
  }

  snapshot(): SessionSnapshot {
    return {
      source: this.source,
      title: this.title,
      prospectIds: [...this.ids],
      position: this.index,
      done: this.ids.filter((id) => this.doneIds.has(id)),
      skipped: this.ids.filter((id) => this.skippedIds.has(id)),
      startedAt: this.startedAt,
      updatedAt: this.updatedAt,
    };
  }

  currentId(): string | undefined {
    return this.ids[this.index];
  }

  get position(): number {
    return this.index;
  }

  get total(): number {
    return this.ids.length;
  }

  get doneCount(): number {
    return this.doneIds.size;
  }

  get skippedCount(): number {
    return this.skippedIds.size;
  }

  /** Past the end of the queue. */
  get finished(): boolean {
    return this.index >= this.ids.length;
  }

  get lastChangedAt(): string {
    return this.updatedAt;
  }

  isDone(prospectId: string): boolean {
    return this.doneIds.has(prospectId);
  }

  isSkipped(prospectId: string): boolean {
    return this.skippedIds.has(prospectId);
  }

  /** The next prospect not logged yet, or the end of the queue. */
  next(now = new Date()): void {
    if (this.finished) return;

    this.index = this.firstOpenFrom(this.index + 1);
    this.touch(now);
  }

  /** One step back, to any prospect (logged or not). */
  previous(now = new Date()): void {
    if (this.index === 0) return;

    this.index -= 1;
    this.touch(now);
  }

  /** Marks the current prospect skipped (it stays in the queue) and moves on. */
  skip(now = new Date()): void {
    const current = this.currentId();

    if (current === undefined) return;

    if (!this.doneIds.has(current)) this.skippedIds.add(current);
    this.next(now);
  }

  /** Sends the current prospect to the end of the queue, e.g. outside its calling hours. */
  moveLater(now = new Date()): void {
    const current = this.currentId();

    if (current === undefined) return;

    this.ids.splice(this.index, 1);
    this.ids.push(current);
    // The prospect that followed now sits at `index`; it may have been logged already.
    this.index = this.firstOpenFrom(this.index);
    this.touch(now);
  }

  /** An outcome was logged for `prospectId`; when it is the current one, move on. */
  markDone(prospectId: string, now = new Date()): void {
    if (!this.ids.includes(prospectId)) return;

    this.doneIds.add(prospectId);
    this.skippedIds.delete(prospectId);
    if (this.currentId() === prospectId) this.index = this.firstOpenFrom(this.index + 1);
    this.touch(now);
  }

  /** The next `n` prospects not logged yet after the current one, to prefetch their cards. */
  upcomingIds(n: number): string[] {
    return this.ids
      .slice(this.index + 1)
      .filter((id) => !this.doneIds.has(id))
      .slice(0, Math.max(0, n));
  }

  private firstOpenFrom(start: number): number {
    const found = this.ids.findIndex((id, i) => i >= start && !this.doneIds.has(id));

    return found === -1 ? this.ids.length : found;
  }

  private touch(now: Date): void {
    this.updatedAt = now.toISOString();
  }
}
