/**
 * Seeded demo data: 300+ shippers across every US time zone, contacts with the messy phone
 * formats reps type, past and scheduled actions, call list profiles and saved searches.
 * Dates hang off Chicago midnight of the day the data is made, so two simulators started the
 * same day with the same seed serve identical data.
 */
import { simObjectionCodes } from './codes';
import { numberColumnKeys } from './columns';
import { chicagoMidnight, formatMcLeodDate, millisPerDay } from './dates';
import { places, type Place } from './places';
import { seededRandom, type Random } from './random';
import type { CompanyData, SavedSearch, SimState, StoredRow } from './state';

interface Commodity {
  id: string;
  trailers: string[];
  suffixes: string[];
  prospectType: string;
}

const commodities: Commodity[] = [
  { id: 'PRODUCE', trailers: ['R'], suffixes: ['Growers', 'Farms', 'Fresh Produce', 'Orchards'],
    prospectType: 'GROW' },
  { id: 'FROZEN', trailers: ['R'], suffixes: ['Frozen Foods', 'Cold Storage', 'Seafood Co.'],
    prospectType: 'FOOD' },
  { id: 'STEEL', trailers: ['F', 'SD'], suffixes: ['Steel', 'Metal Works', 'Steel Coil Co.'],
    prospectType: 'MFG' },
  { id: 'LUMBER', trailers: ['F'], suffixes: ['Lumber', 'Forest Products', 'Building Supply'],
    prospectType: 'DIST' },
  { id: 'MACHINERY', trailers: ['SD', 'F'], suffixes: ['Manufacturing', 'Equipment Co.'],
    prospectType: 'MFG' },
  { id: 'PAPER', trailers: ['V'], suffixes: ['Paper Products', 'Packaging', 'Corrugated'],
    prospectType: 'MFG' },
  { id: 'BEVERAGE', trailers: ['V', 'R'], suffixes: ['Beverage Distributors', 'Bottling Co.'],
    prospectType: 'DIST' },
  { id: 'PLASTICS', trailers: ['V'], suffixes: ['Plastics', 'Polymers'], prospectType: 'MFG' },
  { id: 'CHEMICALS', trailers: ['T'], suffixes: ['Chemical Co.', 'Industrial Fluids'],
    prospectType: 'MFG' },
  { id: 'GROCERY', trailers: ['V', 'R'], suffixes: ['Foods', 'Grocery Supply', 'Snack Co.'],
    prospectType: 'FOOD' },
  { id: 'RETAIL', trailers: ['V'], suffixes: ['Home Goods', 'Wholesale', 'Supply Co.'],
    prospectType: 'RETL' },
];

const nameStems = [
  'Prairie', 'Summit', 'Blue Ridge', 'Heartland', 'Lone Star', 'Cascade', 'Great Lakes',
  'Red River', 'Golden State', 'Keystone', 'Iron Range', 'Harbor', 'Pioneer', 'Evergreen',
  'Sunbelt', 'Riverbend', 'Northstar', 'Silver Creek', 'Canyon', 'Bayou', 'Magnolia', 'Granite',
  'Liberty', 'Frontier', 'Tri-County', 'Coastal', 'Delta', 'Pinecrest', 'McAllister',
  'McKinley', 'McCormick Bros.', 'Oakmont', 'Bluegrass', 'Mesa', 'Tidewater', 'Badger State',
  'Sierra', 'Allegheny', 'Ozark', 'Cumberland', 'High Plains', 'Chesapeake', 'Willamette',
  'Big Sky', 'Gulf Coast', 'Hoosier', 'Buckeye', 'Palmetto', 'Aloha', 'Kodiak',
];

const streets = [
  'Industrial Pkwy', 'Commerce Dr', 'Warehouse Rd', 'Main St', 'Rail Spur Ln', 'Distribution Way',
  'Packing House Rd', 'Mill St', 'Foundry Ave', 'Port Rd', 'Harvest Ln', 'Logistics Blvd',
];

const firstNames = [
  'Maria', 'James', 'Linda', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Carlos',
  'Susan', 'Kevin', 'Angela', 'Tom', 'Denise', 'Raj', 'Mei', 'Luis', 'Brenda', 'Hank', 'Keiko',
];

const lastNames = [
  'Garcia', 'Johnson', 'Nguyen', 'Miller', 'Okafor', 'Schmidt', 'Patel', 'Rodriguez', 'Kowalski',
  'Baker', 'Lee', 'Hernandez', "O'Brien", 'Yamamoto', 'Larson', 'Washington', 'Kahale', 'Novak',
];

