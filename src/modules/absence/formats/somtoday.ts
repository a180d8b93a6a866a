import { COMMON_LABELS } from './labels.ts';
import type { FormatMapping } from './types.ts';

/**
 * SOMtoday (voortgezet onderwijs): an export of absence reports ("absentiemeldingen"). What is
 * known from SOMtoday itself: a report has the pupil's leerlingnummer, a begin and end (date and
 * time), a first and last lesson period, and an absence reason (absentiereden) with its kind
 * (absentiesoort: Absent, Telaat, Verwijderd, ...) and whether it is authorised (geoorloofd). The
 * exact column headings of the export are an assumption ("aanname").
 *
 * Hours, first found wins: minutes missed; begin and end time; hours; first and last lesson
 * period (× 50 minutes); number of periods (× 50 minutes). A report that spans several days
 * cannot be turned into hours without the timetable: such a row is an error (export per day).
 */
export const somtoday: FormatMapping = {
  id: 'somtoday',
  label: 'SOMtoday',
  assumption: true,
  source:
    "SOMtoday's REST field names for absence reports (reverse-engineered: leerlingnummer, beginDatumTijd, eindDatumTijd, beginLesuur, eindLesuur, absentieReden with omschrijving, absentieSoort and geoorloofd). The headings of its export were not found and are assumed.",
  columns: {
    leerling: ['leerlingnummer', 'leerlingnr', 'llnr'],
    datum: ['datum', 'begindatum', 'begin datum'],
    einddatum: ['einddatum', 'eind datum'],
    reden: ['absentiereden', 'absentie reden', 'reden absentie', 'afwezigheidsreden', 'omschrijving'],
    soort: ['absentiesoort', 'absentie soort', 'soort'],
    geoorloofd: ['geoorloofd'],
  },
  hours: [
    { kind: 'minutes', columns: [['minuten gemist', 'gemiste minuten', 'minuten']] },
    { kind: 'times', columns: [['begintijd', 'begin tijd', 'van'], ['eindtijd', 'eind tijd', 'tot']] },
    { kind: 'hours', columns: [['uren', 'aantal uren']] },
    { kind: 'periodRange', columns: [['beginlesuur', 'begin lesuur', 'van lesuur'], ['eindlesuur', 'eind lesuur', 'tot lesuur']] },
    { kind: 'periods', columns: [['lesuren', 'aantal lesuren']] },
  ],
  periodMinutes: 50,
  reasons: { ...COMMON_LABELS },
  soortReasons: { telaat: 'late', 'te laat': 'late', verwijderd: 'other' },
  aggregate: true,
};
