/**
 * McLeod's real surroundings for tests and the benchmark: a SQLite file in a temp dir,
 * the McLeod client signed in to the simulator over HTTP, and action rows as the app logs them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMcLeodClient } from '../../electron/mcleod/client';
import { formatMcLeodDate } from '../../electron/mcleod/dates';
import type { McLeodApi, McLeodRow } from '../../electron/mcleod/types';

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));

  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface SignedInClient {
  api: McLeodApi;
  /** How many times the client had to sign in (first sign-in included). */
  logins(): number;
}

/** A client signed in as demo/demo that signs in again by itself when its token dies. */
export async function signedInClient(
  serverUrl: string,
  options: { timeoutMs?: number } = {},
): Promise<SignedInClient> {
  let token: string | undefined;
  let logins = 0;
  const signIn = async () => {
    token = await api.login('demo', 'demo');
    logins += 1;

    return token;
  };
  const api: McLeodApi = createMcLeodClient({
    serverUrl,
    companyId: 'TMS',
    timeoutMs: options.timeoutMs ?? 5000,
    auth: { currentToken: () => token, renewToken: signIn },
  });

  await signIn();

  return { api, logins: () => logins };
}

/** Prospect ids of the demo company, read through the API. */
export async function prospectIds(api: McLeodApi, count: number): Promise<string[]> {
  const prospects = await api.searchProspects(
    {
      criteria: [{ column: 'is_active', value: 'Y' }],
      orderBy: [{ column: 'id', direction: 'ASC' }],
    },
    { limit: count },
  );

  return prospects.map((prospect) => prospect.id);
}

/** An action row as the session logs it: concrete action date, remarks that name the test. */
export function actionRow(
  prospectId: string,
  remarks: string,
  loggedAt: Date,
  activityId = 'NOANS',
): McLeodRow {
  return {
    __type: 'prospect_action',
    customer_id: prospectId,
    activity_id: activityId,
    action_date: formatMcLeodDate(loggedAt, -360),
    remarks,
  };
}

/** How many times each remark appears in McLeod, read prospect by prospect through the API. */
export async function remarksInMcLeod(
  api: McLeodApi,
  prospects: Iterable<string>,
  tag: string,
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();

  for (const prospectId of new Set(prospects)) {
    for (const action of await api.prospectHistory(prospectId)) {
      const remarks = action.remarks ?? '';

      if (remarks.startsWith(tag)) seen.set(remarks, (seen.get(remarks) ?? 0) + 1);
    }
  }

  return seen;
}
