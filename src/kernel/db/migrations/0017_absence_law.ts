/**
 * The law for 18 to 23 (issue 12): the RMC report (Regionale Meld- en Coördinatiefunctie).
 *
 * A young person of 18 up to 23 without a startkwalificatie who is absent without a valid reason
 * for four weeks or more is reported to DUO as type "RMC" (duo.nl "soorten verzuim" and "verzuim
 * digitaal melden"; ../shared/docs/domain.md §3). The rules find it like the other rule reports, so
 * absence_reports accepts the type 'rmc'. The inline check of 0007 is named
 * absence_reports_type_check by PostgreSQL and PGlite alike.
 */
export const absenceLaw = `
alter table absence_reports drop constraint absence_reports_type_check;
alter table absence_reports add constraint absence_reports_type_check check (type in ('16-uur', 'lrv', 'luxe', 'overig', 'rmc'));
`;
