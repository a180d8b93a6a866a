import { describe, expect, it } from 'vitest';
import { ageRuleOn, checkConsentGivers, checkWithdrawer } from './consent-rules.ts';

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

describe('who may withdraw a consent, by age on the day of the withdrawal', () => {
  const parents = ['p1', 'p2'];
  const codes = (rule: Parameters<typeof checkWithdrawer>[0], input: Parameters<typeof checkWithdrawer>[1]) => checkWithdrawer(rule, input, parents).map((e) => `${e.name}:${e.code}`);
  it('under 12: a parent with authority; not the child, not a parent of another family', () => {
    expect(codes('guardians', { byGuardianId: 'p2' })).toEqual([]);
    expect(codes('guardians', { byChild: true })).toEqual(['byChild:child_too_young']);
    expect(codes('guardians', { byGuardianId: 'someone-else' })).toEqual(['byGuardianId:not_an_authority_guardian']);
  });
  it('12 to 15: the child or a parent with authority', () => {
    expect(codes('child_and_guardians', { byChild: true })).toEqual([]);
    expect(codes('child_and_guardians', { byGuardianId: 'p1' })).toEqual([]);
    expect(codes('child_and_guardians', { byGuardianId: 'someone-else' })).toEqual(['byGuardianId:not_an_authority_guardian']);
  });
  it('16 and over: only the young person', () => {
    expect(codes('child', { byChild: true })).toEqual([]);
    expect(codes('child', { byGuardianId: 'p1' })).toEqual(['byGuardianId:guardian_not_entitled']);
  });
  it('names exactly one person', () => {
    expect(codes('child_and_guardians', {})).toEqual(['byGuardianId:required']);
    expect(codes('child_and_guardians', { byChild: true, byGuardianId: 'p1' })).toEqual(['byChild:one_person']);
  });
  it('the age counts on the day itself: the 12th birthday', () => {
    expect(checkWithdrawer(ageRuleOn('2014-11-25', '2026-11-24'), { byChild: true }, parents).map((e) => e.code)).toEqual(['child_too_young']);
    expect(checkWithdrawer(ageRuleOn('2014-11-25', '2026-11-25'), { byChild: true }, parents)).toEqual([]);
  });
});
