import { COMMON_LABELS } from './labels.ts';
import type { FormatMapping } from './types.ts';

/**
 * ParnasSys (primair onderwijs): an export of the absence registration. Primary schools register
 * absence per day or part of a day with a kind of absence (verzuimsoort) and a from/to time or a
 * number of hours. We found no published description of ParnasSys' export: the column headings
 * and values are an assumption ("aanname"). Adjust them here when a school's export differs.
 *
 * Hours, first found wins: hours; minutes; from and to time. Rows for the same pupil, day and
 * reason are added up (e.g. a morning and an afternoon).
 */
export const parnassys: FormatMapping = {
  id: 'parnassys',
  label: 'ParnasSys',
  assumption: true,
  source: 'No description of ParnasSys\' absence export or fields was found: every heading and value is assumed.',
  columns: {
    leerling: ['leerlingnummer', 'leerling nummer', 'leerlingnr'],
    datum: ['datum', 'begindatum', 'datum van'],
    einddatum: ['einddatum', 'datum tot'],
    reden: ['verzuimsoort', 'soort verzuim', 'verzuimreden', 'reden verzuim'],
    geoorloofd: ['geoorloofd'],
  },
  hours: [
    { kind: 'hours', columns: [['uren', 'aantal uren', 'verzuimde uren']] },
    { kind: 'minutes', columns: [['minuten', 'aantal minuten']] },
    { kind: 'times', columns: [['van', 'tijd van', 'begintijd'], ['tot', 'tijd tot', 'eindtijd']] },
  ],
  reasons: { ...COMMON_LABELS },
  aggregate: true,
};
