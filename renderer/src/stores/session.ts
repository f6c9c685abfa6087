import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  LogOutcomeRequest,
  OutcomeTemplate,
  QueueSource,
  SessionView,
} from '../../../electron/contract';
import { call, messageOf, subscribe } from '../bridge';
import { useCallStore } from './call';

type Move = 'session:next' | 'session:previous' | 'session:skip' | 'session:moveLater';

/** The calling session: the queue position, the current card and logging outcomes. */
export const useSessionStore = defineStore('session', () => {
  const view = ref<SessionView | null>(null);
  const templates = ref<OutcomeTemplate[]>([]);
  const busy = ref(false);
  const error = ref('');
  /** Bumped after each logged outcome so the outcome panel resets its notes. */
  const loggedCount = ref(0);

  const current = computed(() => view.value?.current);

  subscribe('session:changed', (next) => {
    view.value = next;
  });

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = '';

    try {
      return await work();
    } catch (caught) {
      error.value = messageOf(caught);

      return undefined;
    } finally {
      busy.value = false;
    }
  }

  async function loadTemplates() {
    try {
      templates.value = await call('outcome:templates');
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function start(source: QueueSource) {
    const started = await run(() => call('session:start', source));

    if (started) view.value = started;
  }

  /** Picks up an open session after a restart; true when there was one. */
  async function resume(): Promise<boolean> {
    const resumed = await run(() => call('session:resume'));

    if (resumed) view.value = resumed;

    return Boolean(resumed);
  }

  async function move(channel: Move) {
    const callStore = useCallStore();

    callStore.reset();
    const moved = await run(() => call(channel));

    if (moved) view.value = moved;
  }

  async function end() {
    const callStore = useCallStore();

    callStore.reset();
    await run(() => call('session:end'));
    view.value = null;
  }

  /** Logs an outcome for the current prospect; the answer carries the next card. */
  async function logOutcome(request: Omit<LogOutcomeRequest, 'prospectId' | 'callSeconds'>) {
    const callStore = useCallStore();
    const prospect = current.value;

    if (!prospect || busy.value) return;

    const callSeconds = callStore.elapsedSeconds();
    const logged = await run(() =>
      call('outcome:log', {
        prospectId: prospect.id,
        ...request,
        ...(callSeconds === undefined ? {} : { callSeconds }),
      }),
    );

    if (!logged) return;

    view.value = logged.session;
    loggedCount.value += 1;
    void callStore.hangUp();
  }

  return {
    view,
    current,
    templates,
    busy,
    error,
    loggedCount,
    loadTemplates,
    start,
    resume,
    next: () => move('session:next'),
    previous: () => move('session:previous'),
    skip: () => move('session:skip'),
    moveLater: () => move('session:moveLater'),
    end,
    logOutcome,
  };
});
