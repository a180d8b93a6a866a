import { COMMON_LABELS } from './labels.ts';
import type { FormatMapping } from './types.ts';

/**
 * Magister (voortgezet onderwijs): an export of the absences ("verantwoordingen"), one row per
 * lesson period. What is known from Magister itself: each absence has the pupil's stamnummer, a
 * lesson period (lesuur), the school's own code, a description (omschrijving) and whether it is
 * authorised (geoorloofd). The exact column headings of the Excel/CSV export are an assumption
 * ("aanname"); add names here when a school's export differs.
 *
 * Hours: one row is one lesson period of 50 minutes (`periodMinutes`; change it for a school with
 * other period lengths). Rows for the same pupil, day and reason are added up.
 */
export const magister: FormatMapping = {
  id: 'magister',
  label: 'Magister',
  assumption: true,
  source:
    "Magister's absence records as community export lists use them (verantwoording: stamnr, daanwezigheid, lesuur; the reasons in sis_abty: code, omschr, geoorloofd) and its web API (Start, Eind, Lesuur, Geoorloofd, Omschrijving). A Magister export has the names of the list the school defines, so the headings are assumed.",
  columns: {
    leerling: ['stamnummer', 'stamnr', 'stam nr'],
    datum: ['datum', 'lesdatum', 'dag', 'daanwezigheid'],
    reden: ['omschrijving', 'omschr', 'absentiereden', 'verantwoording', 'reden', 'absentie'],
    geoorloofd: ['geoorloofd', 'geoorloofd j n', 'geoorloofd ja nee'],
  },
  hours: [
    { kind: 'minutes', columns: [['minuten', 'aantal minuten']] },
    { kind: 'times', columns: [['begintijd', 'van', 'start'], ['eindtijd', 'tot', 'einde', 'eind']] },
    { kind: 'period', columns: [['lesuur', 'uur']] },
    { kind: 'periods', columns: [['lesuren', 'aantal lesuren']] },
    { kind: 'hours', columns: [['uren', 'aantal uren']] },
  ],
  periodMinutes: 50,
  reasons: { ...COMMON_LABELS },
  aggregate: true,
};
