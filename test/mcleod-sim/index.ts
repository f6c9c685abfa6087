/**
 * A McLeod /ws/ server for tests, demos and benchmarks: CRMService plus login, with seeded
 * demo data, XML when JSON is not asked for, and injectable faults (latency, 500, 502,
 * a dropped socket after the write, expiring tokens) so client code meets what real servers do.
 *
 * Listens on 127.0.0.1 only. See ../../../shared/mcleod-api.md for the behaviour it follows.
 */
import { createSimServer } from './server';
import type { SimState } from './state';

export type { SimState } from './state';
export { simActivityCodes, simObjectionCodes } from './codes';
export { simUsers } from './users';
export { places as simPlaces, type Place as SimPlace } from './places';

export interface SimFaults {
  /** Added to every response. */
  latencyMs?: number;
  /** 0..1: answer 500 text/plain Java-ish exception WITHOUT doing the work. */
  error500Rate?: number;
  /** 0..1: for PUT create/update: do the work, then destroy the socket. */
  dropAfterCommitRate?: number;
  /** 0..1: answer 502 text/html page (nginx-like) without doing the work. */
  proxy502Rate?: number;
  /** A token stops working (401 "Token expired") after N requests. */
  tokenExpiresAfter?: number;
}

export interface SimQuirks {
  /** Every page is the first page. */
  ignoreOffset?: boolean;
  /** Every search answers everything from the offset at once. */
  ignoreLength?: boolean;
  /** Cap on a search without recordLength (default 500). */
  maxRecords?: number;
}

export interface SimOptions {
  /** 0 (default) = free port; pass a port to restart on the same one. */
  port?: number;
  /** Default 42; same seed => same data. */
  seed?: number;
  /** Default: faultsFromEnv(process.env). */
  faults?: SimFaults;
  /** Default: quirksFromEnv(process.env). */
  quirks?: SimQuirks;
  /** Reuse the data of a stopped simulator (restart = same data). */
  state?: SimState;
  /** Optional: load/save state as JSON (for a sim in another process). */
  stateFile?: string;
}

export interface RunningSim {
  /** e.g. http://127.0.0.1:41234/ws (base for all paths). */
  url: string;
  port: number;
  /** In-memory data (tests must verify through the HTTP API, not this). */
  state: SimState;
  setFaults(faults: SimFaults): void;
  /** Total HTTP requests served (for benchmarks). */
  requestCount(): number;
  /** Closes the server and all open sockets. */
  stop(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1 and resolves once it listens. */
export function startSimulator(options: SimOptions = {}): Promise<RunningSim> {
  return createSimServer({
    port: options.port ?? 0,
    seed: options.seed ?? 42,
    faults: options.faults ?? faultsFromEnv(process.env),
    quirks: options.quirks ?? quirksFromEnv(process.env),
    state: options.state,
    stateFile: options.stateFile,
  });
}

function envNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);

  return Number.isFinite(parsed) ? parsed : undefined;
}

function envRate(value: string | undefined): number | undefined {
  const parsed = envNumber(value);

  return parsed === undefined ? undefined : Math.min(1, Math.max(0, parsed));
}

function envFlag(value: string | undefined): boolean {
  return value !== undefined && /^(1|y|yes|t|true|on)$/i.test(value.trim());
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Reads SIM_LATENCY_MS, SIM_500_RATE, SIM_DROP_RATE, SIM_502_RATE, SIM_TOKEN_EXPIRES_AFTER. */
export function faultsFromEnv(env: NodeJS.ProcessEnv): SimFaults {
  return withoutUndefined<SimFaults>({
    latencyMs: envNumber(env.SIM_LATENCY_MS),
    error500Rate: envRate(env.SIM_500_RATE),
    dropAfterCommitRate: envRate(env.SIM_DROP_RATE),
    proxy502Rate: envRate(env.SIM_502_RATE),
    tokenExpiresAfter: envNumber(env.SIM_TOKEN_EXPIRES_AFTER),
  });
}

/** Reads SIM_IGNORE_OFFSET=1, SIM_IGNORE_LENGTH=1 and SIM_MAX_RECORDS. */
export function quirksFromEnv(env: NodeJS.ProcessEnv): SimQuirks {
  return withoutUndefined<SimQuirks>({
    ignoreOffset: envFlag(env.SIM_IGNORE_OFFSET) || undefined,
    ignoreLength: envFlag(env.SIM_IGNORE_LENGTH) || undefined,
    maxRecords: envNumber(env.SIM_MAX_RECORDS),
  });
}
