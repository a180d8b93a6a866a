/**
 * Casussen, toestemming and the shared plan in the client: query keys and hooks for the case and
 * plan API. What a user sees of a case is decided by the server (consent, case owner, case manager);
 * the client shows what it gets and offers the forms the answer allows (canManage, consentRule).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from './api.ts';
import type { CaseDetail, CaseListItem, CaseNote, ChildPlanSummary, Organisation, OrganisationMember, PlanDetail } from './types.ts';

export const casesKey = ['cases'] as const;
export const caseKey = (id: string) => ['case', id] as const;
export const caseNotesKey = (id: string) => ['case-notes', id] as const;
export const planKey = (id: string) => ['plan', id] as const;
export const childPlansKey = (childId: string) => ['child-plans', childId] as const;

/** The shareable kinds of data, in the order the consent form offers them (as the server's SHAREABLE_KINDS). */
export const CONSENT_DATA_KINDS = ['identity', 'school', 'guardians', 'absence', 'signals', 'plan', 'notes', 'consents'] as const;
export const CONSENT_METHODS = ['written', 'verbal', 'portal'] as const;
export const LIFE_DOMAINS = ['school', 'home_family', 'health', 'leisure', 'safety', 'future_work'] as const;
export const EFFECTS = ['better', 'same', 'worse', 'unclear'] as const;
export const GAS_SCORES = [-2, -1, 0, 1, 2] as const;

export function useCases(dueForEvaluation: boolean, childId?: string) {
  return useQuery({
    queryKey: [...casesKey, { dueForEvaluation, childId }],
    queryFn: () => api.get<{ items: CaseListItem[] }>('/cases', { dueForEvaluation: dueForEvaluation || undefined, childId }),
  });
}

export function useCase(id: string, enabled = true) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: () => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`),
    enabled: enabled && Boolean(id),
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKey(id),
    queryFn: () => api.get<PlanDetail>(`/plans/${encodeURIComponent(id)}`),
  });
}

export function useCaseNotes(caseId: string) {
  return useQuery({
    queryKey: caseNotesKey(caseId),
    queryFn: () => api.get<{ items: CaseNote[] }>(`/cases/${encodeURIComponent(caseId)}/notes`),
  });
}

export function useChildPlans(childId: string, enabled: boolean) {
  return useQuery({
    queryKey: childPlansKey(childId),
    queryFn: () => api.get<{ items: ChildPlanSummary[] }>(`/children/${encodeURIComponent(childId)}/plans`),
    enabled,
  });
}

/** The organisations of the region (for consent recipients and team members); they rarely change. */
export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/**
 * Who works at an organisation (the regional directory). When the server has no such endpoint
 * (404 for a professional), the team form falls back to typing the person's id.
 */
export function useOrganisationMembers(organisationId: string) {
  return useQuery({
    queryKey: ['organisation-members', organisationId],
    queryFn: () => api.get<{ items: OrganisationMember[] }>(`/organisations/${encodeURIComponent(organisationId)}/members`),
    enabled: Boolean(organisationId),
    staleTime: 5 * 60_000,
  });
}

export function directoryMissing(err: unknown): boolean {
  return isApiError(err, 404) || isApiError(err, 405);
}

/** A case changed: load it again, and the lists and the plan that show it. */
export function caseChanged(queryClient: QueryClient, caseId: string, childId?: string): void {
  void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
  void queryClient.invalidateQueries({ queryKey: casesKey });
  if (childId) void queryClient.invalidateQueries({ queryKey: childPlansKey(childId) });
}

/** Today as a calendar date in the user's time zone (YYYY-MM-DD). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A calendar date plus a number of days, months or years. */
export function addToDate(iso: string, { days = 0, months = 0, years = 0 }: { days?: number; months?: number; years?: number }): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth() + months, d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A GAS score as people read it: "+1", "0", "−2" (with a real minus sign). */
export function gasNumber(score: number): string {
  if (score > 0) return `+${score}`;
  if (score < 0) return `−${Math.abs(score)}`;
  return '0';
}

/** i18n key suffix of a GAS score: m2, m1, 0, p1, p2. */
export function gasKey(score: number): string {
  return score < 0 ? `m${Math.abs(score)}` : score > 0 ? `p${score}` : '0';
}
