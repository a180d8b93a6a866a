import { useTranslation } from 'react-i18next';
import type { ActorRole } from '../roles.ts';
import { formatDate } from '../format.ts';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';

/** Who keeps the school's own calendar (its free days): the server decides, this only shapes the navigation. */
export const SCHOOL_CALENDAR_ROLES: readonly ActorRole[] = ['intern_begeleider', 'care_coordinator', 'school_leader'];

export type HolidayRegion = 'noord' | 'midden' | 'zuid';
export const HOLIDAY_REGIONS: readonly HolidayRegion[] = ['noord', 'midden', 'zuid'];

export interface Vacation {
  id: string;
  type: string;
  name: string;
  region: HolidayRegion | null;
  startDate: string;
  endDate: string;
  origin: 'shipped' | 'rijksoverheid_import' | 'school';
  verified: boolean;
  note: string | null;
}

export interface FreeDay {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  createdAt?: string;
  createdBy?: string | null;
}

export interface HolidayList {
  schoolYear: string;
  start: string;
  end: string;
  region: HolidayRegion | null;
  vacations: Vacation[];
  nationalFreeDays: FreeDay[];
  lessonWeeks?: number;
  schoolDays?: number;
  knownSchoolYears: string[];
}

/** "16 maart 2026" or "3 april 2026 t/m 10 april 2026". */
export function dateRange(start: string, end: string, lng: string, t: (k: string, o?: Record<string, string>) => string): string {
  return start === end ? formatDate(start, lng) : t('calendar.range', { start: formatDate(start, lng), end: formatDate(end, lng) });
}

/** The school years to choose from: those with holidays, and the current one. */
export function schoolYearOptions(known: string[] | undefined, current: string): string[] {
  return [...new Set([...(known ?? []), current])].sort();
}

/** The school year of today (1 August – 31 July). */
export function currentSchoolYear(now = new Date()): string {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const year = Number(iso.slice(0, 4));
  const first = Number(iso.slice(5, 7)) >= 8 ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** The vacations and the national free days of a school year, as one table. */
export function HolidayTable({ caption, vacations, nationalFreeDays, showRegion }: { caption: string; vacations: Vacation[]; nationalFreeDays: FreeDay[]; showRegion: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rows = [
    ...vacations.map((v) => ({ key: v.id, name: v.name, region: v.region === null ? t('calendar.allRegions') : t(`calendar.regions.${v.region}`), start: v.startDate, end: v.endDate, verified: v.verified, note: v.note, origin: v.origin })),
    ...nationalFreeDays.map((d) => ({ key: d.id, name: d.name, region: t('calendar.allRegions'), start: d.startDate, end: d.endDate, verified: true, note: null, origin: 'national' })),
  ].sort((a, b) => a.start.localeCompare(b.start) || a.region.localeCompare(b.region));
  if (!rows.length) return <p className="utrecht-paragraph samenspel-empty">{t('calendar.noHolidays')}</p>;
  return (
    <Table caption={caption}>
      <THead>
        <Th>{t('calendar.holiday')}</Th>
        {showRegion && <Th>{t('calendar.region')}</Th>}
        <Th>{t('calendar.dates')}</Th>
        <Th>{t('calendar.source')}</Th>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.key}>
            <Th row>{r.name}</Th>
            {showRegion && <Td>{r.region}</Td>}
            <Td>{dateRange(r.start, r.end, lng, t)}</Td>
            <Td>
              {t(`calendar.origins.${r.origin}`)}
              {!r.verified && (
                <>
                  {' '}
                  <span className="samenspel-badge samenspel-badge--late">{t('calendar.unverified')}</span>
                  {r.note && <span> {r.note}</span>}
                </>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
