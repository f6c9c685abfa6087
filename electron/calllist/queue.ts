/**
 * Builds the list of prospects a calling session walks: from a call list profile, a McLeod
 * saved search, or a quick search typed by the rep.
 */
import pMap, { pMapSkip } from 'p-map';
import type { QueueSource } from '../contract';
import type { McLeodApi, Prospect } from '../mcleod/types';
import { profileToQuery, type ProfileQuery } from './profile-search';

export interface BuiltQueue {
  title: string;
  prospects: Prospect[];
  unmapped: ProfileQuery['unmapped'];
}

/** At most this many history requests at once, to stay gentle with the McLeod server. */
const historyConcurrency = 4;

/**
 * Reads the prospects for a queue source. Profiles are put in calling order (`orderQueue`);
 * saved and quick searches keep the server's order, which the rep chose in McLeod.
 */
export async function buildQueue(
  api: McLeodApi,
  source: QueueSource,
  now: Date,
  options: { limit?: number } = {},
): Promise<BuiltQueue> {
  const limit = options.limit;

  switch (source.kind) {
    case 'profile':
      return profileQueue(api, source.profileId, now, limit);
    case 'savedSearch': {
      const { userId, createUserId, screenClassName, searchName } = source;
      const ref = { userId, createUserId, screenClassName, searchName };
      const prospects = await api.savedSearch(ref);

      return { title: searchName, prospects: prospects.slice(0, limit), unmapped: [] };
    }
    case 'search': {
      const prospects = await api.findProspects(source.query);
      const title = `Search "${source.query}"`;

      return { title, prospects: prospects.slice(0, limit), unmapped: [] };
    }
  }
}

async function profileQueue(
  api: McLeodApi,
  profileId: string,
  now: Date,
  limit: number | undefined,
): Promise<BuiltQueue> {
  const profile = await api.getCallListProfile(profileId);
  const query = profileToQuery(profile, now);
  const filter = query.clientFilter;
  // The limit is applied here, not by the server: a client filter may drop rows, and SQL
  // servers differ on where empty next call dates sort, so the server's first N may be wrong.
  const candidates = orderQueue(await api.searchProspects(query.search), now);
  const base = { title: profile.descr, unmapped: query.unmapped };

  if (!filter) return { ...base, prospects: candidates.slice(0, limit) };

  if (!query.needsHistory) {
    return { ...base, prospects: candidates.filter((p) => filter(p)).slice(0, limit) };
  }

  // Candidates are already in calling order and p-map starts them in that order, so once
  // `limit` have matched, every later candidate can be skipped without reading its history.
  let matched = 0;
  const kept = await pMap(
    candidates,
    async (prospect) => {
      if (limit !== undefined && matched >= limit) return pMapSkip;

      const history = await api.prospectHistory(prospect.id);

      if (!filter(prospect, history)) return pMapSkip;

      matched += 1;

      return prospect;
    },
    { concurrency: historyConcurrency },
  );

  return { ...base, prospects: kept.slice(0, limit) };
}

/**
 * Calling order: overdue first (next call date ascending, by day), prospects with no next
 * call date after all dated ones; ties by potential (highest first), then by name.
 */
export function orderQueue(prospects: Prospect[], now: Date): Prospect[] {
  const today = dayNumber(now.getTime());
  const keyed = prospects.map((prospect) => {
    const nextCall = prospect.nextCallDate ? Date.parse(prospect.nextCallDate) : Number.NaN;

    return {
      prospect,
      // Days until the call is due (negative: overdue); missing dates sort last.
      dueIn: Number.isNaN(nextCall) ? Infinity : dayNumber(nextCall) - today,
      potential: prospect.potential?.homeAmount ?? prospect.potential?.amount ?? -Infinity,
    };
  });

  keyed.sort(
    (a, b) =>
      compareNumbers(a.dueIn, b.dueIn) ||
      compareNumbers(b.potential, a.potential) ||
      a.prospect.name.localeCompare(b.prospect.name) ||
      a.prospect.id.localeCompare(b.prospect.id),
  );

  return keyed.map((k) => k.prospect);
}

function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}

/** Calendar day in machine time, as a number that grows by one each day. */
function dayNumber(time: number): number {
  const date = new Date(time);

  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}
