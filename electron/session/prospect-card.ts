/**
 * Turns what McLeod knows about a prospect into the card a rep reads in the two seconds
 * before the phone rings: who, where and what time it is there, which numbers can be
 * dialed, what happened last time and what is promised next.
 */
import type { ProspectCard } from '../contract';
import { calledTooRecently, localTimeInfo } from '../calling-hours/guard';
import { noPhoneReason, phoneChoices } from '../dial/phone';
import type { IsoDateTime, Prospect, ProspectAction } from '../mcleod/types';

const lastActionsShown = 5;

export interface CardInput {
  prospect: Prospect;
  history: ProspectAction[];
  upcoming: ProspectAction[];
  now: Date;
  defaultCountry: string;
  callingHours: { start: string; end: string };
  /** Oldest fetch time of the parts shown, when any part came from the cache. */
  cachedAt?: IsoDateTime;
}

export function buildProspectCard(input: CardInput): ProspectCard {
  const { prospect, now } = input;
  const phones = phoneChoices(prospect, input.defaultCountry);
  const primaryContact =
    prospect.contacts.find((contact) => contact.name === prospect.primaryContact) ??
    prospect.contacts.find((contact) => contact.isActive);

  return {
    id: prospect.id,
    name: prospect.name,
    city: prospect.city,
    state: prospect.state,
    zip: prospect.zip,
    primaryContact,
    contacts: prospect.contacts.filter((contact) => contact.isActive),
    phones,
    noPhoneReason: noPhoneReason(phones),
    potential: prospect.potential,
    confidenceLevel: prospect.confidenceLevel,
    monthlyOrderGoal: prospect.monthlyOrderGoal,
    lastShipDate: prospect.lastShipDate,
    nextCallDate: prospect.nextCallDate,
    commodity: prospect.primaryCommodityId,
    trailerType: prospect.primaryTrailerType,
    salesStatus: prospect.salesStatusDescr ?? prospect.salesStatusId,
    prospectType: prospect.prospectTypeDescr ?? prospect.prospectTypeId,
    businessHours: prospect.businessHours,
    remarks: prospect.remarks,
    comments: prospect.comments,
    lastActions: newestFirst(input.history).slice(0, lastActionsShown),
    upcomingActions: input.upcoming,
    localTime: localTimeInfo(prospect, now, input.callingHours),
    calledTooRecently: calledTooRecently(prospect, input.history, now),
    cachedAt: input.cachedAt,
  };
}

function newestFirst(actions: ProspectAction[]): ProspectAction[] {
  const time = (action: ProspectAction) => (action.actionDate ? Date.parse(action.actionDate) : 0);

  return [...actions].sort((a, b) => time(b) - time(a));
}
