import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ValidationError } from '../../kernel/errors.ts';
import { subject } from '../../kernel/policy/gateway.ts';
import { withPlan } from './plan-access.ts';
import type { CaseNotes, Created, NoteBody } from '../../contracts/plans.ts';

/**
 * Professional notes stay inside the author's organisation. A note marked "shared" is visible to
 * team members of another organisation only when a consent covering "notes" names their
 * organisation (the case_consent grant); never otherwise.
 */
export async function addNote(database: Database, actor: Actor, caseId: string, input: NoteBody): Promise<Created> {
  return withPlan(database, actor, subject.case(caseId), 'case.note.add', { kind: null, who: 'professional', require: 'team' }, async (p) => {
    if (!input.text.trim()) throw new ValidationError([{ name: 'text', code: 'required', reason: 'Schrijf de notitie.' }]);
    const row = await p.tx
      .insertInto('case_notes')
      .values({ case_id: caseId, author_person_id: actor.personId!, organisation_id: actor.membership!.organisationId, text: input.text.trim(), shared: !!input.shared })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

export async function listNotes(database: Database, actor: Actor, caseId: string): Promise<CaseNotes> {
  return withPlan(database, actor, subject.case(caseId), 'case.notes.read', { kind: null, who: 'professional', require: 'team' }, async (p) => {
    const consentCoversNotes = p.grants.some((g) => g.ground === 'case_consent' && g.kinds.includes('notes'));
    const rows = await p.tx
      .selectFrom('case_notes as n')
      .innerJoin('people as a', 'a.id', 'n.author_person_id')
      .innerJoin('organisations as o', 'o.id', 'n.organisation_id')
      .where('n.case_id', '=', caseId)
      .where((eb) => eb.or([eb('n.organisation_id', '=', actor.membership!.organisationId), ...(consentCoversNotes ? [eb('n.shared', '=', true)] : [])]))
      .select(['n.id', 'n.text', 'n.shared', 'n.created_at', 'o.name as organisation_name', sql<string>`a.given_name || ' ' || a.family_name`.as('author_name'), 'n.organisation_id'])
      .orderBy('n.created_at', 'desc')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        text: r.text,
        shared: r.shared,
        at: new Date(r.created_at).toISOString(),
        authorName: r.author_name,
        organisationName: r.organisation_name,
        ownOrganisation: r.organisation_id === actor.membership!.organisationId,
      })),
    };
  });
}
