import { describe, expect, it } from 'vitest';
import { ageRuleOn, checkConsentGivers } from './consent-rules.ts';

describe('age rule for consent, on the exact birthday', () => {
  it.each([
    ['2014-11-25', '2026-11-24', 'guardians'], // 11, the day before the 12th birthday
    ['2014-11-25', '2026-11-25', 'child_and_guardians'], // 12 today
    ['2010-11-25', '2026-11-24', 'child_and_guardians'], // 15, the day before the 16th birthday
    ['2010-11-25', '2026-11-25', 'child'], // 16 today
    ['2008-02-29', '2024-02-28', 'child_and_guardians'], // born on 29 Feb: 16 only on 29 Feb in a leap year
    ['2008-02-29', '2024-02-29', 'child'],
  ])('born %s, consent on %s → %s', (birth, day, rule) => expect(ageRuleOn(birth, day)).toBe(rule));
});

describe('who must consent', () => {
  const parents = ['p1', 'p2'];
  it('under 12: a parent with authority, not the child', () => {
    expect(checkConsentGivers('guardians', { guardianIds: ['p1'], childSelf: false }, parents)).toEqual([]);
    expect(checkConsentGivers('guardians', { guardianIds: [], childSelf: false }, parents).map((e) => e.code)).toEqual(['guardian_consent_required']);
    expect(checkConsentGivers('guardians', { guardianIds: ['p1'], childSelf: true }, parents).map((e) => e.code)).toEqual(['child_too_young']);
  });
  it('12–15: the child and a parent with authority', () => {
    expect(checkConsentGivers('child_and_guardians', { guardianIds: ['p2'], childSelf: true }, parents)).toEqual([]);
    expect(checkConsentGivers('child_and_guardians', { guardianIds: ['p2'], childSelf: false }, parents).map((e) => e.code)).toEqual(['child_consent_required']);
    expect(checkConsentGivers('child_and_guardians', { guardianIds: [], childSelf: true }, parents).map((e) => e.code)).toEqual(['guardian_consent_required']);
  });
  it('16+: the young person alone; parents cannot consent in their place', () => {
    expect(checkConsentGivers('child', { guardianIds: [], childSelf: true }, parents)).toEqual([]);
    expect(checkConsentGivers('child', { guardianIds: ['p1'], childSelf: false }, parents).map((e) => e.code).sort()).toEqual(['child_consent_required', 'guardians_not_needed']);
  });
  it('a parent without authority (gezag) cannot consent', () => {
    const errors = checkConsentGivers('guardians', { guardianIds: ['stepfather'], childSelf: false }, parents);
    expect(errors.map((e) => e.code).sort()).toEqual(['guardian_consent_required', 'not_an_authority_guardian']);
  });
});
