/// <reference types="vite/client" />
import type { DialerBridge } from '../../electron/contract';

declare global {
  interface Window {
    /** Exposed by preload (Electron) or by the browser bridge shim (tests and demo). */
    dialer: DialerBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
