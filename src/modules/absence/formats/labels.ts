import type { ReasonTarget } from './types.ts';

/**
 * Dutch absence labels as pupil administrations show them (Magister's "Omschrijving", SOMtoday's
 * "Absentiereden", ParnasSys' "Verzuimsoort"), normalised (lower case, no accents or punctuation).
 * The vendor mappings start from this table and add their own words. Schools configure their own
 * labels in these systems: a label that is not here is an error naming it, never a guess. Add it
 * here (or in the vendor's file) when a school's export uses a new one.
 *
 * - 'by-flag': the label alone does not say whether the absence was authorised; the row's
 *   "Geoorloofd" column decides (ja → authorised, nee → unauthorised). Without that column: error.
 * - 'skip': not absence (present, homework forgotten, exempted from the lesson): the row is left out.
 */
export const COMMON_LABELS: Record<string, ReasonTarget> = {
  // ill
  ziek: 'ill',
  ziekte: 'ill',
  ziekmelding: 'ill',
  'ziek gemeld': 'ill',
  'ziek bevestigd': 'ill',
  'ziek naar huis': 'ill',
  // authorised (art. 11, 13a, 14)
  geoorloofd: 'authorised',
  'geoorloofd afwezig': 'authorised',
  'geoorloofd verzuim': 'authorised',
  'geoorloofde afwezigheid': 'authorised',
  medisch: 'authorised',
  'medisch afgehandeld': 'authorised',
  'medische afspraak': 'authorised',
  verlof: 'authorised',
  'bijzonder verlof': 'authorised',
  vakantieverlof: 'authorised',
  'religieuze verplichting': 'authorised',
  'gewichtige omstandigheden': 'authorised',
  'externe hulp': 'authorised',
  // suspension
  schorsing: 'suspension',
  geschorst: 'suspension',
  'geschorst extern': 'suspension',
  'geschorst intern': 'suspension',
  'externe schorsing': 'suspension',
  'interne schorsing': 'suspension',
  // unauthorised
  ongeoorloofd: 'unauthorised',
  'ongeoorloofd afwezig': 'unauthorised',
  'ongeoorloofd verzuim': 'unauthorised',
  'ongeoorloofde afwezigheid': 'unauthorised',
  'absent zonder reden': 'unauthorised',
  'afwezig zonder reden': 'unauthorised',
  'afwezig zonder bericht': 'unauthorised',
  gespijbeld: 'unauthorised',
  spijbelen: 'unauthorised',
  // late
  'te laat': 'late',
  telaat: 'late',
  'te laat geoorloofd': 'late',
  'te laat ongeoorloofd': 'late',
  // luxury absence
  luxeverzuim: 'luxury',
  'luxe verzuim': 'luxury',
  // other
  overig: 'other',
  'overig verzuim': 'other',
  verwijderd: 'other',
  'verwijderd uit les': 'other',
  'uit de les verwijderd': 'other',
  uitgestuurd: 'other',
  // the label does not say; the Geoorloofd column must
  absent: 'by-flag',
  afwezig: 'by-flag',
  onbekend: 'by-flag',
  // not absence
  present: 'skip',
  aanwezig: 'skip',
  vrijstelling: 'skip',
  'huiswerk vergeten': 'skip',
  'lesmateriaal vergeten': 'skip',
  'boeken vergeten': 'skip',
};
