/**
 * The terms of a request as data: for each kind, how long each waiting status may last before the
 * step is overdue, in working days (between organisations) or school days (where the school
 * answers). These are the installation's defaults; a region sets its own per kind and status
 * (configurable like the signal pick-up terms). The holder of the step and the sender both see
 * when it is overdue.
 */
import type { DayUnit, RequestKind, RequestStatus } from '../../contracts/values/requests.ts';
import { addWorkingDays } from '../../kernel/calendar/working-days.ts';
import type { SchoolCalendar } from '../../kernel/calendar/school-days.ts';

export interface RequestTerm {
  kind: RequestKind;
  /** The status that waits: the term runs from the day the request entered it. */
  status: RequestStatus;
  days: number;
  unit: DayUnit;
  /** Where the default comes from, for docs/requests.md and the settings screen. */
  basis: string;
}

export const DEFAULT_REQUEST_TERMS: readonly RequestTerm[] = [
  // Taking a request up (accept, ask, decline).
  { kind: 'toegang', status: 'sent', days: 5, unit: 'working', basis: 'Regionale afspraak: binnen een week contact.' },
  { kind: 'provider', status: 'sent', days: 10, unit: 'working', basis: 'Treeknorm jeugdhulp: aanmelding tot intake binnen 4 weken; het aannemen binnen 2 weken.' },
  { kind: 'swv_arrangement', status: 'sent', days: 10, unit: 'working', basis: 'Regionale afspraak.' },
  { kind: 'tlv', status: 'sent', days: 10, unit: 'working', basis: 'Regionale afspraak: de aanvraag is binnen 2 weken compleet of er is om informatie gevraagd.' },
  { kind: 'question_to_school', status: 'sent', days: 5, unit: 'school', basis: 'Regionale afspraak: de school antwoordt binnen een schoolweek.' },
  // Answering a question for information (the sender).
  ...(['toegang', 'provider', 'swv_arrangement', 'tlv', 'question_to_school'] as const).map((kind) => ({ kind, status: 'info_requested' as const, days: 5, unit: 'working' as const, basis: 'Regionale afspraak.' })),
  // Deciding (beschikking, arrangement, TLV) or starting help after acceptance.
  { kind: 'toegang', status: 'accepted', days: 40, unit: 'working', basis: 'Jeugdwet / Awb: een beschikking binnen 8 weken na de aanvraag.' },
  { kind: 'provider', status: 'accepted', days: 20, unit: 'working', basis: 'Treeknorm jeugdhulp: start van de hulp binnen 10 weken na aanmelding; hier de helft daarvan na het aannemen.' },
  { kind: 'swv_arrangement', status: 'accepted', days: 30, unit: 'working', basis: 'Zorgplicht: besluit binnen 6 weken.' },
  { kind: 'tlv', status: 'accepted', days: 30, unit: 'working', basis: 'Zorgplicht: besluit binnen 6 weken (eenmaal 4 weken verlengen kan).' },
  // Starting help after a decision.
  ...(['toegang', 'swv_arrangement', 'tlv'] as const).map((kind) => ({ kind, status: 'decided' as const, days: 20, unit: 'working' as const, basis: 'Regionale afspraak: de hulp of plaatsing start binnen 4 weken na het besluit.' })),
  // Reporting back to the school while help runs (unless the request agrees other moments).
  ...(['toegang', 'provider', 'swv_arrangement', 'tlv'] as const).map((kind) => ({ kind, status: 'help_started' as const, days: 30, unit: 'working' as const, basis: 'Regionale afspraak: elke 6 weken een terugkoppeling aan de school.' })),
];

/** The term of a kind's waiting status: the region's own where it set one, else the default; none for an end status. */
export function termFor(kind: RequestKind, status: RequestStatus, regionTerms: readonly Pick<RequestTerm, 'kind' | 'status' | 'days' | 'unit'>[] = []): Pick<RequestTerm, 'days' | 'unit'> | null {
  const own = regionTerms.find((t) => t.kind === kind && t.status === status);
  if (own) return own;
  const d = DEFAULT_REQUEST_TERMS.find((t) => t.kind === kind && t.status === status);
  return d ? { days: d.days, unit: d.unit } : null;
}

/**
 * The day a step is due: `days` working days after `from`, or `days` school days in the school's
 * calendar (the school that answers). A school-day term without the school's calendar cannot be
 * computed and is an error of the caller.
 */
export function dueOn(from: string, term: Pick<RequestTerm, 'days' | 'unit'>, schoolCalendar?: SchoolCalendar): string {
  if (term.unit === 'working') return addWorkingDays(from, term.days);
  if (!schoolCalendar) throw new Error('a school-day term needs the school calendar of the school that answers');
  return schoolCalendar.addSchoolDays(from, term.days);
}
