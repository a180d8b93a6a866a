import { generiek } from './generiek.ts';
import { magister } from './magister.ts';
import { somtoday } from './somtoday.ts';
import { parnassys } from './parnassys.ts';
import { normaliseName, type FormatMapping, type HoursSource } from './types.ts';

/** In order of detection: the generic format first (it is the contract), then the vendors. */
export const MAPPINGS: readonly FormatMapping[] = [generiek, magister, somtoday, parnassys];

export interface DetectedFormat {
  mapping: FormatMapping;
  /** Column index per field (-1: the optional column is absent). */
  at: { leerling: number; datum: number; einddatum: number; reden: number; soort: number; geoorloofd: number };
  /** The header text of each field's column, to name it in messages. */
  names: Record<'leerling' | 'datum' | 'einddatum' | 'reden' | 'soort' | 'geoorloofd', string>;
  hours: { source: HoursSource; at: number[]; names: string[] };
}

/** The first mapping whose columns are all in this header row, or null. */
export function detectFormat(header: string[]): DetectedFormat | null {
  const normalised = header.map(normaliseName);
  const find = (aliases: string[] | undefined) => {
    for (const alias of aliases ?? []) {
      const i = normalised.indexOf(normaliseName(alias));
      if (i >= 0) return i;
    }
    return -1;
  };
  for (const mapping of MAPPINGS) {
    const c = mapping.columns;
    const at = { leerling: find(c.leerling), datum: find(c.datum), einddatum: find(c.einddatum), reden: find(c.reden), soort: find(c.soort), geoorloofd: find(c.geoorloofd) };
    if (at.leerling < 0 || at.datum < 0 || at.reden < 0) continue;
    for (const source of mapping.hours) {
      const cols = (source.columns as string[][]).map((aliases) => find(aliases));
      if (cols.some((i) => i < 0)) continue;
      const name = (i: number) => (i >= 0 ? header[i].trim() : '');
      return {
        mapping,
        at,
        names: { leerling: name(at.leerling), datum: name(at.datum), einddatum: name(at.einddatum), reden: name(at.reden), soort: name(at.soort), geoorloofd: name(at.geoorloofd) },
        hours: { source, at: cols, names: cols.map(name) },
      };
    }
  }
  return null;
}

/** The generic format's columns missing from a header (for the "no format matches" message). */
export function missingGenericColumns(header: string[]): string[] {
  const normalised = new Set(header.map(normaliseName));
  return ['leerling', 'datum', 'uren', 'reden'].filter((c) => !normalised.has(c));
}

export { generiek, magister, somtoday, parnassys };
export { REASONS } from './generiek.ts';
export * from './types.ts';
