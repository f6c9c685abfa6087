/** A few lines of fetch plumbing shared by the simulator tests; every call is real HTTP. */
import type { RunningSim } from '../../mcleod-sim/index';

export type Row = Record<string, unknown> & { __type: string };

export function basicAuth(userId: string, password: string): string {
  return `Basic ${Buffer.from(`${userId}:${password}`).toString('base64')}`;
}

export async function loginToken(sim: RunningSim, userId = 'demo', password = userId) {
  const response = await fetch(`${sim.url}/users/login`, {
    method: 'POST',
    headers: { authorization: basicAuth(userId, password), accept: 'text/plain' },
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);

  return (await response.text()).trim();
}

/** GET or PUT as a JSON client with a token, as the dialer does. */
export class SimSession {
  constructor(readonly sim: RunningSim, readonly token: string, readonly company?: string) {}

  static async open(sim: RunningSim, userId = 'demo', company?: string): Promise<SimSession> {
    return new SimSession(sim, await loginToken(sim, userId), company);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Token ${this.token}`,
      accept: 'application/json',
      ...extra,
    };
    if (this.company) headers['X-com.mcleodsoftware.CompanyID'] = this.company;

    return headers;
  }

  get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.sim.url}${path}`, { headers: this.headers(extra) });
  }

  async rows(path: string): Promise<Row[]> {
    const response = await this.get(path);
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    }

    return (await response.json()) as Row[];
  }

  async row(path: string): Promise<Row> {
    const response = await this.get(path);
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    }

    return (await response.json()) as Row;
  }

  put(path: string, body: unknown, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.sim.url}${path}`, {
      method: 'PUT',
      headers: this.headers({ 'content-type': 'application/json', ...extra }),
      body: JSON.stringify(body),
    });
  }

  async putRow(path: string, body: unknown): Promise<Row> {
    const response = await this.put(path, body);
    if (response.status !== 200) {
      throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
    }

    return (await response.json()) as Row;
  }
}

/** Reads `yyyyMMddHHmmss±hhmm` independently of the simulator's own parser. */
export function mcleodInstant(value: unknown): Date {
  const pattern = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})$/;
  const match = String(value).match(pattern);
  if (!match) throw new Error(`not a McLeod date: ${String(value)}`);
  const [, y, mo, d, h, mi, s, oh, om] = match;

  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${oh}:${om}`);
}

/** Today's date in Chicago as yyyy-MM-dd, moved by `days`. */
export function chicagoDay(days = 0, from = new Date()): string {
  const shifted = new Date(from.getTime() + days * 86_400_000);

  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(shifted);
}

export function dayOf(value: unknown): string {
  const text = String(value);

  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}
