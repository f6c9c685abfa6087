import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ProfileSummary } from '../../../electron/contract';
import { call, messageOf } from '../bridge';

/** The call list profiles the rep can pick as a queue. */
export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileSummary[]>([]);
  const loading = ref(false);
  const error = ref('');

  async function load(refresh = false) {
    loading.value = true;
    error.value = '';

    try {
      profiles.value = await call('profiles:list', refresh ? { refresh } : undefined);
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  return { profiles, loading, error, load };
});
