/**
 * The single path from an untrusted request to a core handler: the payload is parsed with
 * the channel's zod schema and any failure becomes a `Result` the renderer can show.
 * The Electron IPC registration and the browser test harness both go through here.
 */
import { isMcLeodError } from '../mcleod/errors';
import { log } from '../logging/log';
import { channels, requests, type AppError, type Channel, type Handlers, type Result } from '../contract';

const logger = log.scope('ipc');

/** An error a handler throws on purpose, with a message meant for the rep. */
export class UserFacingError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
  ) {
    super(message);
  }
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (channels as readonly string[]).includes(name);
}

export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid', message: `Unknown request "${channel}".` } };
  }

  const parsed = requests[channel].safeParse(payload);

  if (!parsed.success) {
    logger.warn('request refused: payload did not match the contract', { channel });

    return {
      ok: false,
      error: { code: 'invalid', message: `Invalid request: ${parsed.error.issues[0]?.message}` },
    };
  }

  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;

    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toAppError(channel, error) };
  }
}

export function toAppError(channel: string, error: unknown): AppError {
  if (error instanceof UserFacingError) return { code: error.code, message: error.message };

  if (isMcLeodError(error)) return { code: error.kind, message: error.message };

  // Unexpected: the rep gets a plain sentence, the log gets the detail.
  logger.error('handler failed unexpectedly', { channel, error: String(error) });

  return { code: 'internal', message: 'Something went wrong in the dialer. Details are in the log.' };
}
