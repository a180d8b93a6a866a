/* The plan in the client: what its forms share. */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlanAuthor, PlanDetail } from '../shared/types.ts';
import { caseChanged } from '../cases/data.ts';
import { qk } from '../shared/query-keys.ts';

export type Done = (message: string) => void;

/** After a change the plan is loaded again (it is small, and others may have added to it). */
export function usePlanChanged(plan: PlanDetail) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: qk.plan(plan.id) });
    caseChanged(queryClient, plan.caseId, plan.child.id);
  };
}

/** Who wrote or rated something, in words. */
export function useAuthorName() {
  const { t } = useTranslation();
  return (a: PlanAuthor) => (a.name ? a.name : a.kind === 'child' ? t('plans.byChild') : t('common.unknown'));
}
