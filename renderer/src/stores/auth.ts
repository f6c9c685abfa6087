import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuthStatus } from '../../../electron/contract';
import { call, messageOf, subscribe } from '../bridge';

export interface SignInForm {
  serverUrl: string;
  companyId: string;
  userId: string;
  password: string;
  remember: boolean;
}

/** Who is signed in; the password only passes through on its way to main. */
export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null);
  const busy = ref(false);
  const error = ref('');

  subscribe('auth:changed', (next) => {
    status.value = next;
  });

  async function load() {
    try {
      status.value = await call('auth:status');
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function signIn(form: SignInForm) {
    busy.value = true;
    error.value = '';

    try {
      status.value = await call('auth:signIn', { ...form });
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      busy.value = false;
    }
  }

  async function signOut() {
    try {
      status.value = await call('auth:signOut');
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  return { status, busy, error, load, signIn, signOut };
});
