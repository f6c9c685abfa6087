/**
 * The outbox core in a process of its own, for crash.test.ts to kill with SIGKILL: it logs
 * the outcomes it is told to (each in one transaction with a marker row, as the session's
 * markDone does), sends them to the simulator, and prints `drained` when nothing is left.
 *
 * Environment: CRASH_SIM_URL, CRASH_DB, CRASH_TAG, CRASH_UPTO (log outcomes 0..UPTO-1 that
 * are not logged yet), CRASH_PROSPECTS (comma list to spread them over), CRASH_WAIT_FOR_KILL=1
 * (stay alive after draining, so a slow kill never finds the process gone).
 */
import { openDatabase } from '../../../electron/store/database';
import { createOutboxStore } from '../../../electron/outbox/outbox-store';
import { createOutboxSender } from '../../../electron/outbox/sender';
import { actionRow, signedInClient } from '../../harness/mcleod-stack';

const need = (name: string): string => {
  const value = process.env[name];

  if (value === undefined || value === '') throw new Error(`crash-child needs ${name}`);

  return value;
};

async function main(): Promise<void> {
  const upto = Number(need('CRASH_UPTO'));
  const tag = need('CRASH_TAG');
  const prospects = need('CRASH_PROSPECTS').split(',');
  const { db } = openDatabase(need('CRASH_DB'));
  const store = createOutboxStore(db);

  db.exec('CREATE TABLE IF NOT EXISTS crash_logged (n INTEGER PRIMARY KEY)');
  const isLogged = db.prepare('SELECT 1 FROM crash_logged WHERE n = ?');
  const markLogged = db.prepare('INSERT INTO crash_logged (n) VALUES (?)');

  const client = await signedInClient(need('CRASH_SIM_URL'), { timeoutMs: 3000 });
  const sender = createOutboxSender({
    store,
    api: () => client.api,
    backoff: { baseMs: 10, maxMs: 100, factor: 2 },
    probe: { baseMs: 20, maxMs: 100, factor: 2 },
    // The simulator stores a write before it drops the line: no need to wait long for it.
    settleMs: 100,
  });

  sender.start();
  process.stdout.write('started\n');

  for (let n = 0; n < upto; n += 1) {
    if (isLogged.get(n) !== undefined) continue;
    const prospectId = prospects[n % prospects.length]!;
    const loggedAt = new Date();

    const row = actionRow(prospectId, `${tag} #${n}`, loggedAt);

    store.addWith({ prospectId, prospectName: prospectId, row, loggedAt }, () => markLogged.run(n));
    sender.kick();
    // Spread out like a rep logging calls, so kills land while sends are in the air.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const drained = await sender.drained(60_000);

  if (process.env.CRASH_WAIT_FOR_KILL === '1') {
    process.stdout.write(drained ? 'drained, waiting for the kill\n' : 'not drained\n');
    setInterval(() => undefined, 60_000);

    return;
  }

  await sender.stop();
  db.close();
  process.stdout.write(drained ? 'drained\n' : 'not drained\n');
  process.exitCode = drained ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${String(error)}\n`);
  process.exitCode = 2;
});
