/**
 * Forced quits mid-send: the outbox core runs in a child process that is killed with SIGKILL
 * at random moments while it talks to ONE simulator (with latency, so kills land inside
 * requests). After each restart nothing logged is lost and nothing is sent twice.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSim } from '../../mcleod-sim';
import { openDatabase } from '../../../electron/store/database';
import { createOutboxStore } from '../../../electron/outbox/outbox-store';
import { prospectIds, remarksInMcLeod, signedInClient, tempDir } from '../../harness/mcleod-stack';

const kills = 20;
const perRun = 10;
const total = kills * perRun;
const childScript = path.join(import.meta.dirname, 'crash-child.ts');

let sim: RunningSim;
let temp: ReturnType<typeof tempDir>;

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

interface ChildRun {
  started: Promise<void>;
  exited: Promise<ChildExit>;
  kill(): void;
}

function runChild(env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });

  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('started\n')) markStarted();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<ChildExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );

  return {
    started: Promise.race([started, exited.then(() => undefined)]),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** Outcomes the killed process left marked as in flight (read without recovering them). */
function outcomesInFlight(dbFile: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true });

  try {
    const row = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`).get();

    return (row as { n: number }).n;
  } catch {
    // The child may have died before it created the table.
    return 0;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  sim = await startSimulator({ faults: {} });
  temp = tempDir('outbox-crash-');
});

afterAll(async () => {
  await sim.stop();
  temp.remove();
});

describe('outbox under forced quits', () => {
  it(
    'loses and doubles nothing when the app is killed mid-send again and again',
    async () => {
      const client = await signedInClient(sim.url);
      const prospects = await prospectIds(client.api, 25);
      const dbFile = path.join(temp.dir, 'dialer.db');
      const tag = `crash-${Date.now()}`;
      const env = {
        CRASH_SIM_URL: sim.url,
        CRASH_DB: dbFile,
        CRASH_TAG: tag,
        CRASH_PROSPECTS: prospects.join(','),
      };
      let killed = 0;
      let inFlightAtKill = 0;

      sim.setFaults({ latencyMs: 25, dropAfterCommitRate: 0.03 });
      for (let run = 0; run < kills; run += 1) {
        const upto = String((run + 1) * perRun);
        const child = runChild({ ...env, CRASH_UPTO: upto, CRASH_WAIT_FOR_KILL: '1' });

        await child.started;
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 300));
        child.kill();
        const result = await child.exited;

        if (result.signal === 'SIGKILL') killed += 1;
        else {
          const how = `code ${result.code}, signal ${result.signal}`;

          throw new Error(`child ended before the kill (${how}): ${result.output}`);
        }
        inFlightAtKill += outcomesInFlight(dbFile);
      }

      const last = runChild({ ...env, CRASH_UPTO: String(total) });
      const result = await last.exited;

      expect(result.output).toContain('drained');
      expect(result.code).toBe(0);
      expect(killed).toBe(kills);
      // Some kills really landed while a send was in the air.
      expect(inFlightAtKill).toBeGreaterThan(0);

      sim.setFaults({});
      const seen = await remarksInMcLeod(client.api, prospects, tag);
      const doubled = [...seen].filter(([, count]) => count > 1);

      expect(doubled).toEqual([]);
      expect(seen.size).toBe(total);

      const { db } = openDatabase(dbFile);
      const store = createOutboxStore(db);

      expect(store.counts()).toMatchObject({ waiting: 0, attention: 0, sent: total });
      db.close();
    },
    240_000,
  );
});
