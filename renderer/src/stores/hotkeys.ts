import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HotkeyAction, HotkeyStatus } from '../../../electron/contract';
import { call, messageOf, subscribe } from '../bridge';

/** Global hotkeys registered by main: their state, rebinding and pausing. */
export const useHotkeysStore = defineStore('hotkeys', () => {
  const status = ref<HotkeyStatus | null>(null);
  const error = ref('');

  subscribe('hotkeys:changed', (next) => {
    status.value = next;
  });

  async function load() {
    try {
      status.value = await call('hotkeys:status');
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function bind(action: HotkeyAction, accelerator: string) {
    error.value = '';

    try {
      status.value = await call('hotkeys:bind', { action, accelerator });
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function setPaused(paused: boolean) {
    try {
      status.value = await call('hotkeys:pause', { paused });
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  return { status, error, load, bind, setPaused };
});
