/**
 * Finding a child the way Dutch people expect (issue 12, "Finding a child"), the same on PGlite
 * (no ICU collations, no `unaccent`) and on PostgreSQL:
 *
 * - `dutch_fold(text)`: letters with accents become their base letter (Çelik → celik, Özdemir →
 *   ozdemir, Ångström → angstrom), then lower case. `translate()` covers Latin-1 and Latin
 *   Extended-A in both cases, so the result does not depend on the database's locale.
 * - `dutch_name_prefix(family)` / `dutch_name_core(family)`: a family name split into its leading
 *   tussenvoegsel ("van den", "de", "ter", "in 't", …) and the name it is sorted by ("Berg"). The
 *   children table has one family-name column ("van den Berg"), as the school systems deliver it.
 * - `children.sort_key`: family name without tussenvoegsel, given name, tussenvoegsel — folded,
 *   separated by chr(1) (so "Berg, Zoë" comes before "Berg-Jansen, Anna"), in the "C" collation so
 *   both engines order byte by byte alike. Maintained by the database (a stored generated column),
 *   with an index per region.
 * - `children.search_name`: given name and full family name, folded, for "any part of the name".
 */
const ACCENTED = 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžØøĐđŁłıĦħŦŧȘșȚț';
const BASE = 'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzooddllihhttsstt';
if ([...ACCENTED].length !== [...BASE].length) throw new Error('0019: the accent table is out of step');

/** Leading tussenvoegsels (Dutch, and the German ones common in the Netherlands), one or more: "van den", "in 't". */
const PREFIX = `(?i)^(?:(?:van|de|den|der|des|het|['’]t|['’]s|te|ten|ter|in|op|uit|aan|bij|onder|over|voor|von|vom|zu|zum|zur)[[:space:]]+)+`;

export const findingChildren = `
create function dutch_fold(t text) returns text
  language sql immutable strict parallel safe
  as $$ select lower(translate(t, '${ACCENTED}', '${BASE}')) $$;

create function dutch_name_prefix(family text) returns text
  language sql immutable strict parallel safe
  as $$ select nullif(lower(regexp_replace(trim(coalesce(substring(family from '${PREFIX.replace(/'/g, "''")}'), '')), '[[:space:]]+', ' ', 'g')), '') $$;

create function dutch_name_core(family text) returns text
  language sql immutable strict parallel safe
  as $$ select trim(substr(family, length(coalesce(substring(family from '${PREFIX.replace(/'/g, "''")}'), '')) + 1)) $$;

create function dutch_sort_key(given text, family text) returns text
  language sql immutable parallel safe
  as $$ select dutch_fold(coalesce(dutch_name_core(family), '')) || chr(1) || dutch_fold(coalesce(given, '')) || chr(1) || coalesce(dutch_name_prefix(family), '') $$;

alter table children
  add column sort_key text collate "C" not null generated always as (dutch_sort_key(given_name, family_name)) stored,
  add column search_name text not null generated always as (dutch_fold(given_name || ' ' || family_name)) stored;

create index children_region_sort_idx on children (region_id, sort_key, id);
`;
