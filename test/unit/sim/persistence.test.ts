import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../mcleod-sim/index';
import { basicAuth, SimSession } from './sim-session';

const folder = mkdtempSync(join(tmpdir(), 'mcleod-sim-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('McLeod simulator: state across processes', () => {
  it('saves its state to a file on stop and loads it in a new simulator', async () => {
    const stateFile = join(folder, 'state.json');
    const first = await startSimulator({ stateFile, faults: {} });
    const session = await SimSession.open(first);
    const created = await session.putRow('/crm/prospects/create', { name: 'Wombat Paper Mill' });
    await first.stop();

    const second = await startSimulator({ stateFile, faults: {} });
    try {
      const again = await SimSession.open(second);
      expect((await again.row(`/crm/prospects/${created.id}`)).name).toBe('Wombat Paper Mill');
    } finally {
      await second.stop();
    }
  });

  it('refuses a state file that is not a saved simulator state', async () => {
    const stateFile = join(folder, 'broken.json');
    writeFileSync(stateFile, JSON.stringify({ version: 2, companies: [] }));

    await expect(startSimulator({ stateFile, faults: {} })).rejects.toThrow(/saved simulator/);
  });

  it('runs from the command line, prints its URL and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/mcleod-sim/cli.ts'], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, SIM_PORT: '0', SIM_LATENCY_MS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        output.push(line);
        const match = line.match(/^McLeod simulator: (\S+)$/);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited early: ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const response = await fetch(`${url}/users/current`, {
      headers: { authorization: basicAuth('demo', 'demo'), accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output.join('\n')).toMatch(/demo \/ demo/);
    expect(output.join('\n')).toMatch(/latencyMs=1/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
