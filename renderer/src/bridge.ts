/**
 * The renderer's only way to the main process: a typed wrapper over `window.dialer` that
 * unwraps `Result` so stores can `await` values and catch one error type with a message
 * the rep can read.
 */
import type {
  AppError,
  Channel,
  EventName,
  Events,
  Request,
  Responses,
} from '../../electron/contract';

export class BridgeError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
  ) {
    super(message);
  }
}

type RequestArgs<C extends Channel> = undefined extends Request<C>
  ? [request?: Request<C>]
  : [request: Request<C>];

/** Invokes a channel and returns its value, or throws a BridgeError with the main's message. */
export async function call<C extends Channel>(
  channel: C,
  ...args: RequestArgs<C>
): Promise<Responses[C]> {
  let result;

  try {
    result = await window.dialer.invoke(channel, args[0] as Request<C>);
  } catch {
    // The bridge itself failed (preload missing, test server gone): nothing reached a handler.
    throw new BridgeError('internal', `The dialer could not reach its main process (${channel}).`);
  }

  if (!result.ok) throw new BridgeError(result.error.code, result.error.message);

  return result.value;
}

/** Subscribes to an event from main; returns the unsubscribe function. */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return window.dialer.on(event, listener);
}

/** A sentence for the rep from anything a store caught. */
export function messageOf(error: unknown): string {
  if (error instanceof BridgeError) return error.message;

  return error instanceof Error ? error.message : String(error);
}

export function codeOf(error: unknown): AppError['code'] | undefined {
  return error instanceof BridgeError ? error.code : undefined;
}
