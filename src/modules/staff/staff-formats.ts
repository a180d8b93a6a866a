import type { ImportFormat } from '../../kernel/files/column-mapping.ts';
import { normaliseName } from '../../kernel/files/cells.ts';
import { ROLES, ROLE_ORGANISATION_KINDS, type Role } from '../../kernel/policy/roles.ts';
import type { OrganisationKind } from '../../kernel/db/schema.ts';
import type { StaffField } from '../../contracts/values/staff.ts';

/**
 * The staff import file: the fields it reads and the formats it recognises from the header row
 * (docs/onboarding.md describes them). The generic format is documented and exact; the vendor
 * formats (ParnasSys, Magister, SOMtoday, Esis) are assumptions about their staff exports — no
 * real export was available — and are marked `assumption: true`.
 */

// The fields and their labels are defined once, in the contract's values (the web app uses them too).
export { STAFF_FIELDS, STAFF_FIELD_LABELS, type StaffField } from '../../contracts/values/staff.ts';

export const STAFF_FORMATS: readonly ImportFormat<StaffField>[] = [
  {
    id: 'generiek',
    label: 'Standaardformaat Samenspel',
    assumption: false,
    source: "Samenspel's own headings (docs/onboarding.md).",
    columns: {
      givenName: ['voornaam'],
      tussenvoegsel: ['tussenvoegsel'],
      familyName: ['achternaam'],
      email: ['e-mail', 'e-mailadres', 'email'],
      roles: ['rollen', 'rol'],
      taught: ['lesgroepen'],
      mentored: ['mentorgroepen'],
    },
    required: ['givenName', 'familyName', 'email', 'roles'],
  },
  {
    id: 'parnassys',
    label: 'ParnasSys',
    assumption: true,
    source: "No documented staff export of ParnasSys was found: all headings are assumed.",
    columns: {
      givenName: ['Roepnaam'],
      tussenvoegsel: ['Voorvoegsel'],
      familyName: ['Achternaam'],
      email: ['E-mailadres'],
      roles: ['Functie'],
      taught: ['Groepen', 'Groep'],
    },
    required: ['givenName', 'tussenvoegsel', 'familyName', 'email', 'roles'],
  },
  {
    id: 'magister',
    label: 'Magister',
    assumption: true,
    source: "Magister's staff columns (sis_pers: doc_code, naam_vol) appear only in community lists; export headings are the school's own list names: all headings are assumed.",
    columns: {
      givenName: ['Roepnaam'],
      tussenvoegsel: ['Tussenv.', 'Tussenvoegsel'],
      familyName: ['Achternaam'],
      email: ['E-mail werk'],
      roles: ['Functie', 'Functies'],
      taught: ['Lesgroepen'],
      mentored: ['Mentorklassen', 'Mentor van'],
    },
    required: ['givenName', 'familyName', 'email', 'roles'],
  },
  {
    id: 'somtoday',
    label: 'SOMtoday',
    assumption: true,
    source: "No documented staff export of SOMtoday was found: all headings are assumed.",
    columns: {
      givenName: ['Roepnaam'],
      tussenvoegsel: ['Voorvoegsel'],
      familyName: ['Achternaam'],
      email: ['Werk e-mailadres'],
      roles: ['Functies', 'Functie'],
      taught: ['Lesgroepen'],
      mentored: ['Mentorgroepen', 'Mentorklassen'],
    },
    required: ['givenName', 'familyName', 'email', 'roles'],
  },
  {
    id: 'esis',
    label: 'Esis',
    assumption: true,
    source: "No documented staff export of Esis was found: all headings are assumed.",
    columns: {
      givenName: ['Voornaam'],
      tussenvoegsel: ['Tussenvoegsels', 'Tussenvoegsel'],
      familyName: ['Achternaam'],
      email: ['Email school'],
      roles: ['Rol', 'Rollen'],
      taught: ['Klassen'],
      mentored: ['Mentor'],
    },
    required: ['givenName', 'familyName', 'email', 'roles'],
  },
];

