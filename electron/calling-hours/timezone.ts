/**
 * Which IANA time zone a prospect is in, so the card can show their local time and the guard
 * can keep reps from calling a shipper at 6 AM.
 *
 * Order: for a state split between zones, the ZIP decides (zipcode-to-timezone, with a few
 * corrections below); otherwise the state's majority zone; with no usable state, the ZIP;
 * then the main phone's area code. Zones are always IANA names, so Intl applies DST.
 */
import { lookup as zoneOfZip } from 'zipcode-to-timezone';
import { normalizePhone } from '../dial/phone';
import { areaCodeZoneOverrides, regionOfAreaCode } from './area-codes';

export type ZoneSource = 'state' | 'zip' | 'area-code';

interface Region {
  name: string;
  /** The zone where most of the region's people live. */
  zone: string;
}

// US states, DC, territories (and the freely associated states USPS serves), then Canada.
const regions: Record<string, Region> = {
  AL: { name: 'Alabama', zone: 'America/Chicago' },
  AK: { name: 'Alaska', zone: 'America/Anchorage' },
  AZ: { name: 'Arizona', zone: 'America/Phoenix' },
  AR: { name: 'Arkansas', zone: 'America/Chicago' },
  CA: { name: 'California', zone: 'America/Los_Angeles' },
  CO: { name: 'Colorado', zone: 'America/Denver' },
  CT: { name: 'Connecticut', zone: 'America/New_York' },
  DE: { name: 'Delaware', zone: 'America/New_York' },
  DC: { name: 'District of Columbia', zone: 'America/New_York' },
  FL: { name: 'Florida', zone: 'America/New_York' },
  GA: { name: 'Georgia', zone: 'America/New_York' },
  HI: { name: 'Hawaii', zone: 'Pacific/Honolulu' },
  ID: { name: 'Idaho', zone: 'America/Boise' },
  IL: { name: 'Illinois', zone: 'America/Chicago' },
  IN: { name: 'Indiana', zone: 'America/Indiana/Indianapolis' },
  IA: { name: 'Iowa', zone: 'America/Chicago' },
  KS: { name: 'Kansas', zone: 'America/Chicago' },
  KY: { name: 'Kentucky', zone: 'America/New_York' },
  LA: { name: 'Louisiana', zone: 'America/Chicago' },
  ME: { name: 'Maine', zone: 'America/New_York' },
  MD: { name: 'Maryland', zone: 'America/New_York' },
  MA: { name: 'Massachusetts', zone: 'America/New_York' },
  MI: { name: 'Michigan', zone: 'America/Detroit' },
  MN: { name: 'Minnesota', zone: 'America/Chicago' },
  MS: { name: 'Mississippi', zone: 'America/Chicago' },
  MO: { name: 'Missouri', zone: 'America/Chicago' },
  MT: { name: 'Montana', zone: 'America/Denver' },
  NE: { name: 'Nebraska', zone: 'America/Chicago' },
  NV: { name: 'Nevada', zone: 'America/Los_Angeles' },
  NH: { name: 'New Hampshire', zone: 'America/New_York' },
  NJ: { name: 'New Jersey', zone: 'America/New_York' },
  NM: { name: 'New Mexico', zone: 'America/Denver' },
  NY: { name: 'New York', zone: 'America/New_York' },
  NC: { name: 'North Carolina', zone: 'America/New_York' },
  ND: { name: 'North Dakota', zone: 'America/Chicago' },
  OH: { name: 'Ohio', zone: 'America/New_York' },
  OK: { name: 'Oklahoma', zone: 'America/Chicago' },
  OR: { name: 'Oregon', zone: 'America/Los_Angeles' },
  PA: { name: 'Pennsylvania', zone: 'America/New_York' },
  RI: { name: 'Rhode Island', zone: 'America/New_York' },
  SC: { name: 'South Carolina', zone: 'America/New_York' },
  SD: { name: 'South Dakota', zone: 'America/Chicago' },
  TN: { name: 'Tennessee', zone: 'America/Chicago' },
  TX: { name: 'Texas', zone: 'America/Chicago' },
  UT: { name: 'Utah', zone: 'America/Denver' },
  VT: { name: 'Vermont', zone: 'America/New_York' },
  VA: { name: 'Virginia', zone: 'America/New_York' },
  WA: { name: 'Washington', zone: 'America/Los_Angeles' },
  WV: { name: 'West Virginia', zone: 'America/New_York' },
  WI: { name: 'Wisconsin', zone: 'America/Chicago' },
  WY: { name: 'Wyoming', zone: 'America/Denver' },
  PR: { name: 'Puerto Rico', zone: 'America/Puerto_Rico' },
  VI: { name: 'U.S. Virgin Islands', zone: 'America/St_Thomas' },
  GU: { name: 'Guam', zone: 'Pacific/Guam' },
  MP: { name: 'Northern Mariana Islands', zone: 'Pacific/Saipan' },
  AS: { name: 'American Samoa', zone: 'Pacific/Pago_Pago' },
  UM: { name: 'U.S. Minor Outlying Islands', zone: 'Pacific/Wake' },
  FM: { name: 'Micronesia', zone: 'Pacific/Chuuk' },
  MH: { name: 'Marshall Islands', zone: 'Pacific/Majuro' },
  PW: { name: 'Palau', zone: 'Pacific/Palau' },
  AB: { name: 'Alberta', zone: 'America/Edmonton' },
  BC: { name: 'British Columbia', zone: 'America/Vancouver' },
  MB: { name: 'Manitoba', zone: 'America/Winnipeg' },
  NB: { name: 'New Brunswick', zone: 'America/Moncton' },
  NL: { name: 'Newfoundland and Labrador', zone: 'America/St_Johns' },
  NS: { name: 'Nova Scotia', zone: 'America/Halifax' },
  // Yellowknife keeps Mountain time with DST, the same rules as Edmonton.
  NT: { name: 'Northwest Territories', zone: 'America/Edmonton' },
  NU: { name: 'Nunavut', zone: 'America/Iqaluit' },
  ON: { name: 'Ontario', zone: 'America/Toronto' },
  PE: { name: 'Prince Edward Island', zone: 'America/Halifax' },
  QC: { name: 'Quebec', zone: 'America/Toronto' },
  // Saskatchewan stays on Central Standard Time all year.
  SK: { name: 'Saskatchewan', zone: 'America/Regina' },
  // Yukon moved to permanent UTC-7 in 2020.
  YT: { name: 'Yukon', zone: 'America/Whitehorse' },
};

