/**
 * The single path from an untrusted request to a core handler: the payload is parsed with
 * the channel's zod schema and any failure becomes a `Result` the renderer can show.
 * The Electron IPC registration and the browser test harness both go through here.
 */
import { isMcLeodError } from '../mcleod/errors';
import { log } from '../logging/log';
import {
  channels,
  requests,
  type AppError,
  type Channel,
  type Handlers,
  type Result,
} from '../contract';

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

/** What the rep typed could not be used: the reason, as the rep can act on it. */
export function invalidInput(error: unknown): UserFacingError {
  return new UserFacingError('invalid', error instanceof Error ? error.message : String(error));
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

    const message = describeIssue(parsed.error.issues[0]);

    return { ok: false, error: { code: 'invalid', message } };
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

  return {
    code: 'internal',
    message: 'Something went wrong in the dialer. Details are in the log.',
  };
}

/** "Calling hours, start: Use a time of day such as 08:00.", from a zod issue. */
function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'That request was not understood.';

  const field = issue.path
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(', ');
  const sentence = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;

  if (!field) return sentence;

  return `${field.charAt(0).toUpperCase()}${field.slice(1)}: ${sentence}`;
}
