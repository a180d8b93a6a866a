import type { ImportFormat } from '../../kernel/files/column-mapping.ts';
import type { GuardianField, PupilField } from '../../contracts/values/pupils.ts';

/**
 * The columns of the pupil and guardian imports: the documented generic format (Dutch headings)
 * and the exports of the common administration systems, recognised from the header row.
 *
 * The vendor headings are an ASSUMPTION (`assumption: true`): they follow the exports as schools
 * describe them, not a checked export file. When a real export differs, add its heading to the
 * list of the field here (the first heading of each list is the preferred one).
 */

// The fields and their labels are defined once, in the contract's values (the web app uses them too).
export { GUARDIAN_FIELDS, GUARDIAN_FIELD_LABELS, PUPIL_FIELDS, PUPIL_FIELD_LABELS, type GuardianField, type PupilField } from '../../contracts/values/pupils.ts';

const REQUIRED_PUPIL: readonly PupilField[] = ['pupilNumber', 'givenName', 'familyName', 'birthDate'];
const IDENTIFIER = ['BSN/onderwijsnummer', 'BSN of onderwijsnummer', 'Persoonsgebonden nummer', 'PGN', 'PGN nummer', 'Sofi/onderwijsnummer'];

export const PUPIL_FORMATS: readonly ImportFormat<PupilField>[] = [
  {
    id: 'generiek',
    label: 'Standaardformaat',
    assumption: false,
    source:
      "Samenspel's own headings (docs/onboarding.md). Also takes the field names of the standards: OSO 2019 (leerlingid, roepnaam, voornaam, voorvoegsel, achternaam, geboortedatum, bsn or onderwijsnummer, datuminschrijving, postcode, groepscode, jaargroep), EDEX (voorvoegsel, roepnaam, instroomdatum, jaargroep, postcodenl, onderwijsnummer, sofinummer = BSN) and UWLR (voorvoegsel, roepnaam, jaargroep). The roepnaam is taken before the official first names.",
    columns: {
      pupilNumber: ['leerlingnummer', 'leerlingid'],
      givenName: ['roepnaam', 'voornaam'],
      prefix: ['tussenvoegsel', 'voorvoegsel'],
      familyName: ['achternaam'],
      birthDate: ['geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['bsn', 'sofinummer'],
      onderwijsnummer: ['onderwijsnummer'],
      postcode: ['postcode', 'postcodenl'],
      gemeente: ['gemeente'],
      group: ['groep', 'klas', 'groepscode'],
      mentor: ['mentor'],
      startDate: ['inschrijfdatum', 'datuminschrijving', 'instroomdatum'],
      level: ['niveau', 'jaargroep'],
    },
    required: REQUIRED_PUPIL,
  },
  {
    id: 'parnassys',
    label: 'ParnasSys',
    assumption: true,
    source:
      'The field names of ParnasSys\' SOAP call getLeerlingen (leerlingNummer, roepNaam, tussenvoegsel, achternaam, geboortedatum, datumInschrijving, groep, postcode; documented in the HelloID ParnasSys connector). The headings of its CSV or Excel export were not seen and are assumed to match; the BSN, onderwijsnummer, mentor and level headings are assumed.',
    columns: {
      pupilNumber: ['Leerlingnummer', 'Leerlingnr'],
      givenName: ['Roepnaam'],
      prefix: ['Tussenvoegsel', 'Voorvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['BSN', 'Sofinummer'],
      onderwijsnummer: ['Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Gemeente', 'Woongemeente'],
      group: ['Groep'],
      mentor: ['Leerkracht', 'Groepsleerkracht'],
      startDate: ['Datum inschrijving', 'Datum van inschrijving', 'datumInschrijving'],
      level: ['Jaargroep', 'Leerjaar'],
    },
    required: [...REQUIRED_PUPIL, 'prefix', 'group'],
  },
  {
    id: 'magister',
    label: 'Magister',
    assumption: true,
    source:
      "Magister's database columns as used in community export lists (sis_leer: stamnr, roepnaam, tussenvoeg, achternaam, geb_datum, postcode; the class from sis_bgrp.groep). A Magister export has no fixed headings: they are the names of the list the school defines, so these are assumed; no BSN column was found.",
    columns: {
      pupilNumber: ['Stamnr', 'Stamnummer'],
      givenName: ['Roepnaam'],
      prefix: ['Tussenv', 'Tussenvoeg', 'Tussenvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geb.datum', 'Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['BSN', 'Sofinr'],
      onderwijsnummer: ['Onderwijsnr', 'Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Gemeente'],
      group: ['Klas', 'Stamklas', 'Groep'],
      mentor: ['Mentor'],
      startDate: ['Datum inschrijving', 'Begindatum'],
      level: ['Studie', 'Leerjaar'],
    },
    required: REQUIRED_PUPIL,
  },
  {
    id: 'somtoday',
    label: 'SOMtoday',
    assumption: true,
    source:
      "SOMtoday's REST field names (reverse-engineered: leerlingnummer, roepnaam, voorvoegsel, achternaam, geboortedatum). The headings of its CSV or Excel export were not found and are assumed to match; the group, residence and enrolment headings are assumed.",
    columns: {
      pupilNumber: ['Leerlingnummer'],
      givenName: ['Roepnaam'],
      prefix: ['Voorvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['BSN'],
      onderwijsnummer: ['Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Woongemeente', 'Gemeente'],
      group: ['Stamgroep'],
      mentor: ['Mentor'],
      startDate: ['Datum inschrijving', 'Inschrijvingsdatum'],
      level: ['Opleiding', 'Leerjaar'],
    },
    required: [...REQUIRED_PUPIL, 'group'],
  },
  {
    id: 'esis',
    label: 'Esis',
    assumption: true,
    source:
      "Rovict's support pages document only 'PGN nummer' (BSN or onderwijsnummer) and a separate 'Leerlingnummer'. Every other heading is assumed.",
    columns: {
      pupilNumber: ['Llnr', 'Leerlingnr', 'Leerlingnummer'],
      givenName: ['Roepnaam', 'Voornaam'],
      prefix: ['Tussenvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['Burgerservicenummer', 'BSN'],
      onderwijsnummer: ['Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Gemeente'],
      group: ['Groep', 'Klas'],
      mentor: ['Mentor', 'Leerkracht'],
      startDate: ['Inschrijfdatum', 'Datum inschrijving'],
      level: ['Leerjaar', 'Niveau'],
    },
    required: REQUIRED_PUPIL,
  },
];

const REQUIRED_GUARDIAN: readonly GuardianField[] = ['pupilNumber', 'familyName', 'relation', 'authority'];

export const GUARDIAN_FORMATS: readonly ImportFormat<GuardianField>[] = [
  {
    id: 'generiek',
    label: 'Standaardformaat',
    assumption: false,
    source:
      "Samenspel's own headings (docs/onboarding.md). Also takes OSO 2019's verzorger fields: voorvoegsel, roepnaam, relatietotkind (code list 41: 1 vader, 2 moeder, 3 voogd, or the word) and wettigevertegenwoordiger, which Samenspel reads as gezag (our inference).",
    columns: {
      pupilNumber: ['leerlingnummer', 'leerlingid'],
      givenName: ['voornaam', 'roepnaam'],
      prefix: ['tussenvoegsel', 'voorvoegsel'],
      familyName: ['achternaam'],
      email: ['e-mail', 'email'],
      phone: ['telefoon', 'telefoonnummer'],
      relation: ['relatie', 'relatietotkind'],
      authority: ['gezag', 'wettigevertegenwoordiger'],
    },
    required: REQUIRED_GUARDIAN,
  },
  {
    id: 'parnassys',
    label: 'ParnasSys',
    assumption: true,
    source: "No ParnasSys parent fields were found documented: all headings are assumed.",
    columns: {
      pupilNumber: ['Leerlingnummer'],
      givenName: ['Roepnaam verzorger', 'Voornaam verzorger'],
      prefix: ['Voorvoegsel verzorger'],
      familyName: ['Achternaam verzorger'],
      email: ['E-mail verzorger'],
      phone: ['Telefoon verzorger', 'Mobiel verzorger'],
      relation: ['Relatie tot leerling', 'Relatie'],
      authority: ['Wettelijk gezag', 'Gezag'],
    },
    required: REQUIRED_GUARDIAN,
  },
  {
    id: 'magister',
    label: 'Magister',
    assumption: true,
    source: "Magister links a pupil to a parent record (sis_leer.idoudr1 to sis_oudr); the export headings are the names of the school's own list, so all are assumed.",
    columns: {
      pupilNumber: ['Stamnr', 'Stamnummer'],
      givenName: ['Roepnaam ouder', 'Voornaam ouder'],
      prefix: ['Tussenv ouder', 'Tussenvoegsel ouder'],
      familyName: ['Achternaam ouder'],
      email: ['E-mail ouder'],
      phone: ['Telefoon ouder', 'Mobiel ouder'],
      relation: ['Relatie'],
      authority: ['Gezag'],
    },
    required: REQUIRED_GUARDIAN,
  },
  {
    id: 'somtoday',
    label: 'SOMtoday',
    assumption: true,
    source: "SOMtoday's Connect API names the pupil's 'verzorgers' but not their fields: all headings are assumed.",
    columns: {
      pupilNumber: ['Leerlingnummer'],
      givenName: ['Roepnaam contactpersoon', 'Voornaam contactpersoon'],
      prefix: ['Voorvoegsel contactpersoon'],
      familyName: ['Achternaam contactpersoon'],
      email: ['E-mail contactpersoon'],
      phone: ['Telefoon contactpersoon'],
      relation: ['Relatie', 'Relatiesoort'],
      authority: ['Wettelijk gezag', 'Gezag'],
    },
    required: REQUIRED_GUARDIAN,
  },
  {
    id: 'esis',
    label: 'Esis',
    assumption: true,
    source: "No Esis parent fields were found documented: all headings are assumed.",
    columns: {
      pupilNumber: ['Llnr', 'Leerlingnr'],
      givenName: ['Voornaam verzorger', 'Roepnaam verzorger'],
      prefix: ['Tussenvoegsel verzorger'],
      familyName: ['Achternaam verzorger'],
      email: ['E-mailadres verzorger', 'E-mail verzorger'],
      phone: ['Telefoonnummer verzorger', 'Telefoon verzorger'],
      relation: ['Relatie', 'Soort relatie'],
      authority: ['Gezag', 'Ouderlijk gezag'],
    },
    required: REQUIRED_GUARDIAN,
  },
];