/** States that span two zones: a known ZIP beats the state's majority zone. */
export const splitStates = new Set([
  'IN', 'KY', 'TN', 'FL', 'MI', 'ND', 'SD', 'NE', 'KS', 'TX', 'ID', 'OR', 'AK',
]);

/**
 * Three-digit ZIP prefixes where zipcode-to-timezone gives the state's majority zone but the
 * whole prefix lies in the other one (checked against the county lines of the zone boundary).
 */
const zipPrefixCorrections: Record<string, string> = {
  '463': 'America/Chicago', // Lake, Porter, LaPorte counties, Indiana
  '464': 'America/Chicago', // Gary, Indiana
  '476': 'America/Chicago', // Evansville area, Indiana
  '477': 'America/Chicago', // Evansville, Indiana
  '420': 'America/Chicago', // Paducah, Kentucky
  '421': 'America/Chicago', // Bowling Green, Kentucky
  '422': 'America/Chicago', // Hopkinsville, Kentucky
  '423': 'America/Chicago', // Owensboro, Kentucky
  '424': 'America/Chicago', // Henderson, Kentucky
  '979': 'America/Boise', // Malheur County, Oregon (Ontario, Nyssa, Vale)
};

/** ZIPs inside a corrected prefix that stay in the state's majority zone. */
const zipCorrectionExceptions = new Set(['97904', '97905']);

const regionByName = new Map(
  Object.entries(regions).map(([code, region]) => [region.name.toLowerCase(), code]),
);

function regionCode(state: string | undefined): string | undefined {
  const text = state?.trim();

  if (!text) return undefined;

  const upper = text.toUpperCase();

  if (regions[upper]) return upper;

  return regionByName.get(text.toLowerCase().replace(/\s+/g, ' '));
}

function zoneOfZipCode(zip: string | undefined): string | undefined {
  // McLeod keeps ZIP+4 and stray spaces as typed: "60601-1234", " 60601".
  const five = /^\s*(\d{5})(?:[\s-]?\d{4})?\s*$/.exec(zip ?? '')?.[1];

  if (!five) return undefined;

  const zone = zoneOfZip(five) ?? undefined;

  if (zone === undefined) return undefined;

  const corrected = zipPrefixCorrections[five.slice(0, 3)];

  return corrected && !zipCorrectionExceptions.has(five) ? corrected : zone;
}

function zoneOfPhone(phone: string | undefined): string | undefined {
  const normalized = normalizePhone(phone, 'US');

  if (!normalized.ok || !/^\+1\d{10}$/.test(normalized.e164)) return undefined;

  const areaCode = normalized.e164.slice(2, 5);
  const override = areaCodeZoneOverrides[areaCode];

  if (override) return override;

  const region = regionOfAreaCode(areaCode);

  return region ? regions[region]?.zone : undefined;
}

/** The prospect's IANA zone and how it was found, or undefined when nothing tells. */
export function prospectTimeZone(p: {
  state?: string;
  zip?: string;
  phone?: string;
}): { timeZone: string; source: ZoneSource } | undefined {
  const region = regionCode(p.state);

  if (region !== undefined) {
    const fromZip = splitStates.has(region) ? zoneOfZipCode(p.zip) : undefined;

    if (fromZip) return { timeZone: fromZip, source: 'zip' };

    const zone = regions[region]?.zone;

    if (zone) return { timeZone: zone, source: 'state' };
  }

  const fromZip = zoneOfZipCode(p.zip);

  if (fromZip) return { timeZone: fromZip, source: 'zip' };

  const fromPhone = zoneOfPhone(p.phone);

  if (fromPhone) return { timeZone: fromPhone, source: 'area-code' };

  return undefined;
}

/** Every state, territory and province code the table knows, for tests and settings. */
export const knownRegions: readonly string[] = Object.keys(regions);
