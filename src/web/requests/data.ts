/**
 * Requests between organisations in the client (docs/requests.md): the inbox and outbox of the
 * organisation the user works for, one request with its history, and the steps of its workflow.
 * Which steps a reader may take now is the server's answer (`can.steps`); the screens offer only
 * those. Types come from the contract (src/contracts/requests.ts).
 */
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type {
  AnswerObservationBody as AnswerObservationBodySchema,
  ObservationView as ObservationViewSchema,
  RequestDetail as RequestDetailSchema,
  RequestList as RequestListSchema,
  RequestListQuery as RequestListQuerySchema,
  RequestStepBody as RequestStepBodySchema,
  SendRequestBody as SendRequestBodySchema,
} from '../../contracts/requests.ts';
import { RECEIVER_ORGANISATION_KINDS, type RequestAction } from '../../contracts/values/requests.ts';
import { SHAREABLE_KINDS, type ShareableKind } from '../../contracts/values/cases.ts';
import type { Organisation as OrganisationSchema } from '../../contracts/registry.ts';
import type { CaseDetail } from '../shared/types.ts';

export type RequestDetail = Contract<typeof RequestDetailSchema>;
export type RequestEvent = RequestDetail['history'][number];
export type RequestList = Contract<typeof RequestListSchema>;
export type RequestListItem = RequestList['items'][number];
export type RequestListQuery = Contract<typeof RequestListQuerySchema>;
export type RequestStepBody = Contract<typeof RequestStepBodySchema>;
export type RequestDecisionBody = NonNullable<RequestStepBody['decision']>;
export type SendRequestBody = Contract<typeof SendRequestBodySchema>;
export type RequestObservationAsk = RequestDetail['observations'][number];
export type ObservationView = Contract<typeof ObservationViewSchema>;
export type AnswerObservationBody = Contract<typeof AnswerObservationBodySchema>;

/** The requests of the organisation acted for: received, sent or both; only those still waiting; one case's. */
export function useRequests(filter: Partial<RequestListQuery>, enabled = true) {
  return useQuery({
    queryKey: qk.requests.list(filter),
    queryFn: () => api.get<RequestList>('/requests', { ...filter }),
    // Paging through the list keeps the previous page in view; another case's (or signal's) requests are not shown meanwhile.
    placeholderData: filter.caseId || filter.signalId ? undefined : keepPreviousData,
    enabled,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: qk.request(id),
    queryFn: () => api.get<RequestDetail>(`/requests/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
}

/** An observation asked of the teacher after a report back (only she opens it; the server checks). */
export function useObservation(id: string) {
  return useQuery({
    queryKey: qk.observation(id),
    queryFn: () => api.get<ObservationView>(`/observations/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
}

/** A request changed (sent, a step taken): keep its page, and load the lists that show it again. */
export function requestChanged(queryClient: QueryClient, request?: RequestDetail): void {
  if (request) queryClient.setQueryData(qk.request(request.id), request);
  void queryClient.invalidateQueries({ queryKey: qk.requests.all });
}

/** The kinds of organisation that receive each kind of request (the server's list; it checks again). */
export const RECEIVER_KINDS: Record<keyof typeof RECEIVER_ORGANISATION_KINDS, readonly string[]> = RECEIVER_ORGANISATION_KINDS;

/** What a step's text is, by action: a question, an answer, a reason, advice for the teacher, what the teacher sees in class, or a note. */
export type TextRole = 'question' | 'answer' | 'reason' | 'advice' | 'observation' | 'note';

export function textRole(action: RequestAction | string): TextRole {
  switch (action) {
    case 'ask_info':
      return 'question';
    case 'answer_info':
    case 'answer_question':
      return 'answer';
    case 'decline':
    case 'withdraw':
    case 'close':
      return 'reason';
    case 'report_back':
    case 'end_help':
      return 'advice';
    case 'observation':
      return 'observation';
    default:
      return 'note';
  }
}

/** Who the current step waits for, seen from the reader: the own organisation, or the other one. */
export function waitingForReader(item: { side: 'sender' | 'receiver'; waitingFor: 'sender' | 'receiver' | null }): 'you' | 'other' | null {
  if (!item.waitingFor) return null;
  return item.waitingFor === item.side ? 'you' : 'other';
}

type Organisation = Contract<typeof OrganisationSchema>;

/** The school that keeps the case, for a question to the school (the server checks the receiver again). */
export function schoolsOfCase(k: Pick<CaseDetail, 'organisationId'>, organisations: readonly Organisation[]): Organisation[] {
  return organisations.filter((o) => o.id === k.organisationId);
}

/** The kinds of data the valid consents of the case grant an organisation today; null when the reader does not see the consents. */
export function coveredKinds(k: Pick<CaseDetail, 'consents'>, organisationId: string): ShareableKind[] | null {
  if (!k.consents) return null;
  const kinds = k.consents.filter((c) => c.status === 'valid' && c.recipients.some((r) => r.id === organisationId)).flatMap((c) => c.dataKinds);
  return SHAREABLE_KINDS.filter((d) => kinds.includes(d));
}
