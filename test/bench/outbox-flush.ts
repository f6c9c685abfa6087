/**
 * How fast the outbox catches up after an outage: 1,000 outcomes are logged while McLeod is
 * unreachable, then the simulator (50 ms latency) comes back and the sender flushes them.
 *
 *   npm run bench:outbox [-- --outcomes 1000 --latency 50 --concurrency 2]
 *
 * Prints plain lines: time to flush, outcomes per second, HTTP requests per outcome, peak RSS.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '../mcleod-sim';
import { openDatabase } from '../../electron/store/database';
import { createOutboxStore } from '../../electron/outbox/outbox-store';
import { createOutboxSender } from '../../electron/outbox/sender';
import { actionRow, prospectIds, signedInClient, tempDir } from '../harness/mcleod-stack';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      outcomes: { type: 'string', default: '1000' },
      latency: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const outcomes = Number(values.outcomes);
  const latencyMs = Number(values.latency);
  const concurrency = Number(values.concurrency);
  const temp = tempDir('outbox-bench-');
  let sim = await startSimulator({ faults: { latencyMs } });

  try {
    const client = await signedInClient(sim.url, { timeoutMs: 10_000 });
    const prospects = await prospectIds(client.api, 200);
    const { db } = openDatabase(path.join(temp.dir, 'dialer.db'));
    const store = createOutboxStore(db);
    const sender = createOutboxSender({
      store,
      api: () => client.api,
      concurrency,
      probe: { baseMs: 60_000, maxMs: 60_000, factor: 2 },
    });
    const port = sim.port;

    // The outage: the server goes away, the rep keeps logging.
    await sim.stop();
    sender.start();
    const loggingStarted = performance.now();

    for (let i = 0; i < outcomes; i += 1) {
      const prospectId = prospects[i % prospects.length]!;
      const loggedAt = new Date();

      store.add({
        prospectId,
        prospectName: prospectId,
        row: actionRow(prospectId, `bench #${i}`, loggedAt),
        loggedAt,
      });
    }
    const loggingMs = performance.now() - loggingStarted;

    while (sender.status().connection !== 'offline') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    sim = await startSimulator({ state: sim.state, port, faults: { latencyMs } });
    const flushStarted = performance.now();

    sender.kick();
    const drained = await sender.drained(30 * 60_000);
    const flushMs = performance.now() - flushStarted;
    const requests = sim.requestCount();

    await sender.stop();
    db.close();

    console.log(`outcomes: ${outcomes}`);
    console.log(`latency per request: ${latencyMs} ms`);
    console.log(`concurrency: ${concurrency}`);
    console.log(`drained: ${drained}`);
    console.log(`logging ${outcomes} outcomes (durable commits): ${loggingMs.toFixed(0)} ms`);
    console.log(`time to flush: ${(flushMs / 1000).toFixed(2)} s`);
    console.log(`outcomes per second: ${(outcomes / (flushMs / 1000)).toFixed(1)}`);
    console.log(`HTTP requests per outcome: ${(requests / outcomes).toFixed(3)}`);
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
    if (!drained) process.exitCode = 1;
  } finally {
    await sim.stop();
    temp.remove();
  }
}

await main();
