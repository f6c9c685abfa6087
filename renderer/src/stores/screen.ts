import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HotkeyAction } from '../../../electron/contract';
import { subscribe } from '../bridge';

export type Screen = 'calling' | 'outbox' | 'settings';

/** Which page is on top while signed in (no router: three pages and a help overlay). */
export const useScreenStore = defineStore('screen', () => {
  const screen = ref<Screen>('calling');
  const helpOpen = ref(false);

  /** A global hotkey pressed while another page was on top, for the calling page to run. */
  const pendingHotkey = ref<HotkeyAction | null>(null);

  function show(next: Screen) {
    screen.value = next;
    helpOpen.value = false;
  }

  // A global hotkey is the rep saying "do it now" from another app: go back to the calling
  // page, which carries it out when it mounts (it handles the ones pressed while it shows).
  subscribe('hotkey:pressed', ({ action }) => {
    helpOpen.value = false;
    if (screen.value === 'calling') return;
    pendingHotkey.value = action;
    show('calling');
  });

  function takePendingHotkey(): HotkeyAction | null {
    const action = pendingHotkey.value;

    pendingHotkey.value = null;

    return action;
  }

  return { screen, helpOpen, show, takePendingHotkey };
});