/** Dutch names of the roles, as shown in messages (and accepted in the file). */
export const ROLE_LABELS_NL: Record<Role, string> = {
  functional_admin: 'functioneel beheerder',
  privacy_officer: 'privacyfunctionaris',
  teacher: 'leerkracht',
  mentor: 'mentor',
  intern_begeleider: 'intern begeleider',
  care_coordinator: 'zorgcoördinator',
  school_leader: 'directeur',
  youth_care_worker: 'jeugdhulpverlener',
  wijkteam_worker: 'wijkteammedewerker',
  swv_consultant: 'consulent',
  attendance_officer: 'leerplichtambtenaar',
  policy_analyst: 'beleidsmedewerker',
};

/** Other words for the roles, as the schools' administrations write them. */
const SYNONYMS: Record<string, Role> = {
  leraar: 'teacher',
  docent: 'teacher',
  vakdocent: 'teacher',
  groepsleerkracht: 'teacher',
  'leerkracht basisonderwijs': 'teacher',
  ib: 'intern_begeleider',
  'ib er': 'intern_begeleider',
  iber: 'intern_begeleider',
  internbegeleider: 'intern_begeleider',
  'intern begeleiding': 'intern_begeleider',
  'zorg coordinator': 'care_coordinator',
  zorgcoordinator: 'care_coordinator',
  schoolleider: 'school_leader',
  directeur: 'school_leader',
  'adjunct directeur': 'school_leader',
  locatiedirecteur: 'school_leader',
  locatieleider: 'school_leader',
  jeugdhulpverlener: 'youth_care_worker',
  jeugdhulp: 'youth_care_worker',
  wijkteammedewerker: 'wijkteam_worker',
  'medewerker wijkteam': 'wijkteam_worker',
  consulent: 'swv_consultant',
  'consulent swv': 'swv_consultant',
  leerplichtambtenaar: 'attendance_officer',
  leerplicht: 'attendance_officer',
  beleidsmedewerker: 'policy_analyst',
  'functioneel beheerder': 'functional_admin',
  beheerder: 'functional_admin',
  privacyfunctionaris: 'privacy_officer',
  fg: 'privacy_officer',
};

const LOOKUP = new Map<string, Role>();
for (const r of ROLES) {
  LOOKUP.set(normaliseName(r), r);
  LOOKUP.set(normaliseName(ROLE_LABELS_NL[r]), r);
}
for (const [k, r] of Object.entries(SYNONYMS)) LOOKUP.set(normaliseName(k), r);

/** A role from a label in the file ("Intern begeleider", "IB'er", "care_coordinator"); null when unknown. */
export function roleOf(label: string): Role | null {
  return LOOKUP.get(normaliseName(label)) ?? null;
}

/** The accepted role words, for a message: the Dutch label of each role. */
export const ACCEPTED_ROLE_WORDS = [...new Set(Object.values(ROLE_LABELS_NL))].join(', ');

export const ORGANISATION_KIND_NL: Record<OrganisationKind, string> = {
  school_location: 'schoolvestiging',
  swv: 'samenwerkingsverband',
  gemeente: 'gemeente',
  wijkteam: 'wijkteam',
  youth_care_provider: 'jeugdhulpaanbieder',
  jgz: 'jeugdgezondheidszorg (JGZ)',
  region_office: 'regiobureau',
};

/** The roles a person can hold at an organisation of this kind. */
export function rolesForKind(kind: OrganisationKind): Role[] {
  return ROLES.filter((r) => ROLE_ORGANISATION_KINDS[r].includes(kind));
}

/** "5A, 5B" or "5A;5B" → ["5A", "5B"] (spaces collapsed, duplicates dropped case-insensitively). */
export function splitList(value: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of value.split(/[,;|]/)) {
    const v = part.replace(/\s+/g, ' ').trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}
