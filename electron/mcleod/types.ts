/**
 * Domain types for what the McLeod CRMService returns, after parsing at the edge.
 *
 * McLeod's snake_case column names stay in `McLeodRow` (the wire form); everything
 * past the client works with these camelCase types. Timestamps are ISO 8601 strings
 * that keep the server's offset (`2016-08-16T17:01:00-05:00`) so they survive IPC,
 * JSON and SQLite unchanged.
 */

/** A row as it travels on the wire: McLeod column names, `__type` set to the table. */
export type McLeodRow = { __type: string } & Record<string, unknown>;

export type IsoDateTime = string;

export interface Money {
  amount: number;
  currency?: string;
  /** Amount converted to the company's home currency (`*_n`). */
  homeAmount?: number;
}

export interface Contact {
  id: string;
  name: string;
  title?: string;
  phone?: string;
  mobilePhone?: string;
  email?: string;
  isActive: boolean;
}

export interface Prospect {
  id: string;
  name: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  mainPhone?: string;
  primaryContact?: string;
  websiteUrl?: string;
  salespersonId?: string;
  salesManagerId?: string;
  salesStatusId?: string;
  salesStatusDescr?: string;
  prospectTypeId?: string;
  prospectTypeDescr?: string;
  category?: string;
  categoryDescr?: string;
  zoneId?: string;
  isActive: boolean;
  typeOf?: string;
  potential?: Money;
  confidenceLevel?: number;
  revenue?: number;
  monthlyOrderGoal?: number;
  lastShipDate?: IsoDateTime;
  nextCallDate?: IsoDateTime;
  daysBetweenCalls?: number;
  nextActionCodeId?: string;
  nextActionDate?: IsoDateTime;
  activityCount?: number;
  /** Free text as typed in McLeod, e.g. "8-5" or "07:30-16:00". */
  businessHours?: string;
  primaryCommodityId?: string;
  primaryTrailerType?: string;
  expectedClose?: IsoDateTime;
  remarks?: string;
  contacts: Contact[];
  comments: string[];
}

export interface ProspectAction {
  id: string;
  customerId: string;
  activityId?: string;
  activityDescr?: string;
  actionDate?: IsoDateTime;
  remarks?: string;
  nextActivityId?: string;
  nextActivityDescr?: string;
  nextActionDate?: IsoDateTime;
  /** McLeod's `call_length`; this app writes whole minutes (see README). */
  callLength?: number;
  status?: string;
  priority?: string;
  objectionId1?: string;
  objection1Descr?: string;
  objectionId2?: string;
  objection2Descr?: string;
  salespersonId?: string;
  phone?: string;
  email?: string;
  primaryContact?: string;
  descr?: string;
}

export interface CallListProfile {
  id: string;
  descr: string;
  userId?: string;
  salespersonId?: string;
  salesManagerId?: string;
  operationsUser?: string;
  prospectTypeId?: string;
  status?: string;
  zoneId?: string;
  typeOf?: string;
  customerId?: string;
  actType?: string;
  actDays?: number;
  lastOrderDays?: number;
  minValue?: Money;
  opportunityId?: string;
  respCode?: string;
  respLevel?: string;
  highPriorityColor?: string;
  mediumPriorityColor?: string;
  lowPriorityColor?: string;
  columnToColor?: string;
}

/** One criterion of an advanced search: `column` is a customer column. */
export interface SearchCriterion {
  column: string;
  /** Already in McLeod syntax: `JSMITH`, `mc*`, `>=5000`, `<=t-30`, `<>V`. */
  value: string;
}

export interface SearchOrder {
  column: string;
  direction: 'ASC' | 'DESC';
}

export interface ProspectSearch {
  criteria: SearchCriterion[];
  orderBy?: SearchOrder[];
  changedAfter?: { date: string; type: 'Add' | 'Update' };
}

export interface SavedSearchRef {
  userId: string;
  createUserId: string;
  screenClassName: string;
  searchName: string;
}

/** What the McLeod client offers the rest of the core (see electron/mcleod/client.ts). */
export interface McLeodApi {
  login(userId: string, password: string): Promise<string>;
  logout(token: string): Promise<void>;
  currentUser(): Promise<McLeodRow>;
  listCallListProfiles(): Promise<CallListProfile[]>;
  getCallListProfile(id: string): Promise<CallListProfile>;
  findProspects(query: string): Promise<Prospect[]>;
  /** Every matching prospect, paging past servers that ignore offset or length. */
  searchProspects(
    search: ProspectSearch,
    options?: { pageSize?: number; limit?: number },
  ): Promise<Prospect[]>;
  savedSearch(ref: SavedSearchRef): Promise<Prospect[]>;
  getProspect(id: string): Promise<Prospect>;
  prospectHistory(id: string): Promise<ProspectAction[]>;
  prospectUpcoming(id: string): Promise<ProspectAction[]>;
  newProspect(): Promise<McLeodRow>;
  createProspect(row: McLeodRow): Promise<Prospect>;
  updateProspect(row: McLeodRow): Promise<Prospect>;
  newAction(prospectId: string): Promise<McLeodRow>;
  getAction(id: string): Promise<ProspectAction>;
  createAction(row: McLeodRow): Promise<ProspectAction>;
  updateAction(row: McLeodRow): Promise<ProspectAction>;
}
