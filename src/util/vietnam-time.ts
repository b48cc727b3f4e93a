/** Vietnam keeps one time zone, UTC+7, all year (no daylight saving). */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The moment as a Date whose UTC fields read Vietnam's wall clock (getUTCHours() is the hour in Vietnam). */
export function vietnamClock(at: Date): Date {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS);
}

/** The calendar day in Vietnam (YYYY-MM-DD) of a moment. */
export function vietnamDay(at: Date): string {
  return vietnamClock(at).toISOString().slice(0, 10);
}
