import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Request, Settings } from '../../../electron/contract';
import { call, messageOf } from '../bridge';

/** Dial link, country, calling hours and outcome templates. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const error = ref('');
  const saved = ref(false);

  async function load() {
    try {
      settings.value = await call('settings:get');
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function update(change: NonNullable<Request<'settings:update'>>) {
    error.value = '';
    saved.value = false;

    try {
      settings.value = await call('settings:update', change);
      saved.value = true;
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  return { settings, error, saved, load, update };
});
