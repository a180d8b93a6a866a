import { describe, expect, it } from 'vitest';
import { coveredFor, coversAll, REFERRAL_KINDS, referralSentMessage, type ReferralContext } from './referral.ts';

// What the referral form decides on its own: whether a consent in force already covers the
// receiver and the data chosen (then it sends none), as the server decides it (refer-signal.ts).
const wijkteam = '00000000-0000-4000-8000-000000000001';
const provider = '00000000-0000-4000-8000-000000000002';
const context: Pick<ReferralContext, 'covered'> = {
  covered: [
    { organisationId: wijkteam, dataKinds: ['school', 'identity'] },
    { organisationId: wijkteam, dataKinds: ['absence'] },
  ],
};

describe('the referral form', () => {
  it('offers every kind of request but the question to the school', () => {
    expect(REFERRAL_KINDS).toEqual(['toegang', 'provider', 'swv_arrangement', 'tlv']);
  });

  it('joins what the consents in force cover for one organisation, in the usual order', () => {
    expect(coveredFor(context, wijkteam)).toEqual(['identity', 'school', 'absence']);
    expect(coveredFor(context, provider)).toEqual([]);
  });

  it('asks for consent unless every data kind chosen is covered', () => {
    const covered = coveredFor(context, wijkteam);
    expect(coversAll(covered, ['identity', 'school'])).toBe(true);
    expect(coversAll(covered, ['identity', 'plan'])).toBe(false);
    // Nothing chosen yet, or nothing covered: the consent fieldset stays.
    expect(coversAll(covered, [])).toBe(false);
    expect(coversAll([], ['identity'])).toBe(false);
  });

  it('says what was sent and what came with it', () => {
    const t = (key: string) => key;
    expect(referralSentMessage({ caseOpened: true, consentRecorded: false }, t)).toBe('referrals.done.sent referrals.done.caseOpened');
    expect(referralSentMessage({ caseOpened: false, consentRecorded: true }, t)).toBe('referrals.done.sent referrals.done.consentRecorded');
  });
});
