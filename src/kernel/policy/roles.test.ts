import { describe, expect, it } from 'vitest';
import { foundation } from '../db/migrations/0001_foundation.ts';
import { CHILD_DATA_ROLES, ROLES } from './roles.ts';

describe('roles', () => {
  it('the database check constraint lists exactly the roles the policy knows', () => {
    const m = /role text not null check \(role in \(([^)]*)\)\)/.exec(foundation);
    expect(m).not.toBeNull();
    const inDb = m![1].split(',').map((s) => s.trim().replace(/'/g, ''));
    expect(inDb.sort()).toEqual([...ROLES].sort());
  });

  it('every role sees children’s data except the functional administrator and the policy analyst (domain.md §7)', () => {
    expect(ROLES.filter((r) => !CHILD_DATA_ROLES.includes(r)).sort()).toEqual(['functional_admin', 'policy_analyst']);
  });
});
