import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { IsoDateTime } from '../../../electron/mcleod/types';
import { call, codeOf, messageOf, subscribe } from '../bridge';

/** The phone call in progress: dialing, the outside-hours question, the timer, copying. */
export const useCallStore = defineStore('call', () => {
  const startedAt = ref<IsoDateTime | null>(null);
  const selectedPhoneKey = ref<string | null>(null);
  /** Set when dial:start refused because the prospect is outside calling hours. */
  const outsideHours = ref<{ message: string; prospectId: string; phoneKey: string } | null>(null);
  const warning = ref('');
  const error = ref('');
  const notice = ref('');

  subscribe('dial:timer', ({ startedAt: next }) => {
    startedAt.value = next;
  });

  async function dial(prospectId: string, phoneKey: string, force = false) {
    error.value = '';
    outsideHours.value = null;

    try {
      const dialed = await call('dial:start', {
        prospectId,
        phoneKey,
        ...(force ? { force } : {}),
      });

      startedAt.value = dialed.startedAt;
      warning.value = dialed.warning ?? '';
    } catch (caught) {
      if (codeOf(caught) === 'outside-hours') {
        outsideHours.value = { message: messageOf(caught), prospectId, phoneKey };
      } else {
        error.value = messageOf(caught);
      }
    }
  }

  async function dialAnyway() {
    const pending = outsideHours.value;

    if (pending) await dial(pending.prospectId, pending.phoneKey, true);
  }

  async function copy(prospectId: string, phoneKey: string) {
    try {
      const copied = await call('dial:copy', { prospectId, phoneKey });

      notice.value = `Copied ${copied.copied}`;
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  /** Whole seconds since the dial, or undefined when no call was started. */
  function elapsedSeconds(): number | undefined {
    if (!startedAt.value) return undefined;

    const seconds = Math.round((Date.now() - Date.parse(startedAt.value)) / 1000);

    return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
  }

  /** Stops the timer here and tells main the call is over. */
  async function hangUp() {
    const wasRunning = startedAt.value !== null;

    reset();
    if (!wasRunning) return;

    try {
      await call('dial:end');
    } catch {
      // The outcome is already logged; a timer main failed to stop only affects display.
    }
  }

  function reset() {
    startedAt.value = null;
    outsideHours.value = null;
    warning.value = '';
    error.value = '';
    notice.value = '';
    selectedPhoneKey.value = null;
  }

  return {
    startedAt,
    selectedPhoneKey,
    outsideHours,
    warning,
    error,
    notice,
    dial,
    dialAnyway,
    copy,
    elapsedSeconds,
    hangUp,
    reset,
  };
});
