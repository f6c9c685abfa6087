/**
 * Registers one `ipcMain.handle` per contract channel. Every call is checked for its sender
 * (the main frame of our own window, showing our own page) before its payload is parsed.
 */
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { channels, type EmitEvent, type Handlers } from '../contract';
import { dispatch } from '../app/dispatch';
import { log } from '../logging/log';

const logger = log.scope('ipc');

export const invokePrefix = 'dialer:';
export const eventPrefix = 'dialer-event:';

export function registerIpcHandlers(
  handlers: Handlers,
  isTrustedSender: (frame: WebFrameMain | null) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(invokePrefix + channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        logger.warn('request refused: unknown sender', { channel, url: event.senderFrame?.url });

        return { ok: false, error: { code: 'invalid', message: 'Request refused.' } };
      }

      return dispatch(handlers, channel, payload);
    });
  }
}

/** Sends core events to the window, if it is still there. */
export function eventSender(contents: () => WebContents | undefined): EmitEvent {
  return (event, payload) => {
    const target = contents();

    if (target && !target.isDestroyed()) target.send(eventPrefix + event, payload);
  };
}
