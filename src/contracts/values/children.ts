/** The enumerations of a child's file: plain lists the server checks against and the web app shows. */

/** How a parent or carer is related to the child. */
export const GUARDIAN_RELATIONS = ['parent', 'foster_parent', 'guardian', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
