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
const IDENTIFIER = ['BSN/onderwijsnummer', 'BSN of onderwijsnummer', 'Persoonsgebonden nummer', 'PGN', 'Sofi/onderwijsnummer'];

export const PUPIL_FORMATS: readonly ImportFormat<PupilField>[] = [
  {
    id: 'generiek',
    label: 'Standaardformaat',
    assumption: false,
    columns: {
      pupilNumber: ['leerlingnummer'],
      givenName: ['voornaam', 'roepnaam'],
      prefix: ['tussenvoegsel'],
      familyName: ['achternaam'],
      birthDate: ['geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['bsn'],
      onderwijsnummer: ['onderwijsnummer'],
      postcode: ['postcode'],
      gemeente: ['gemeente'],
      group: ['groep', 'klas'],
      mentor: ['mentor'],
      startDate: ['inschrijfdatum'],
      level: ['niveau'],
    },
    required: REQUIRED_PUPIL,
  },
  {
    id: 'parnassys',
    label: 'ParnasSys',
    assumption: true,
    columns: {
      pupilNumber: ['Leerlingnummer', 'Leerlingnr'],
      givenName: ['Roepnaam'],
      prefix: ['Voorvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['BSN', 'Sofinummer'],
      onderwijsnummer: ['Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Gemeente', 'Woongemeente'],
      group: ['Groep'],
      mentor: ['Leerkracht', 'Groepsleerkracht'],
      startDate: ['Datum inschrijving', 'Datum van inschrijving'],
      level: ['Jaargroep', 'Leerjaar'],
    },
    required: [...REQUIRED_PUPIL, 'prefix', 'group'],
  },
  {
    id: 'magister',
    label: 'Magister',
    assumption: true,
    columns: {
      pupilNumber: ['Stamnr', 'Stamnummer'],
      givenName: ['Roepnaam'],
      prefix: ['Tussenv', 'Tussenvoegsel'],
      familyName: ['Achternaam'],
      birthDate: ['Geb.datum', 'Geboortedatum'],
      identifier: IDENTIFIER,
      bsn: ['BSN', 'Sofinr'],
      onderwijsnummer: ['Onderwijsnr', 'Onderwijsnummer'],
      postcode: ['Postcode'],
      gemeente: ['Gemeente'],
      group: ['Klas', 'Stamklas'],
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
    columns: {
      pupilNumber: ['Llnr', 'Leerlingnr'],
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
    columns: {
      pupilNumber: ['leerlingnummer'],
      givenName: ['voornaam'],
      prefix: ['tussenvoegsel'],
      familyName: ['achternaam'],
      email: ['e-mail', 'email'],
      phone: ['telefoon', 'telefoonnummer'],
      relation: ['relatie'],
      authority: ['gezag'],
    },
    required: REQUIRED_GUARDIAN,
  },
  {
    id: 'parnassys',
    label: 'ParnasSys',
    assumption: true,
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
