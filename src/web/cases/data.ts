/**
 * Casussen, toestemming and the shared plan in the client: query keys and hooks for the case and
 * plan API. What a user sees of a case is decided by the server (consent, case owner, case manager);
 * the client shows what it gets and offers the forms the answer allows (canManage, consentRule).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../shared/api.ts';
import type { CaseDetail, PlanDetail } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { CaseList } from '../../contracts/cases.ts';
import type { CaseNotes, ChildPlans } from '../../contracts/plans.ts';
import type { OrganisationList, OrganisationMembers } from '../../contracts/registry.ts';
import { qk } from '../shared/query-keys.ts';

export function useCases(dueForEvaluation: boolean, childId?: string, enabled = true) {
  return useQuery({
    queryKey: qk.cases.list({ dueForEvaluation, childId }),
    queryFn: () => api.get<Contract<typeof CaseList>>('/cases', { dueForEvaluation: dueForEvaluation || undefined, childId }),
    enabled,
  });
}

export function useCase(id: string, enabled = true) {
  return useQuery({
    queryKey: qk.case(id),
    queryFn: () => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`),
    enabled: enabled && Boolean(id),
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: qk.plan(id),
    queryFn: () => api.get<PlanDetail>(`/plans/${encodeURIComponent(id)}`),
  });
}

export function useCaseNotes(caseId: string) {
  return useQuery({
    queryKey: qk.caseNotes(caseId),
    queryFn: () => api.get<Contract<typeof CaseNotes>>(`/cases/${encodeURIComponent(caseId)}/notes`),
  });
}

export function useChildPlans(childId: string, enabled: boolean) {
  return useQuery({
    queryKey: qk.childPlans(childId),
    queryFn: () => api.get<Contract<typeof ChildPlans>>(`/children/${encodeURIComponent(childId)}/plans`),
    enabled,
  });
}

/** The organisations of the region (for consent recipients and team members); they rarely change. */
export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: qk.organisations.forCases,
    queryFn: () => api.get<Contract<typeof OrganisationList>>('/organisations'),
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
    queryKey: qk.organisationMembers(organisationId),
    queryFn: () => api.get<Contract<typeof OrganisationMembers>>(`/organisations/${encodeURIComponent(organisationId)}/members`),
    enabled: Boolean(organisationId),
    staleTime: 5 * 60_000,
  });
}

export function directoryMissing(err: unknown): boolean {
  return isApiError(err, 404) || isApiError(err, 405);
}

/** A case changed: load it again, and the lists and the plan that show it. */
export function caseChanged(queryClient: QueryClient, caseId: string, childId?: string): void {
  void queryClient.invalidateQueries({ queryKey: qk.case(caseId) });
  void queryClient.invalidateQueries({ queryKey: qk.cases.all });
  if (childId) void queryClient.invalidateQueries({ queryKey: qk.childPlans(childId) });
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

export interface CaseOpenedState {
  opened?: boolean;
}
