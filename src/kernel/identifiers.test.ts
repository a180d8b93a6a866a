import { describe, expect, it } from 'vitest';
import { isValidBrin, isValidBsn, isValidCbsCode, isValidOnderwijsnummer, isValidVestiging, normaliseBsn } from './identifiers.ts';

describe('BSN 11-proef', () => {
  it.each([
    ['111222333', true], // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3 − 3 = 66 → divisible by 11
    ['123456782', true],
    ['999990019', true],
    ['123456789', false], // sum 156 − 9·… not divisible
    ['111222334', false], // last digit off by one
    ['000000000', false], // all zeros passes the sum but is not a BSN
    ['12345678', false], // 8 digits
    ['1234567890', false], // 10 digits
    ['12345678a', false],
    ['', false],
  ])('%s → %s', (bsn, ok) => expect(isValidBsn(bsn)).toBe(ok));

  it('accepts what people type after normalising dots and spaces', () => {
    expect(isValidBsn(normaliseBsn('1234.56.782'))).toBe(true);
    expect(isValidBsn(normaliseBsn(' 123 456 782 '))).toBe(true);
  });
});

describe('onderwijsnummer', () => {
  it('starts with 10 and the weighted sum is 5 modulo 11', () => {
    // 1·9+0·8+0·7+0·6+0·5+0·4+0·3+0·2 − d9 ≡ 5 (mod 11) → 9 − d9 = 5 → d9 = 4
    expect(isValidOnderwijsnummer('100000004')).toBe(true);
    expect(isValidOnderwijsnummer('100000005')).toBe(false);
    expect(isValidOnderwijsnummer('200000004')).toBe(false);
    // a valid BSN is not an onderwijsnummer
    expect(isValidOnderwijsnummer('123456782')).toBe(false);
  });
});

describe('BRIN, vestiging, CBS code', () => {
  it.each([
    ['05KO', true],
    ['99AB', true],
    ['05ko', false], // stored upper case; input is normalised before validation
    ['5KO', false],
    ['05K0', false],
    ['05KOO', false],
  ])('BRIN %s → %s', (v, ok) => expect(isValidBrin(v)).toBe(ok));
  it('vestiging is two digits', () => {
    expect(isValidVestiging('00')).toBe(true);
    expect(isValidVestiging('01')).toBe(true);
    expect(isValidVestiging('1')).toBe(false);
    expect(isValidVestiging('AB')).toBe(false);
  });
  it('CBS code is GM and 4 digits', () => {
    expect(isValidCbsCode('GM0355')).toBe(true);
    expect(isValidCbsCode('GM355')).toBe(false);
    expect(isValidCbsCode('gm0355')).toBe(false);
    expect(isValidCbsCode('0355')).toBe(false);
  });
});