const titles = [
  'Shipping Manager', 'Logistics Coordinator', 'Traffic Manager', 'VP Supply Chain',
  'Receptionist', 'Plant Manager', 'Purchasing Agent', 'Transportation Director',
  'Warehouse Supervisor', 'Owner',
];

const businessHours = ['8-5', '07:30-16:00', '9am-4pm', 'M-F 7-3', '6:00 AM - 2:30 PM', '8-4:30'];

const remarksPool = [
  'Ships 3-4 loads a week in season (May-Oct).',
  'Uses a dedicated carrier on the main lane; open to spot loads.',
  'Dock closes at 2pm sharp. Appointment required.',
  'Decision maker is the plant manager, not purchasing.',
  'Asked us to call back after their carrier bid in Q2.',
  'Cross-border loads to Monterrey twice a month.',
];

const salespeople = ['JSMITH', 'JSMITH', 'ADOE', 'RKOWALSKI', 'TNGUYEN'];
const salesManagers = ['KWHITE', 'LBROWN'];
const statusWeights = ['SUSP', 'PROS', 'PROS', 'PROS', 'QUAL', 'QUAL', 'ACTV', 'ACTV', 'LOST',
  'LOST', 'DNC'];

const idChars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function rowId(random: Random): string {
  let id = 'zz';
  for (let i = 0; i < 20; i++) id += random.pick([...idChars]);

  return id;
}

/** A reserved-range phone number written the way a rep might have typed it. */
function messyPhone(random: Random, areaCode: string): string {
  const line = `01${String(random.int(0, 99)).padStart(2, '0')}`;
  const formats = [
    () => `(${areaCode}) 555-${line}`,
    () => `${areaCode}.555.${line}`,
    () => `${areaCode}555${line}`,
    () => `+1 ${areaCode}-555-${line} x${random.int(2, 99)}`,
    () => `${areaCode}-555-${line} ext. ${random.int(1, 9)}`,
    () => `1-${areaCode}-555-${line}`,
    () => `${areaCode}-555-${line}`,
    () => `(${areaCode})555-${line}`,
  ];

  return random.pick(formats)();
}

function contactPhone(random: Random, areaCode: string): string | undefined {
  const roll = random.next();
  if (roll < 0.08) return undefined;
  if (roll < 0.12) return '';
  if (roll < 0.16) return random.pick(['see notes', 'ask for shipping', 'n/a', 'cell only']);

  return messyPhone(random, areaCode);
}

function dateAt(anchorDay: number, days: number, hour = 0, minute = 0): string {
  return formatMcLeodDate(chicagoMidnight(anchorDay, days) + (hour * 60 + minute) * 60_000);
}

function set(row: StoredRow, column: string, value: string | number | undefined): void {
  if (value !== undefined) row[column] = value;
}

