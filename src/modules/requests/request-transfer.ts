import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { today } from '../../kernel/time.ts';
import { OPEN_REQUEST_STATUSES } from '../../contracts/values/requests.ts';

/**
 * A case went to the child's new school (cases module, transferCase, in its transaction — the
 * gateway checked the case there): its open requests go with it. What the old school sent from this
 * case is now the new school's, held on the sender's side by the new case manager; a question to the
 * old school (the school that kept the case) now waits for the new school, in its inbox. Each moved
 * request gets a new version and a line in its history (`case_transferred`); ended requests stay as
 * they were. Returns how many requests moved.
 */
export async function moveRequestsOfCase(tx: Tx, actor: Actor, m: { caseId: string; fromOrganisationId: string; toOrganisationId: string; toPersonId: string }): Promise<number> {
  const day = today();
  const open = await tx
    .selectFrom('requests')
    .select(['id', 'kind', 'status', 'from_organisation_id', 'from_person_id', 'to_organisation_id'])
    .where('case_id', '=', m.caseId)
    .where('status', 'in', OPEN_REQUEST_STATUSES)
    .where((eb) =>
      eb.or([
        eb.and([eb('from_organisation_id', '=', m.fromOrganisationId), eb('to_organisation_id', '!=', m.toOrganisationId)]),
        eb.and([eb('kind', '=', 'question_to_school'), eb('to_organisation_id', '=', m.fromOrganisationId), eb('from_organisation_id', '!=', m.toOrganisationId)]),
      ]),
    )
    .orderBy('sent_on')
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const r of open) {
    const sent = r.from_organisation_id === m.fromOrganisationId;
    if (sent) {
      await tx.updateTable('requests').set({ from_organisation_id: m.toOrganisationId, from_person_id: m.toPersonId, version: sql`version + 1` }).where('id', '=', r.id).execute();
    } else {
      await tx.updateTable('requests').set({ to_organisation_id: m.toOrganisationId, holder_person_id: null, version: sql`version + 1` }).where('id', '=', r.id).execute();
    }
    await tx
      .insertInto('request_events')
      .values({
        request_id: r.id,
        on_date: day,
        person_id: actor.personId!,
        organisation_id: actor.membership!.organisationId,
        action: 'case_transferred',
        from_status: r.status,
        to_status: r.status,
        text: null,
        detail: JSON.stringify({ side: sent ? 'sender' : 'receiver', fromOrganisationId: m.fromOrganisationId, toOrganisationId: m.toOrganisationId, ...(sent ? { fromPersonId: r.from_person_id, toPersonId: m.toPersonId } : {}) }),
      })
      .execute();
  }
  return open.length;
}
