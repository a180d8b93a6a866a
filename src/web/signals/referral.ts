/**
 * A signal's referral ("Doorverwijzen", docs/requests.md) in the client: what the form needs
 * (GET /signals/:id/referral — the case the request goes into, who can give consent, what consents
 * in force already cover) and the one step that sends it (POST /signals/:id/referral). Types come
 * from the contract (src/contracts/referrals.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ReferralContext as ReferralContextSchema, ReferralResult as ReferralResultSchema, ReferSignalBody as ReferSignalBodySchema, ReferralKind } from '../../contracts/referrals.ts';
import { REQUEST_KINDS } from '../../contracts/values/requests.ts';
import { SHAREABLE_KINDS, type ShareableKind } from '../../contracts/values/cases.ts';

export type ReferralContext = Contract<typeof ReferralContextSchema>;
export type ReferralResult = Contract<typeof ReferralResultSchema>;
export type ReferSignalBody = Contract<typeof ReferSignalBodySchema>;
export type { ReferralKind };

/** The kinds a referral from a signal can be: every request but the question to the school (the school refers). */
export const REFERRAL_KINDS = REQUEST_KINDS.filter((k): k is ReferralKind => k !== 'question_to_school');

export function useReferralContext(signalId: string, enabled = true) {
  return useQuery({
    queryKey: qk.signalReferral(signalId),
    queryFn: () => api.get<ReferralContext>(`/signals/${encodeURIComponent(signalId)}/referral`),
    enabled: enabled && Boolean(signalId),
  });
}

/** The data kinds a consent in force in the child's open case lets an organisation see, in the usual order. */
export function coveredFor(context: Pick<ReferralContext, 'covered'>, organisationId: string): ShareableKind[] {
  const kinds = context.covered.filter((c) => c.organisationId === organisationId).flatMap((c) => c.dataKinds);
  return SHAREABLE_KINDS.filter((d) => kinds.includes(d));
}

/** Whether a consent in force already covers the receiver and every data kind chosen (then no consent is sent). */
export function coversAll(covered: readonly ShareableKind[], dataKinds: readonly ShareableKind[]): boolean {
  return covered.length > 0 && dataKinds.length > 0 && dataKinds.every((d) => covered.includes(d));
}

/** What the request page says once after a referral (router state). */
export interface ReferralSentState {
  referral: { caseOpened: boolean; consentRecorded: boolean };
}

/** The request page's message after a referral: sent, and what came with it (a case opened, a consent recorded). */
export function referralSentMessage(state: ReferralSentState['referral'], t: (key: string) => string): string {
  return [t('referrals.done.sent'), state.caseOpened && t('referrals.done.caseOpened'), state.consentRecorded && t('referrals.done.consentRecorded')].filter(Boolean).join(' ');
}
