import type { Client, TestApp } from './test-app.ts';

/**
 * A pupil the teacher `c` sees, of compulsory-school age and under 12 (so a parent with authority
 * gives consent), with such a parent and no case yet: the start of a case, a consent and a request
 * in the request tests. Fails the test when the demo holds none.
 */
export async function pupilWithParentAndNoCase(t: TestApp, c: Client): Promise<{ pupil: string; guardianId: string }> {
  const pupils = (await c.get('/api/v1/children?pageSize=100')).json().items as { id: string; age: number }[];
  const withCase = new Set((await t.database.db.selectFrom('cases').select('child_id').execute()).map((k) => k.child_id));
  for (const p of pupils.filter((x) => x.age >= 5 && x.age < 12 && !withCase.has(x.id))) {
    const g = await t.database.db.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', p.id).where('has_authority', '=', true).executeTakeFirst();
    if (g) return { pupil: p.id, guardianId: g.guardian_id };
  }
  throw new Error('the demo holds no pupil of compulsory-school age under 12 with a parent with authority and no case');
}
