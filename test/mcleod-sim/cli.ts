/**
 * `npm run sim`: runs the McLeod simulator until SIGINT/SIGTERM.
 * Options: --port N (or SIM_PORT), --seed N (or SIM_SEED), --state-file PATH (or
 * SIM_STATE_FILE); faults and quirks come from the SIM_* variables (see index.ts).
 * The first line printed is `McLeod simulator: <url>` so scripts can read the URL.
 */
import { parseArgs } from 'node:util';
import { faultsFromEnv, quirksFromEnv, simUsers, startSimulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    'state-file': { type: 'string' },
  },
});

function numberOption(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`${name} must be a whole number, got "${text}"`);
    process.exit(2);
  }

  return parsed;
}

const faults = faultsFromEnv(process.env);
const quirks = quirksFromEnv(process.env);
const sim = await startSimulator({
  port: numberOption(values.port ?? process.env.SIM_PORT, 'port', 0),
  seed: numberOption(values.seed ?? process.env.SIM_SEED, 'seed', 42),
  faults,
  quirks,
  stateFile: values['state-file'] ?? process.env.SIM_STATE_FILE,
});

console.log(`McLeod simulator: ${sim.url}`);
console.log('Users (user / password):');
for (const user of simUsers) console.log(`  ${user.userId} / ${user.password}  - ${user.note}`);
console.log('Companies: TMS (default), TMS2 (header X-com.mcleodsoftware.CompanyID)');
const active = Object.entries({ ...faults, ...quirks });
console.log(active.length === 0 ? 'Faults: none'
  : `Faults and quirks: ${active.map(([key, value]) => `${key}=${String(value)}`).join(', ')}`);

let stopping = false;
const shutDown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping after ${sim.requestCount()} requests`);
  sim.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', () => shutDown('SIGINT'));
process.on('SIGTERM', () => shutDown('SIGTERM'));