function uniqueName(random: Random, commodity: Commodity, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(nameStems)} ${random.pick(commodity.suffixes)}`;
    const withSuffix = taken.has(name) ? `${name} ${random.pick(['Inc.', 'LLC', 'of Texas',
      'West', 'East', 'Co-op'])}` : name;
    if (!taken.has(withSuffix)) {
      taken.add(withSuffix);

      return withSuffix;
    }
  }
}

/** An 8-character McLeod-style code from the name and city, unique in `taken`. */
export function customerCode(name: string, city: string, taken: Set<string>): string {
  const letters = (text: string) => text.toUpperCase().replace(/[^A-Z]/g, '');
  const stem = `${letters(name).slice(0, 4)}${letters(city).slice(0, 2)}`.padEnd(6, 'X');
  for (let n = 1; ; n++) {
    const id = `${stem}${String(n).padStart(2, '0')}`;
    if (!taken.has(id)) {
      taken.add(id);

      return id;
    }
  }
}

interface SeedContext {
  random: Random;
  anchorDay: number;
  company: CompanyData;
  names: Set<string>;
  ids: Set<string>;
  nextActionId: () => string;
  salespeople: string[];
}

function addContacts(ctx: SeedContext, customer: StoredRow, place: Place, noPhone: boolean) {
  const { random } = ctx;
  const contacts: StoredRow[] = [];
  const count = random.int(0, 4);
  for (let i = 0; i < count; i++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const contact: StoredRow = { id: rowId(random), parent_row_id: String(customer.id) };
    set(contact, ctx.company.id === 'TMS2' ? 'contact_name' : 'name', `${first} ${last}`);
    set(contact, 'title', random.chance(0.85) ? random.pick(titles) : undefined);
    if (!noPhone) {
      set(contact, 'phone', contactPhone(random, place.areaCode));
      if (random.chance(0.3)) set(contact, 'mobile_phone', messyPhone(random, place.areaCode));
    }
    const mail = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    if (random.chance(0.7)) set(contact, 'email', `${mail}@example.com`);
    contact.is_active = random.chance(0.9) ? 'Y' : 'N';
    if (random.chance(0.15)) contact.comments = 'Prefers email before a call.';
    contacts.push(contact);
  }
  ctx.company.contacts[String(customer.id)] = contacts;
  const primary = contacts[0];
  if (primary) set(customer, 'primary_contact', String(primary.name ?? primary.contact_name));
}

function addActions(ctx: SeedContext, customer: StoredRow): StoredRow[] {
  const { random, anchorDay } = ctx;
  const customerId = String(customer.id);
  const count = random.int(0, 6);
  const daysAgo = Array.from({ length: count }, () => random.int(1, 240)).sort((a, b) => b - a);
  const activities = ['NOANS', 'NOANS', 'VM', 'VM', 'GK', 'TALK', 'QUOTE', 'INFO', 'EMAIL',
    'NOINT', 'BADNUM', 'CALL'];
  const actions: StoredRow[] = [];

  for (const ago of daysAgo) {
    const activity = random.pick(activities);
    const action: StoredRow = {
      id: ctx.nextActionId(),
      customer_id: customerId,
      activity_id: activity,
      action_date: dateAt(anchorDay, -ago, random.int(8, 16), random.int(0, 59)),
      status: 'C',
      priority: random.pick(['M', 'M', 'M', 'H', 'L']),
    };
    set(action, 'salesperson_id', customer.salesperson_id);
    const talked = ['TALK', 'QUOTE', 'NOINT', 'INFO'].includes(activity);
    action.call_length = talked ? random.int(2, 25) : random.int(0, 1);
    if (talked || random.chance(0.3)) {
      set(action, 'remarks', random.pick([
        'Spoke with shipping; send lane list.', 'Call back next week, busy with inventory.',
        'Voicemail full.', 'Wants rates Chicago to Dallas, 2 loads/wk.', 'Asked for W-9 and MC#.',
      ]));
    }
    if (activity === 'NOINT') {
      action.objection_id1 = random.pick(simObjectionCodes).id;
      if (random.chance(0.3)) action.objection_id2 = random.pick(simObjectionCodes).id;
    }
    if (activity !== 'BADNUM' && random.chance(0.7)) {
      action.next_act_id = random.pick(['FOLLOW', 'CALL', 'EMAIL']);
      action.next_act_date = dateAt(anchorDay, -ago + random.int(3, 45), random.int(8, 15));
    }
    action.next_action = action.next_act_id ? 'Y' : 'N';
    if (random.chance(0.4)) set(action, 'phone', customer.main_phone);
    actions.push(action);
  }

  if (random.chance(0.06)) {
    actions.push({
      id: ctx.nextActionId(),
      customer_id: customerId,
      activity_id: 'MEET',
      action_date: dateAt(anchorDay, random.int(2, 20), random.int(9, 15)),
      status: 'O',
      priority: 'H',
      remarks: 'On-site visit with the shipping manager.',
      next_action: 'N',
      salesperson_id: String(customer.salesperson_id ?? 'JSMITH'),
    });
  }

  for (const action of actions) ctx.company.actions[String(action.id)] = action;
  ctx.company.actionsByCustomer[customerId] = actions.map((a) => String(a.id));

  return actions;
}

function addMoney(ctx: SeedContext, customer: StoredRow): void {
  const { random, anchorDay } = ctx;
  if (random.chance(0.1)) return;

  const amount = random.int(2, 500) * 500;
  const canadian = random.chance(0.08);
  const rate = canadian ? 0.73 : 1;
  customer.potential = amount;
  customer.potential_c = canadian ? 'CAD' : 'USD';
  customer.potential_d = dateAt(anchorDay, -random.int(1, 300));
  customer.potential_r = rate;
  customer.potential_n = Math.round(amount * rate * 100) / 100;
}

function addCustomer(ctx: SeedContext, index: number): void {
  const { random, anchorDay } = ctx;
  const place = index < places.length ? places[index]! : random.pick(places);
  const commodity = random.pick(commodities);
  const name = uniqueName(random, commodity, ctx.names);
  const id = customerCode(name, place.city, ctx.ids);
  const status = random.pick(statusWeights);
  const noPhone = index % 29 === 5;
  const customer: StoredRow = {
    id,
    name,
    address1: `${random.int(100, 9899)} ${random.pick(streets)}`,
    city: place.city,
    state_id: place.state,
    zip_code: place.zip,
    zone_id: place.zone,
    salesperson_id: random.pick(ctx.salespeople),
    sales_manager_id: random.pick(salesManagers),
    sales_status_id: status,
    prospect_type_id: commodity.prospectType,
    is_active: random.chance(0.95) ? 'Y' : 'N',
    type_of: status === 'ACTV' || status === 'LOST' ? 'C' : 'P',
    primary_commodity_id: commodity.id,
    primary_trailer_type: random.pick(commodity.trailers),
  };
  if (random.chance(0.15)) customer.address2 = random.pick(['Suite 200', 'Dock 4', 'Bldg B']);
  if (!noPhone) {
    const roll = random.next();
    if (roll < 0.05) customer.main_phone = random.pick(['see notes', 'call cell']);
    else if (roll < 0.1) customer.main_phone = '';
    else if (roll < 0.93) customer.main_phone = messyPhone(random, place.areaCode);
  }
  if (random.chance(0.4)) {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    customer.website_url = `https://www.${slug}.example.com`;
  }
  if (random.chance(0.7)) customer.category = random.pick(['A', 'B', 'C']);
  if (random.chance(0.2)) customer.operations_user = random.pick(['MJONES', 'PTRAN']);
  addMoney(ctx, customer);
  if (random.chance(0.8)) customer.confidence_level = random.int(1, 9) * 10;
  if (status === 'ACTV' || status === 'LOST') customer.revenue = random.int(10, 900) * 1000;
  if (random.chance(0.5)) customer.monthly_order_goal = random.int(1, 40);
  if (status === 'ACTV') customer.last_ship_date = dateAt(anchorDay, -random.int(1, 60), 10);
  else if (status === 'LOST') customer.last_ship_date = dateAt(anchorDay, -random.int(95, 500));
  else if (random.chance(0.3)) customer.last_ship_date = dateAt(anchorDay, -random.int(100, 700));
  if (random.chance(0.85)) {
    const days = random.pick([7, 14, 21, 30, 45, 60, 90]);
    customer.days_between_calls = days;
    customer.rec_call_days = days;
    customer.next_rec_call = dateAt(anchorDay, random.int(-20, days));
  }
  if (random.chance(0.4)) customer.business_hours = random.pick(businessHours);
  if (random.chance(0.2)) customer.expected_close = dateAt(anchorDay, random.int(10, 120));
  if (random.chance(0.3)) customer.remarks = random.pick(remarksPool);

  addContacts(ctx, customer, place, noPhone);
  const actions = addActions(ctx, customer);
  customer.activity_count = actions.length;
  const followUp = [...actions].reverse().find((a) => a.next_act_date !== undefined);
  if (followUp) {
    customer.nxt_action_code_id = followUp.next_act_id!;
    customer.nxt_action_date = followUp.next_act_date!;
    customer.next_call_date = String(followUp.next_act_date).slice(0, 8) + '000000'
      + String(followUp.next_act_date).slice(14);
  } else if (random.chance(0.7)) {
    customer.next_call_date = dateAt(anchorDay, random.int(-45, 30));
  }
  if (random.chance(0.15)) {
    ctx.company.comments[id] = [{
      id: rowId(random),
      parent_row_id: id,
      comment_type_id: 'GEN',
      comments: random.pick(['Receiving hours differ from office hours.',
        'Former customer of our Dallas office.', 'Do not call before 9am local.']),
      entered_date: dateAt(anchorDay, -random.int(5, 400), 11),
      entered_user_id: 'jsmith',
    }];
  }

  ctx.company.customers[id] = customer;
  const addedAt = anchorDay - random.int(30, 900) * millisPerDay;
  ctx.company.customerMeta[id] = {
    addedAt,
    changedAt: Math.max(addedAt, anchorDay - random.int(1, 60) * millisPerDay),
  };
}

