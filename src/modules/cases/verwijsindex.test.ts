import { describe, expect, it } from 'vitest';
import { registrationValidUntil, verwijsindexRiskGrounds, verwijsindexState, type VerwijsindexFacts } from './verwijsindex.ts';

/**
 * The risk ground for the verwijsindex (Jeugdwet art. 7.1.4.1; domain.md §6) as one function, and
 * when the team is reminded: while a risk ground applies and no registration counts (none, or one
 * older than its two years).
 */
const none: VerwijsindexFacts = { open: true, safetyRoute: false, careRequestSent: false, partnerOnTeam: false };

describe('the risk grounds of a case', () => {
  it('the school’s own support alone is no risk ground', () => {
    expect(verwijsindexRiskGrounds(none)).toEqual([]);
  });

  it('the safety route, a referral to youth care, a partner on the team: each one is, in that order', () => {
    expect(verwijsindexRiskGrounds({ ...none, safetyRoute: true })).toEqual(['safety_route']);
    expect(verwijsindexRiskGrounds({ ...none, careRequestSent: true })).toEqual(['care_request']);
    expect(verwijsindexRiskGrounds({ ...none, partnerOnTeam: true })).toEqual(['partner_on_team']);
    expect(verwijsindexRiskGrounds({ open: true, safetyRoute: true, careRequestSent: true, partnerOnTeam: true })).toEqual(['safety_route', 'care_request', 'partner_on_team']);
  });

  it('a closed case reminds nobody', () => {
    expect(verwijsindexRiskGrounds({ open: false, safetyRoute: true, careRequestSent: true, partnerOnTeam: true })).toEqual([]);
  });
});

describe('a registration counts two years', () => {
  it('until the day before the same date two years later; a registration on 29 February until 28 February', () => {
    expect(registrationValidUntil('2026-12-03')).toBe('2028-12-02');
    expect(registrationValidUntil('2028-02-29')).toBe('2030-02-28');
    expect(registrationValidUntil('2027-01-01')).toBe('2028-12-31');
  });
});

describe('the reminder', () => {
  const risky = { ...none, careRequestSent: true };
  it('while a risk ground applies and the child is not registered', () => {
    expect(verwijsindexState({ registeredOn: null, registeredByName: null, facts: risky, today: '2026-12-03' })).toEqual({
      registeredOn: null,
      registeredByName: null,
      validUntil: null,
      reminder: true,
      riskGrounds: ['care_request'],
    });
  });

  it('not once registered, up to and including the last day the registration counts', () => {
    const s = (today: string) => verwijsindexState({ registeredOn: '2026-12-03', registeredByName: 'Ilse Bakker', facts: risky, today });
    expect(s('2026-12-03')).toMatchObject({ reminder: false, validUntil: '2028-12-02', registeredByName: 'Ilse Bakker' });
    expect(s('2028-12-02').reminder).toBe(false);
  });

  it('again when the registration has ended after two years and the risk is still there', () => {
    expect(verwijsindexState({ registeredOn: '2026-12-03', registeredByName: 'Ilse Bakker', facts: risky, today: '2028-12-03' }).reminder).toBe(true);
  });

  it('never without a risk ground, registered or not', () => {
    expect(verwijsindexState({ registeredOn: null, registeredByName: null, facts: none, today: '2026-12-03' }).reminder).toBe(false);
    expect(verwijsindexState({ registeredOn: '2020-01-01', registeredByName: 'X', facts: { ...risky, open: false }, today: '2026-12-03' }).reminder).toBe(false);
  });
});
