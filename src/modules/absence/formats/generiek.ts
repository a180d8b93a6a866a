import type { AbsenceReason, FormatMapping } from './types.ts';

/**
 * The generic format (issue contract): columns `leerling`, `datum`, `uren`, `reden`, one row per
 * pupil, day and reason. The reason codes are the contract's; they are the keys users type.
 */
export const REASONS = {
  ziek: 'ill',
  geoorloofd: 'authorised',
  schorsing: 'suspension',
  ongeoorloofd: 'unauthorised',
  'te-laat': 'late',
  luxeverzuim: 'luxury',
  overig: 'other',
} as const satisfies Record<string, AbsenceReason>;

export const generiek: FormatMapping = {
  id: 'generiek',
  label: 'algemeen formaat',
  assumption: false,
  source: "Samenspel's own columns (docs/absence-import.md). The standards (OSO) carry absence only as totals per pupil, not per day, so there is no standard per-day format to follow.",
  columns: { leerling: ['leerling'], datum: ['datum'], reden: ['reden'] },
  hours: [{ kind: 'hours', columns: [['uren']] }],
  reasons: { ziek: 'ill', geoorloofd: 'authorised', schorsing: 'suspension', ongeoorloofd: 'unauthorised', 'te laat': 'late', luxeverzuim: 'luxury', overig: 'other' },
  aggregate: false,
};