function emptyCompany(id: string, name: string): CompanyData {
  return {
    id, name, customers: {}, customerMeta: {}, contacts: {}, comments: {}, actions: {},
    actionsByCustomer: {}, profiles: [], savedSearches: [],
  };
}

const colours = {
  high_priority_color: '#D32F2F',
  medium_priority_color: '#F9A825',
  low_priority_color: '#388E3C',
};

function profilesFor(random: Random, anchorDay: number): StoredRow[] {
  const profile = (fields: StoredRow): StoredRow => ({ id: rowId(random), ...fields });
  const minValue = (amount: number): StoredRow => ({
    min_value: amount, min_value_c: 'USD', min_value_d: dateAt(anchorDay, -30), min_value_r: 1,
    min_value_n: amount,
  });

  return [
    profile({ descr: 'JSMITH overdue prospects', user_id: 'jsmith', salesperson_id: 'JSMITH',
      act_type: 'CALL', act_days: 0, ...colours, column_to_color: 'next_call_date' }),
    profile({ descr: 'High potential reefer', user_id: 'demo', ...minValue(100_000),
      ...colours, column_to_color: 'potential' }),
    profile({ descr: 'Lost customers 90 days', user_id: 'demo', status: 'LOST',
      last_order_days: 90, ...colours, column_to_color: 'last_ship_date' }),
    profile({ descr: 'Alaska and Hawaii accounts', user_id: 'demo', zone_id: 'AK,HI',
      act_days: 7 }),
    profile({ descr: 'KWHITE team - qualified', user_id: 'demo', sales_manager_id: 'KWHITE',
      status: 'QUAL', resp_code: 'S', resp_level: '2' }),
    profile({ descr: 'Guam territory (no prospects yet)', user_id: 'demo', zone_id: 'GU' }),
  ];
}

