/**
 * The enumerations of requests between organisations (issue 13: referrals to the wijkteam or the
 * gemeente's access to youth care, requests to a youth care provider, to the SWV for an
 * arrangement or an onderwijs-zorgarrangement, TLV requests, and questions back to the school).
 * One definition each; the web app shows them with its own labels, the server's messages use the
 * Dutch ones here.
 */

export const REQUEST_KINDS = ['toegang', 'provider', 'swv_arrangement', 'tlv', 'question_to_school'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = ['sent', 'info_requested', 'accepted', 'declined', 'decided', 'help_started', 'closed', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = ['accept', 'ask_info', 'answer_info', 'decline', 'forward', 'decide', 'start_help', 'report_back', 'end_help', 'close', 'answer_question', 'withdraw'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Who takes a step: the organisation that sent the request, or the one that received it. */
export const REQUEST_SIDES = ['sender', 'receiver'] as const;
export type RequestSide = (typeof REQUEST_SIDES)[number];

/** The statuses in which a request still waits for someone (the others are its end). */
export const OPEN_REQUEST_STATUSES = ['sent', 'info_requested', 'accepted', 'decided', 'help_started'] as const satisfies readonly RequestStatus[];

/** A decision of the gemeente (beschikking), the SWV (arrangement, TLV). */
export const REQUEST_DECISIONS = ['granted', 'partly', 'refused'] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];

/** A report back from the helper to the school. */
export const PROGRESS = ['going_well', 'concerns', 'ended'] as const;
export type Progress = (typeof PROGRESS)[number];

/** The teacher's observation after a report back: does the help work in class? */
export const OBSERVATION_VERDICTS = ['works', 'partly', 'not_yet'] as const;
export type ObservationVerdict = (typeof OBSERVATION_VERDICTS)[number];
/** A teacher answers an observation within this many school days of her school. */
export const OBSERVATION_TERM_SCHOOL_DAYS = 5;

/** How a term counts: working days (Algemene termijnenwet) between organisations, school days where a school answers. */
export const DAY_UNITS = ['working', 'school'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

export const KIND_NL: Record<RequestKind, string> = {
  toegang: 'verwijzing naar het wijkteam / de toegang jeugdhulp',
  provider: 'verzoek aan een jeugdhulpaanbieder',
  swv_arrangement: 'aanvraag arrangement of onderwijs-zorgarrangement bij het samenwerkingsverband',
  tlv: 'aanvraag toelaatbaarheidsverklaring (TLV)',
  question_to_school: 'vraag aan de school',
};
export const STATUS_NL: Record<RequestStatus, string> = {
  sent: 'verstuurd',
  info_requested: 'informatie gevraagd',
  accepted: 'aangenomen',
  declined: 'afgewezen',
  decided: 'besloten',
  help_started: 'hulp gestart',
  closed: 'afgesloten',
  withdrawn: 'ingetrokken',
};
export const ACTION_NL: Record<RequestAction, string> = {
  accept: 'aannemen',
  ask_info: 'informatie vragen',
  answer_info: 'informatie geven',
  decline: 'afwijzen',
  forward: 'doorsturen binnen de organisatie',
  decide: 'besluit vastleggen',
  start_help: 'start van de hulp vastleggen',
  report_back: 'terugkoppelen aan de school',
  end_help: 'hulp afsluiten',
  close: 'afsluiten',
  answer_question: 'vraag beantwoorden',
  withdraw: 'intrekken',
};

/** The kinds of organisation that receive each kind of request (a question to the school goes to the school that keeps the case). */
export const RECEIVER_ORGANISATION_KINDS: Record<RequestKind, readonly ('wijkteam' | 'gemeente' | 'youth_care_provider' | 'swv' | 'school_location')[]> = {
  toegang: ['wijkteam', 'gemeente'],
  provider: ['youth_care_provider'],
  swv_arrangement: ['swv'],
  tlv: ['swv'],
  question_to_school: ['school_location'],
};
