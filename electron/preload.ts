/**
 * Exposes `window.dialer` to the page: `invoke` for the contract's channels and `on` for its
 * events, nothing else. No raw ipcRenderer reaches the renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames as channels, eventNames } from './channels';
import type { DialerBridge, Result } from './contract';

const invokePrefix = 'dialer:';
const eventPrefix = 'dialer-event:';

const refused = (what: string): Result<never> => ({
  ok: false,
  error: { code: 'invalid', message: `Unknown request "${what}".` },
});

const dialer: DialerBridge = {
  invoke(channel, request) {
    if (!channels.includes(channel)) return Promise.resolve(refused(String(channel)));

    return ipcRenderer.invoke(invokePrefix + channel, request);
  },
  on(event, listener) {
    if (!eventNames.includes(event)) throw new Error(`Unknown event "${String(event)}".`);

    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0]);

    ipcRenderer.on(eventPrefix + event, forward);

    return () => {
      ipcRenderer.removeListener(eventPrefix + event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('dialer', dialer);
