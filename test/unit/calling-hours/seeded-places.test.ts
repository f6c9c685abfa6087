/**
 * Every city the simulator seeds carries the zone it really keeps; the lookup from state and
 * ZIP must agree with each, split states included. Comparing offsets (not names) accepts
 * equivalent IANA names such as America/Indiana/Indianapolis for America/New_York.
 */
import { describe, expect, it } from 'vitest';
import { prospectTimeZone } from '../../../electron/calling-hours/timezone';
import { places } from '../../mcleod-sim/places';

function offsetsOver2026(timeZone: string): string {
  return [Date.UTC(2026, 0, 15, 18), Date.UTC(2026, 6, 15, 18)]
    .map((instant) =>
      new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(new Date(instant))
        .find((part) => part.type === 'timeZoneName')?.value,
    )
    .join(' / ');
}

describe('time zones of the seeded shipper cities', () => {
  it.each(places.map((place) => [`${place.city}, ${place.state} ${place.zip}`, place] as const))(
    '%s keeps its real clock',
    (_label, place) => {
      const found = prospectTimeZone({ state: place.state, zip: place.zip });

      expect(found).toBeDefined();
      expect(offsetsOver2026(found!.timeZone)).toBe(offsetsOver2026(place.timeZone));
    },
  );
});
