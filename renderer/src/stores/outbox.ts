import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OutboxItem, OutboxStatus } from '../../../electron/contract';
import { call, messageOf, subscribe } from '../bridge';

export interface OutboxFix {
  remarks?: string;
  activityId?: string;
  nextActivityId?: string;
  nextActionDate?: string;
}

/** Logged outcomes on their way to McLeod, and the ones that need the rep. */
export const useOutboxStore = defineStore('outbox', () => {
  const status = ref<OutboxStatus>({ connection: 'signed-out', waiting: 0, attention: 0 });
  const attention = ref<OutboxItem[]>([]);
  const waiting = ref<OutboxItem[]>([]);
  const sent = ref<OutboxItem[]>([]);
  const error = ref('');
  /** Counts the pushed statuses, to tell whether one arrived while a call was on its way. */
  let pushes = 0;

  subscribe('outbox:changed', (next) => {
    pushes += 1;
    status.value = next;
  });

  /**
   * Takes the status a call answered unless main pushed one meanwhile: the sender may finish
   * (and push "0 waiting") before the answer to a resend arrives, and that older answer would
   * otherwise stay on screen until the next change.
   */
  async function statusFrom(request: () => Promise<OutboxStatus>): Promise<void> {
    const before = pushes;
    const answered = await request();

    if (pushes === before) status.value = answered;
  }

  async function loadStatus() {
    try {
      await statusFrom(() => call('outbox:status'));
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function loadLists() {
    error.value = '';

    try {
      const [needsAttention, queued, recent] = await Promise.all([
        call('outbox:list', { state: 'attention' }),
        call('outbox:list', { state: 'waiting' }),
        call('outbox:list', { state: 'sent' }),
      ]);

      attention.value = needsAttention;
      waiting.value = queued;
      sent.value = recent;
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function resend(id: number, fix: OutboxFix) {
    try {
      await statusFrom(() => call('outbox:resend', { id, ...fix }));
      await loadLists();
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function discard(id: number) {
    try {
      await statusFrom(() => call('outbox:discard', { id }));
      await loadLists();
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  return { status, attention, waiting, sent, error, loadStatus, loadLists, resend, discard };
});