const screenClass = 'com.mcleodsoftware.crm.ProspectSearchPanel';

function savedSearches(): SavedSearch[] {
  return [
    { userId: 'jsmith', createUserId: 'jsmith', screenClassName: screenClass,
      searchName: 'My reefer prospects',
      query: 'customer.salesperson_id=JSMITH&customer.primary_trailer_type=R'
        + '&orderBy=customer.next_call_date+ASC' },
    { userId: 'demo', createUserId: 'demo', screenClassName: screenClass,
      searchName: 'Texas steel', query: 'state_id=TX&primary_commodity_id=STEEL' },
    { userId: 'demo', createUserId: 'jsmith', screenClassName: screenClass,
      searchName: 'Shipped in last 100 days',
      query: 'last_ship_date=>=t-100&orderBy=customer.last_ship_date+DESC' },
  ];
}

function numberStyles(seed: number): Record<string, 'string' | 'number'> {
  const random = seededRandom(seed ^ 0x51a7e);
  const keys = numberColumnKeys();
  const styles: Record<string, 'string' | 'number'> = {};
  for (const key of keys) styles[key] = random.chance(0.5) ? 'string' : 'number';
  // Both forms must show up on every seed, so pin the two most visible columns apart.
  styles['customer.potential'] = 'string';
  styles['customer.days_between_calls'] = 'number';

  return styles;
}

/** Builds the full data set for a seed, anchored on today's Chicago midnight. */
export function generateState(seed: number, nowMs = Date.now()): SimState {
  const anchorDay = chicagoMidnight(nowMs);
  const random = seededRandom(seed);
  let actionSeq = 3_089_050;
  const nextActionId = () => String(actionSeq++);
  const ids = new Set<string>();
  const names = new Set<string>();

  const tms = emptyCompany('TMS', 'Demo Freight Brokerage');
  const main: SeedContext = { random, anchorDay, company: tms, names, ids, nextActionId,
    salespeople };
  for (let i = 0; i < 320; i++) addCustomer(main, i);
  tms.profiles = profilesFor(random, anchorDay);
  tms.savedSearches = savedSearches();

  const tms2 = emptyCompany('TMS2', 'Demo Logistics Canada');
  const second: SeedContext = { ...main, company: tms2, salespeople: ['PLAMBERT'] };
  for (let i = 0; i < 3; i++) addCustomer(second, places.length + i);
  tms2.profiles = [{ id: rowId(random), descr: 'TMS2 all prospects', user_id: 'demo',
    salesperson_id: 'PLAMBERT' }];

  return {
    version: 1,
    seed,
    anchorDay,
    numberStyle: numberStyles(seed),
    defaultCompany: 'TMS',
    companies: { TMS: tms, TMS2: tms2 },
    tokens: {},
    nextActionId: actionSeq,
  };
}
