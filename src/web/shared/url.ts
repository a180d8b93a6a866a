/** The `pagina` search parameter as a page number (1 when absent or invalid). */
export function pageFrom(params: URLSearchParams): number {
  const n = Number(params.get('pagina'));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Search parameters without empty values. */
export function cleanParams(values: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && value.trim()) params.set(key, value.trim());
  return params;
}
