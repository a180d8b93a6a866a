/**
 * The closed sets of the thuiszitter register and its counts, defined once for the server's
 * schemas and rules and the web app. Plain values (no schema library), so that the web app can
 * import them at runtime.
 */

/** Categories: relative absence over 4 weeks, not enrolled, and the exemptions of the Leerplichtwet. */
export const CATEGORIES = ['lrv', 'absoluut', '5a', '5b', '5c', 'art15'] as const;
export type ThuiszitterCategory = (typeof CATEGORIES)[number];
/** Thuiszitters in the sense of the Kamerbrief of 3 February 2016. */
export const THUISZITTER_CATEGORIES = ['lrv', 'absoluut'] as const satisfies readonly ThuiszitterCategory[];
export const EXEMPTION_CATEGORIES = ['5a', '5b', '5c', 'art15'] as const satisfies readonly ThuiszitterCategory[];
/**
 * The Thuiszitterspact norm (no child longer than 3 months at home without a fitting offer) is
 * watched for the thuiszitters and for 5a: policy aims to limit 5a exemptions, so a child exempted
 * on physical or psychological grounds without any offer is escalated like a thuiszitter. An
 * exemption under 5b (objection to the school's direction), 5c (school abroad) or art. 15
 * (replacement programme) is a lawful alternative in itself, so the norm does not apply.
 */
export const NORM_CATEGORIES = ['lrv', 'absoluut', '5a'] as const satisfies readonly ThuiszitterCategory[];

/** The offer a child at home gets. */
export const OFFERS = ['none', 'education_partial', 'education_full', 'care', 'education_care'] as const;
export type ThuiszitterOffer = (typeof OFFERS)[number];

/** Why an entry ended. */
export const END_REASONS = ['back_to_school', 'fitting_offer', 'moved_away', 'exemption_ended', 'no_longer_compulsory', 'other'] as const;
export type ThuiszitterEndReason = (typeof END_REASONS)[number];

/** The changes recorded on an entry. */
export const EVENT_KINDS = ['category', 'responsible', 'offer', 'end'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Whether a not-enrolled child is leerplichtig or kwalificatieplichtig. */
export const COMPULSORY_KINDS = ['leerplicht', 'kwalificatieplicht'] as const;
export type CompulsoryKind = (typeof COMPULSORY_KINDS)[number];

/** The columns of the counts: per category, the thuiszitters (LRV + absoluut), and those past the norm. */
export const COUNT_COLUMNS = ['lrv', 'absoluut', 'thuiszitters', '5a', '5b', '5c', 'art15', 'over3Months'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The escalation table's columns: the children past the norm per category, and their total. */
export const ESCALATION_COLUMNS = ['lrv', 'absoluut', '5a', 'total'] as const;
export type EscalationColumn = (typeof ESCALATION_COLUMNS)[number];

/** The breakdowns of the counts: where the child lived, or the school type of the school named. */
export const COUNTS_BY = ['gemeente', 'school_type'] as const;
export type CountsBy = (typeof COUNTS_BY)[number];

/** The whole periods counts are published for. */
export const PERIOD_KINDS = ['month', 'school_year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Why a published count is hidden: a small count (0 to 4), or so that nothing can be worked out (secondary). */
export const SUPPRESSIONS = ['small', 'secondary'] as const;
export type Suppression = (typeof SUPPRESSIONS)[number];
