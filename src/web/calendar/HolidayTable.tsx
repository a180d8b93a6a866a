import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { ItemsTable } from '../shared/ListView.tsx';
import type { Contract } from '../../contracts/common.ts';
import type {
  HolidayList as HolidayListSchema,
  NationalFreeDay as NationalFreeDaySchema,
  SchoolFreeDay as SchoolFreeDaySchema,
  Vacation as VacationSchema,
} from '../../contracts/calendar.ts';

/** The calendar's answers, as the contract (src/contracts/calendar.ts) declares them. */
export type Vacation = Contract<typeof VacationSchema>;
export type NationalFreeDay = Contract<typeof NationalFreeDaySchema>;
export type SchoolFreeDay = Contract<typeof SchoolFreeDaySchema>;
export type HolidayList = Contract<typeof HolidayListSchema>;

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
export function HolidayTable({ caption, vacations, nationalFreeDays, showRegion }: { caption: string; vacations: Vacation[]; nationalFreeDays: NationalFreeDay[]; showRegion: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rows = [
    ...vacations.map((v) => ({ key: v.id, name: v.name, region: v.region === null ? t('calendar.allRegions') : t(`calendar.regions.${v.region}`), start: v.startDate, end: v.endDate, verified: v.verified, note: v.note, origin: v.origin })),
    ...nationalFreeDays.map((d) => ({ key: d.id, name: d.name, region: t('calendar.allRegions'), start: d.startDate, end: d.endDate, verified: true, note: null, origin: 'national' })),
  ].sort((a, b) => a.start.localeCompare(b.start) || a.region.localeCompare(b.region));
  if (!rows.length) return <p className="utrecht-paragraph samenspel-empty">{t('calendar.noHolidays')}</p>;
  return (
    <ItemsTable
      caption={caption}
      empty={null}
      items={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: t('calendar.holiday'), rowHeader: true, cell: (r) => r.name },
        showRegion && { header: t('calendar.region'), cell: (r) => r.region },
        { header: t('calendar.dates'), cell: (r) => dateRange(r.start, r.end, lng, t) },
        {
          header: t('calendar.source'),
          cell: (r) => (
            <>
              {t(`calendar.origins.${r.origin}`)}
              {!r.verified && (
                <>
                  {' '}
                  <span className="samenspel-badge samenspel-badge--late">{t('calendar.unverified')}</span>
                  {r.note && <span> {r.note}</span>}
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
