/** Made once: building a formatter costs far more than using one (lists and imports ask per row). */
const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day in the Netherlands. Rules about children (age, enrolment, residence) are about
 * Dutch calendar days, whatever the server's time zone. `SAMENSPEL_TODAY` pins it for tests/demos.
 */
export function today(now: Date = new Date()): string {
  const pinned = process.env.SAMENSPEL_TODAY;
  if (pinned) return pinned;
  return dutchDay.format(now);
}

export function isIsoDate(value: string): boolean {
  // Year 0000 does not exist (the year before 1 AD is 1 BC); PostgreSQL refuses it.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD); the birthday itself counts. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}
