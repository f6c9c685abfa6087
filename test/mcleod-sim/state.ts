/**
 * The simulator's data, kept as plain JSON-friendly objects so a stopped simulator's state can
 * be handed to a new one, or saved to a file for a simulator in another process.
 *
 * Stored rows use McLeod column names. Dates are stored already formatted
 * (`yyyyMMddHHmmssZ`), numbers as JS numbers; how a number goes on the wire (string or JSON
 * number) is decided per column by `numberStyle`.
 */

/** A stored row: column -> value. Absent key = null in McLeod. */
export type StoredRow = Record<string, string | number>;

export interface CustomerMeta {
  /** Epoch ms when the row was added / last changed, for `changedAfterDate`. */
  addedAt: number;
  changedAt: number;
}

export interface SavedSearch {
  userId: string;
  createUserId: string;
  screenClassName: string;
  searchName: string;
  /** The criteria as a raw query string in advanced-search syntax. */
  query: string;
}

export interface CompanyData {
  id: string;
  name: string;
  customers: Record<string, StoredRow>;
  customerMeta: Record<string, CustomerMeta>;
  /** Contacts and comments by customer id, embedded on request. */
  contacts: Record<string, StoredRow[]>;
  comments: Record<string, StoredRow[]>;
  actions: Record<string, StoredRow>;
  /** Action ids by customer id, so history does not scan every action. */
  actionsByCustomer: Record<string, string[]>;
  profiles: StoredRow[];
  savedSearches: SavedSearch[];
}

export interface TokenRecord {
  userId: string;
  issuedAt: number;
  /** Requests made with this token, for the tokenExpiresAfter fault. */
  uses: number;
  revoked: boolean;
}

export interface SimState {
  version: 1;
  seed: number;
  /** Chicago midnight of the day the data was generated; relative dates hang off it. */
  anchorDay: number;
  /** `table.column` -> how that number column is sent in JSON. */
  numberStyle: Record<string, 'string' | 'number'>;
  defaultCompany: string;
  companies: Record<string, CompanyData>;
  tokens: Record<string, TokenRecord>;
  nextActionId: number;
}
