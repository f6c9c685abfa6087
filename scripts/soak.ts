/**
 * `npm run soak -- [--server URL --company C --user U --password P] --outcomes N [--minutes M]`
 *
 * Drives the real core (client, outbox, sender) headless: logs N outcomes over the first call
 * list profile that has prospects, waits until the outbox is empty or the time limit passes,
 * then checks every outcome in McLeod through the API and prints the figures. Without
 * --server it starts the simulator, with faults from SIM_* variables (see README).
 *
 * Against a real server this creates real prospect actions: point it at a test company.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../electron/app/core';
import { setLogLevel } from '../electron/logging/log';
import { createMcLeodClient } from '../electron/mcleod/client';
import { parseMcLeodDate } from '../electron/mcleod/dates';
import type { McLeodRow, ProspectAction } from '../electron/mcleod/types';
import { startSimulator, type RunningSim } from '../test/mcleod-sim';
import { createNodeAdapters } from '../test/harness/node-adapters';
import { headlessVault } from './headless-vault';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' },
    company: { type: 'string', default: 'TMS' },
    user: { type: 'string', default: 'demo' },
    password: { type: 'string', default: 'demo' },
    outcomes: { type: 'string', default: '100' },
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '2' },
  },
});

async function main(): Promise<void> {
  setLogLevel(process.env.DIALER_LOG_LEVEL ?? 'warn');
  const wanted = Number(args.outcomes);
  const deadline = Date.now() + Number(args.minutes) * 60_000;
  let sim: RunningSim | undefined;

  if (!args.server) sim = await startSimulator();
  const serverUrl = args.server ?? sim!.url;
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'dialer-soak-'));
  const { vault, kind } = await headlessVault(`McLeod Dialer soak ${process.pid}`);
  const core = await createCore(createNodeAdapters({ userData, vault }), {
    // Short waits so a soak finishes in minutes; the app's defaults are gentler on McLeod.
    sender: {
      concurrency: Number(args.concurrency),
      backoff: { baseMs: 50, maxMs: 2_000, factor: 2 },
      settleMs: 1_000,
    },
  });

  console.log(`soak: server ${serverUrl}${sim ? ' (simulator)' : ''}, secrets in ${kind}`);
  await core.start();
  // Remember the password so an expired token is renewed without a prompt, as a rep would.
  await core.handlers['auth:signIn']({
    serverUrl,
    companyId: args.company,
    userId: args.user,
    password: args.password,
    remember: true,
  });

  const source = await firstProfileWithProspects(core.handlers);
  const templates = await core.handlers['outcome:templates'](undefined);
  const logged: { outboxId: number; prospectId: string }[] = [];
  const started = Date.now();
  let view = await core.handlers['session:start'](source);

  while (logged.length < wanted && Date.now() < deadline) {
    if (view.finished || !view.currentId) {
      view = await core.handlers['session:start'](source);
      continue;
    }
    const template = templates[logged.length % templates.length]!;
    const prospectId = view.currentId;
    const result = await core.handlers['outcome:log']({
      prospectId,
      templateId: template.id,
      notes: `soak ${process.pid} #${logged.length + 1}`,
      callSeconds: logged.length % 240,
    });

    logged.push({ outboxId: result.outboxId, prospectId });
    view = result.session;
  }
  const loggedSeconds = (Date.now() - started) / 1000;

  console.log(
    `soak: logged ${logged.length} outcomes in ${loggedSeconds.toFixed(1)} s; ` +
      'waiting for the outbox',
  );
  const drained = await core.sender()!.drained(Math.max(1_000, deadline - Date.now()));
  // The check reads what McLeod holds; injected faults would only make it read twice.
  sim?.setFaults({});
  const outbox = core.outbox()!;
  const counts = outbox.counts();
  const how = outbox.sentBreakdown();
  const check = await checkInMcLeod(serverUrl, logged, outbox);

  console.log(`logged: ${logged.length}`);
  console.log(`sent: ${how.created}`);
  console.log(`matched as already sent: ${how.matched}`);
  console.log(`needing attention: ${counts.attention}`);
  console.log(`still waiting: ${counts.waiting}${drained ? '' : ' (time limit reached)'}`);
  console.log(
    `in McLeod exactly once: ${check.once}; missing: ${check.missing}; doubled: ${check.doubled}`,
  );
  if (sim) console.log(`simulator requests: ${sim.requestCount()}`);
  console.log(`elapsed: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  await core.stop();
  await sim?.stop();
  fs.rmSync(userData, { recursive: true, force: true });
  process.exit(check.missing + check.doubled + counts.waiting > 0 ? 1 : 0);

  /** Reads each prospect's history through the API: every sent outcome must be there once. */
  async function checkInMcLeod(
    url: string,
    entries: typeof logged,
    store: NonNullable<ReturnType<typeof core.outbox>>,
  ) {
    let token: string | undefined;
    const client = createMcLeodClient({
      serverUrl: url,
      companyId: args.company,
      auth: {
        currentToken: () => token,
        renewToken: async () => (token = await client.login(args.user!, args.password!)),
      },
    });

    token = await client.login(args.user!, args.password!);
    const histories = new Map<string, ProspectAction[]>();
    let once = 0;
    let missing = 0;
    let doubled = 0;

    for (const entry of entries) {
      const stored = store.get(entry.outboxId);

      if (!stored || stored.state !== 'sent') continue;
      if (!histories.has(entry.prospectId)) {
        histories.set(entry.prospectId, await client.prospectHistory(entry.prospectId));
      }
      const copies = histories
        .get(entry.prospectId)!
        .filter((action) => sameAction(action, stored.row));

      if (copies.length === 1) once++;
      else if (copies.length === 0) missing++;
      else doubled++;
    }
    await client.logout(token).catch(() => undefined);

    return { once, missing, doubled };
  }
}

function sameAction(action: ProspectAction, row: McLeodRow): boolean {
  const actionDate =
    typeof row.action_date === 'string' ? Date.parse(parseMcLeodDate(row.action_date)) : NaN;

  return (
    action.activityId === row.activity_id &&
    (action.remarks ?? '').trim() === String(row.remarks ?? '').trim() &&
    action.actionDate !== undefined &&
    Date.parse(action.actionDate) === actionDate
  );
}

async function firstProfileWithProspects(
  handlers: Awaited<ReturnType<typeof createCore>>['handlers'],
) {
  for (const profile of await handlers['profiles:list']({ refresh: true })) {
    const source = { kind: 'profile' as const, profileId: profile.id };

    try {
      await handlers['session:start'](source);

      return source;
    } catch {
      // An empty profile: try the next one.
    }
  }
  throw new Error('No call list profile has prospects on this server.');
}

main().catch((error: unknown) => {
  console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
