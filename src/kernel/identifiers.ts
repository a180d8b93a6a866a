/**
 * Dutch identifiers, validated as domain.md §2 and §6 describe.
 */

/** Weighted sum 9·d1 + 8·d2 + … + 2·d8 − 1·d9 of a 9-digit number. */
function elfproefSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  return sum - Number(digits[8]);
}

/** BSN (= persoonsgebonden nummer): 9 digits passing the 11-proef; 000000000 is not a BSN. */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  return elfproefSum(value) % 11 === 0;
}

/** Onderwijsnummer: 9 digits starting with 10 whose weighted sum is 5 modulo 11. */
export function isValidOnderwijsnummer(value: string): boolean {
  if (!/^10[0-9]{7}$/.test(value)) return false;
  return ((elfproefSum(value) % 11) + 11) % 11 === 5;
}

/** BRIN: two digits and two capital letters, e.g. 05KO. */
export function isValidBrin(value: string): boolean {
  return /^[0-9]{2}[A-Z]{2}$/.test(value);
}

/** Vestigingsnummer: two digits, e.g. 00 in 05KO00. */
export function isValidVestiging(value: string): boolean {
  return /^[0-9]{2}$/.test(value);
}

/** CBS gemeente code: GM followed by four digits, e.g. GM0344 (Utrecht). */
export function isValidCbsCode(value: string): boolean {
  return /^GM[0-9]{4}$/.test(value);
}

/** Normalises user input like " 05ko " or "05KO-00" to the stored form. */
export function normaliseBrin(value: string): string {
  return value.trim().toUpperCase();
}

/** Strips spaces and dots people type in a BSN ("1234.56.782"). */
export function normaliseBsn(value: string): string {
  return value.replace(/[\s.]/g, '');
}
