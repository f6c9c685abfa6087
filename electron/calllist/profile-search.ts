/**
 * From a McLeod call list profile to a prospect search. McLeod has no operation that returns
 * "the call list", so the dialer rebuilds it from the profile's fields. What each field means
 * is our guess at McLeod's semantics (../shared/mcleod-api.md, "From a profile to a queue"):
 * each rule is one line of `rules` below, so changing a guess changes one line.
 *
 * | profile field      | becomes                                                           |
 * |--------------------|-------------------------------------------------------------------|
 * | salesperson_id     | customer.salesperson_id=<v>      (comma list = any of them)       |
 * | sales_manager_id   | customer.sales_manager_id=<v>    (comma list)                     |
 * | operations_user    | customer.operations_user=<v>     (comma list)                     |
 * | zone_id            | customer.zone_id=<v>             (comma list)                     |
 * | prospect_type_id   | customer.prospect_type_id=<v>    (comma list)                     |
 * | customer_id        | customer.id=<v>                  (comma list)                     |
 * | status             | customer.sales_status_id=<v>     (comma list)                     |
 * | type_of            | customer.type_of=<v>                                              |
 * | min_value          | customer.potential=>=<amount>, and customer.potential_c=<currency> |
 * |                    | when the profile names a currency (amounts in other currencies    |
 * |                    | cannot be compared by the server)                                 |
 * | last_order_days    | client: last_ship_date on or before today-N, or never shipped     |
 * |                    | (the server cannot say "or empty" in one criterion)               |
 * | act_days alone     | customer.next_call_date=<=t<N>   (due within N days; 0 = today)   |
 * | act_days+act_type  | client, with history: next_call_date on or before today+N, or no  |
 * |                    | action of a type in act_type during the last N days               |
 * | act_type alone     | client, with history: never had an action of a type in act_type   |
 * | opportunity_id,    | no customer column: listed in `unmapped`, shown to the rep        |
 * | resp_code,         |                                                                   |
 * | resp_level         |                                                                   |
 * | user_id, colours,  | not criteria (owner of the profile, presentation)                 |
 * | column_to_color    |                                                                   |
 *
 * Order: overdue first (next_call_date ascending), then potential descending. The server is
 * asked for that order; `orderQueue` in queue.ts makes it exact on the client.
 */
import type {
  CallListProfile,
  Prospect,
  ProspectAction,
  ProspectSearch,
  SearchCriterion,
} from '../mcleod/types';

export interface ProfileQuery {
  /** Server-side criteria and order. */
  search: ProspectSearch;
  /** The part the server cannot express (act_type/act_days, last_order_days). */
  clientFilter?: (p: Prospect, history?: ProspectAction[]) => boolean;
  /** True when `clientFilter` needs each prospect's history. */
  needsHistory: boolean;
  /** Profile fields with no customer column (resp_code, resp_level...): kept and shown. */
  unmapped: { field: string; value: string }[];
}

type ClientTest = (prospect: Prospect, history: ProspectAction[]) => boolean;

interface RuleOutput {
  criteria?: SearchCriterion[];
  clientTest?: ClientTest;
  needsHistory?: boolean;
  unmapped?: { field: string; value: string }[];
}

type Rule = (profile: CallListProfile, today: Date) => RuleOutput | undefined;

/** One rule per profile field; each returns nothing when the field is not set. */
const rules: Rule[] = [
  (p) => column('customer.salesperson_id', p.salespersonId),
  (p) => column('customer.sales_manager_id', p.salesManagerId),
  (p) => column('customer.operations_user', p.operationsUser),
  (p) => column('customer.zone_id', p.zoneId),
  (p) => column('customer.prospect_type_id', p.prospectTypeId),
  (p) => column('customer.id', p.customerId),
  (p) => column('customer.sales_status_id', p.status),
  (p) => column('customer.type_of', p.typeOf),
  (p) => minimumPotential(p),
  (p, today) => notShippedFor(p.lastOrderDays, today),
  (p, today) => dueForCall(p.actDays, codeList(p.actType), today),
  (p) => unmapped('opportunity_id', p.opportunityId),
  (p) => unmapped('resp_code', p.respCode),
  (p) => unmapped('resp_level', p.respLevel),
];

