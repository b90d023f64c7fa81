/**
 * The clock a run's days follow: the time zone of the team that reads the results.
 * A day of an answer, a period, a due date and "today" are all counted in it, so a
 * Pacific team's Monday list is not a UTC one. A clock is a fixed offset (the one an
 * export's timestamps carry) or a named zone with its summer time (--tz). It is plain
 * data, so that the threads of a parallel read share it.
 */
export type Clock =
  /** How the clock is named in messages and next to times: "UTC", "UTC-08:00", "America/Los_Angeles". */
  | { label: string; minutes: number }
  | { label: string; zone: string };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** "+05:30", "-08:00". */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export const UTC: Clock = { label: 'UTC', minutes: 0 };

/** A clock at a fixed offset from UTC, as an export's timestamps write it ("-0800"). */
export function fixedClock(minutes: number): Clock {
  return minutes === 0 ? UTC : { label: `UTC${offsetText(minutes)}`, minutes };
}

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatOf(zone: string): Intl.DateTimeFormat | undefined {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      return undefined;
    }
    formats.set(zone, format);
  }
  return format;
}

/** A named zone ("Europe/Paris"), by the zone data the runtime carries (Intl); undefined for a name it does not know. */
export function zoneClock(zone: string): Clock | undefined {
  const format = formatOf(zone);
  if (format === undefined) return undefined;
  const name = format.resolvedOptions().timeZone;
  return { label: name, zone: name };
}

/** Minutes to add to UTC to read the clock at `time` (ms since 1970): -480 for UTC-08:00; looked up once an hour of time. */
export function offsetAt(clock: Clock, time: number): number {
  if ('minutes' in clock) return clock.minutes;
  const hour = Math.floor(time / HOUR_MS);
  const key = `${clock.zone} ${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const part = formatOf(clock.zone)?.formatToParts(new Date(hour * HOUR_MS)).find((one) => one.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part);
  const minutes = match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, minutes);
  return minutes;
}

/** Whether the clock is UTC all year round. */
export const isUtc = (clock: Clock): boolean => 'minutes' in clock && clock.minutes === 0;

/** The calendar day of a moment on this clock, in days since 1970. */
export function dayOn(clock: Clock, time: number): number {
  return Math.floor((time + offsetAt(clock, time) * MINUTE_MS) / DAY_MS);
}

/** A moment as people work to it on this clock: "2026-11-03 09:00 UTC-08:00". */
export function momentOn(clock: Clock, time: number): string {
  const iso = new Date(time + offsetAt(clock, time) * MINUTE_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${clock.label}`;
}

/**
 * The moment a wall time with no zone stands for, read on this clock: `wall` is the time
 * as if written in UTC. Around a change of summer time the offset of the hour before is used.
 */
export function wallToTime(clock: Clock, wall: number): number {
  const first = wall - offsetAt(clock, wall) * MINUTE_MS;
  return wall - offsetAt(clock, first) * MINUTE_MS;
}
