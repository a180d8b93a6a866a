import { describe, expect, it } from 'vitest';
import { foundation } from '../db/migrations/0001_foundation.ts';
import { ROLES } from './roles.ts';

describe('roles', () => {
  it('the database check constraint lists exactly the roles the policy knows', () => {
    const m = /role text not null check \(role in \(([^)]*)\)\)/.exec(foundation);
    expect(m).not.toBeNull();
    const inDb = m![1].split(',').map((s) => s.trim().replace(/'/g, ''));
    expect(inDb.sort()).toEqual([...ROLES].sort());
  });
});