const queueOrder: NonNullable<ProspectSearch['orderBy']> = [
  { column: 'customer.next_call_date', direction: 'ASC' },
  { column: 'customer.potential', direction: 'DESC' },
];

/** Turns a call list profile into a server search plus the filter the server cannot do. */
export function profileToQuery(profile: CallListProfile, today: Date): ProfileQuery {
  const outputs = rules.map((rule) => rule(profile, today)).filter((o) => o !== undefined);
  const clientTests = outputs.flatMap((o) => (o.clientTest ? [o.clientTest] : []));
  const query: ProfileQuery = {
    search: { criteria: outputs.flatMap((o) => o.criteria ?? []), orderBy: queueOrder },
    needsHistory: outputs.some((o) => o.needsHistory === true),
    unmapped: outputs.flatMap((o) => o.unmapped ?? []),
  };

  if (clientTests.length > 0) {
    query.clientFilter = (prospect, history) =>
      clientTests.every((test) => test(prospect, history ?? []));
  }

  return query;
}

/** `A, B ,C` -> `A,B,C`: McLeod reads a comma list as "any of these". */
function codeList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code.length > 0);
}

function column(name: string, value: string | undefined): RuleOutput | undefined {
  const codes = codeList(value);

  return codes.length > 0 ? { criteria: [{ column: name, value: codes.join(',') }] } : undefined;
}

function unmapped(field: string, value: string | undefined): RuleOutput | undefined {
  const trimmed = value?.trim();

  return trimmed ? { unmapped: [{ field, value: trimmed }] } : undefined;
}

function minimumPotential(profile: CallListProfile): RuleOutput | undefined {
  const minValue = profile.minValue;

  // A zero minimum is how an unset money column often arrives: no criterion.
  if (!minValue || !(minValue.amount > 0)) return undefined;

  const criteria = [{ column: 'customer.potential', value: `>=${minValue.amount}` }];
  const currency = minValue.currency?.trim();

  if (currency) criteria.push({ column: 'customer.potential_c', value: currency });

  return { criteria };
}

function notShippedFor(days: number | undefined, today: Date): RuleOutput | undefined {
  if (days === undefined || !(days > 0)) return undefined;

  // Shipped on day today-N counts as "not shipped for N days": compare to the day after it.
  const limit = startOfDay(today, -days + 1).getTime();

  return {
    clientTest: (prospect) => {
      const shipped = timeOf(prospect.lastShipDate);

      return shipped === undefined || shipped < limit;
    },
  };
}

function dueForCall(
  days: number | undefined,
  types: string[],
  today: Date,
): RuleOutput | undefined {
  // 0 is a real value here ("due today"): McLeod omits unset fields rather than sending 0.
  const hasDays = days !== undefined && days >= 0;

  if (!hasDays && types.length === 0) return undefined;

  if (types.length === 0) {
    return { criteria: [{ column: 'customer.next_call_date', value: `<=t${days || ''}` }] };
  }

  const hadActionSince = (history: ProspectAction[], since: number) =>
    history.some(
      (action) =>
        action.activityId !== undefined &&
        types.includes(action.activityId) &&
        (timeOf(action.actionDate) ?? -Infinity) >= since,
    );

  if (!hasDays) {
    return { needsHistory: true, clientTest: (_p, history) => !hadActionSince(history, -Infinity) };
  }

  const dueBefore = startOfDay(today, days + 1).getTime();
  const recentSince = startOfDay(today, -days).getTime();

  return {
    needsHistory: true,
    clientTest: (prospect, history) => {
      const nextCall = timeOf(prospect.nextCallDate);

      const dueByDate = nextCall !== undefined && nextCall < dueBefore;

      return dueByDate || !hadActionSince(history, recentSince);
    },
  };
}

/** Midnight, machine time, `offsetDays` from the day of `date` (DST-safe). */
function startOfDay(date: Date, offsetDays = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offsetDays);
}

function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;

  const time = Date.parse(iso);

  return Number.isNaN(time) ? undefined : time;
}
