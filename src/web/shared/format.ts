/** Dates as people in the chosen language read them. Calendar dates ('YYYY-MM-DD') have no time zone. */

function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'nl-NL';
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function fullName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`.trim();
}

/** Compact date and time for tables: 25-11-2026 14:59:18. */
/** Date and time to the minute (a notification, a message): "7-12-2026 09:05". */
export function formatDateTimeMinutes(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export function formatDateTimeShort(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}
