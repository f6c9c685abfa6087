/**
 * Dialing the current prospect through the rep's softphone, and the call timer that feeds
 * `call_length`. The link comes from the template in settings and is opened only when its
 * scheme is on the allowlist; outside the prospect's calling hours the rep is warned first.
 */
import type { DialResult, PhoneChoice, ProspectCard } from '../contract';
import type { IsoDateTime } from '../mcleod/types';
import type { ClipboardAdapter, Clock, DialAdapter } from '../app/adapters';
import { UserFacingError } from '../app/dispatch';
import { buildDialLink } from '../dial/links';
import { normalizePhone } from '../dial/phone';
import { log } from '../logging/log';

const logger = log.scope('dial');

export interface DialingOptions {
  card: (prospectId: string) => Promise<ProspectCard>;
  dialTemplate: () => string;
  defaultCountry: () => string;
  dial: DialAdapter;
  clipboard: ClipboardAdapter;
  clock: Clock;
  timerChanged: (startedAt: IsoDateTime | null) => void;
}

export interface Dialing {
  start(request: { prospectId: string; phoneKey: string; force?: boolean }): Promise<DialResult>;
  copy(request: { prospectId: string; phoneKey: string }): Promise<{ copied: string }>;
  /** Stops the timer; the seconds since the dial, or 0 when no call was timed. */
  end(): { callSeconds: number };
  /** Seconds of the call timed for this prospect, stopping the timer; undefined if none. */
  takeCallSeconds(prospectId: string): number | undefined;
}

export function createDialing(options: DialingOptions): Dialing {
  let call: { prospectId: string; startedAt: Date } | undefined;

  function pick(card: ProspectCard, phoneKey: string): PhoneChoice | undefined {
    if (phoneKey) return card.phones.find((phone) => phone.key === phoneKey);

    return card.phones.find((phone) => phone.dialable) ?? card.phones[0];
  }

  function stop(): number | undefined {
    if (!call) return undefined;
    const elapsedMs = options.clock.now().getTime() - call.startedAt.getTime();
    const seconds = Math.max(0, Math.round(elapsedMs / 1000));

    call = undefined;
    options.timerChanged(null);

    return seconds;
  }

  return {
    async start({ prospectId, phoneKey, force }) {
      const card = await options.card(prospectId);
      const phone = pick(card, phoneKey);

      if (!phone?.dialable) {
        const reason = phone?.problem ?? card.noPhoneReason ?? 'There is no number to dial.';

        throw new UserFacingError('no-phone', `${reason} Copy the number or skip this prospect.`);
      }

      const hours = card.localTime;
      const warning =
        hours.withinWindow === false
          ? `It is ${hours.localTime ?? 'outside calling hours'} for ${card.name}, outside ` +
            `${hours.window ?? 'the calling window'}.`
          : undefined;

      if (warning && !force) throw new UserFacingError('outside-hours', warning);

      const normalized = normalizePhone(phone.raw, options.defaultCountry());

      if (!normalized.ok) throw new UserFacingError('no-phone', normalized.problem);
      let link: string;

      try {
        link = buildDialLink(options.dialTemplate(), normalized);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);

        throw new UserFacingError('invalid', `${reason} Check the dial link in Settings.`);
      }

      await options.dial.open(link);
      call = { prospectId, startedAt: options.clock.now() };
      options.timerChanged(call.startedAt.toISOString());
      logger.info('dialed', { prospectId, phoneKey: phone.key, scheme: link.split(':')[0] });

      return { link, startedAt: call.startedAt.toISOString(), warning };
    },

    async copy({ prospectId, phoneKey }) {
      const card = await options.card(prospectId);
      const phone = pick(card, phoneKey);

      if (!phone) throw new UserFacingError('no-phone', card.noPhoneReason ?? 'No number on file.');
      const text = phone.display ?? phone.raw;

      options.clipboard.writeText(text);

      return { copied: text };
    },

    end() {
      return { callSeconds: stop() ?? 0 };
    },

    takeCallSeconds(prospectId) {
      if (call?.prospectId !== prospectId) return undefined;

      return stop();
    },
  };
}
