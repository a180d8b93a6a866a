/**
 * The region's side of requests in the client (docs/requests.md): the request terms per kind and
 * step (every professional reads them; `can.change` says who may change one) and the escalation
 * table (counts per receiving organisation and kind, never a request or a child). Types come from
 * the contracts.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { RequestTerms as RequestTermsSchema, SetRequestTermBody as SetRequestTermBodySchema } from '../../contracts/request-terms.ts';
import type {
  EscalateRequestsBody as EscalateRequestsBodySchema,
  RequestEscalationOverview as RequestEscalationOverviewSchema,
  RequestEscalationRecorded as RequestEscalationRecordedSchema,
} from '../../contracts/request-escalation.ts';

export type RequestTerms = Contract<typeof RequestTermsSchema>;
export type RequestTermRow = RequestTerms['items'][number];
export type SetRequestTermBody = Contract<typeof SetRequestTermBodySchema>;
export type RequestEscalationOverview = Contract<typeof RequestEscalationOverviewSchema>;
export type RequestEscalationRow = RequestEscalationOverview['rows'][number];
export type EscalateRequestsBody = Contract<typeof EscalateRequestsBodySchema>;
export type RequestEscalationRecorded = Contract<typeof RequestEscalationRecordedSchema>;

export function useRequestTerms() {
  return useQuery({ queryKey: qk.settings.requestTerms, queryFn: () => api.get<RequestTerms>('/settings/request-terms') });
}

export const setRequestTerm = (body: SetRequestTermBody) => api.put<RequestTerms>('/settings/request-terms', body);

export function useRequestEscalation() {
  return useQuery({ queryKey: qk.requests.escalation, queryFn: () => api.get<RequestEscalationOverview>('/requests/escalation') });
}

export const escalateRequests = (body: EscalateRequestsBody) => api.post<RequestEscalationRecorded>('/requests/escalation', body);
