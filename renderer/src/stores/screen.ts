import { defineStore } from 'pinia';
import { ref } from 'vue';

export type Screen = 'calling' | 'outbox' | 'settings';

/** Which page is on top while signed in (no router: three pages and a help overlay). */
export const useScreenStore = defineStore('screen', () => {
  const screen = ref<Screen>('calling');
  const helpOpen = ref(false);

  function show(next: Screen) {
    screen.value = next;
    helpOpen.value = false;
  }

  return { screen, helpOpen, show };
});
