import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import type { Contract } from '../../contracts/common.ts';
import type { OrganisationList } from '../../contracts/registry.ts';
import { qk } from '../shared/query-keys.ts';

/** The region's organisations, of one kind or all. */
export function useOrganisations(kind?: string) {
  return useQuery({
    queryKey: qk.organisations.ofKind(kind ?? ''),
    queryFn: () => api.get<Contract<typeof OrganisationList>>('/organisations', { kind }),
  });
}
