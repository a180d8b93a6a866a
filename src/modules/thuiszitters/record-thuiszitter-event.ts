import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { ThuiszitterCategory, ThuiszitterEndReason } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { rules, subject, withAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, expectUpdated, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { latestOfKind, stateOn, type EventKind } from './thuiszitter-state.ts';
import { loadEntries } from './thuiszitter-queries.ts';
import { lockChild } from './register-thuiszitter.ts';
import { WRITE_GROUNDS } from './thuiszitter-access.ts';
import { effectiveDateErrors, enrolmentBetween, enrolmentOn, offerErrors, responsibleErrors, type OfferInput } from './thuiszitter-validation.ts';

export interface EventInput {
  kind: EventKind;
  /** The day the change took effect; for an end, the first day the child is no longer in the register. */
  effectiveOn: string;
  offer?: OfferInput;
  responsiblePersonId?: string;
  category?: ThuiszitterCategory;
  endReason?: ThuiszitterEndReason;
  note?: string | null;
  /** The entry's version the change was based on. */
  version: number;
}

const KIND_NAME: Record<EventKind, string> = { category: 'de categorie', responsible: 'de verantwoordelijke', offer: 'het aanbod', end: 'het einde' };

/**
 * Appends a change to an open entry: a new offer, another responsible person, another category, or
 * the end with its reason, based on the entry's `version` (claimed first: a change based on an older
 * one throws StaleVersionError before anything is written). Nothing else is changed in place; the
 * state is derived from the events. A
 * change takes effect on a day from the start of the entry up to today, and not before the last
 * change of the same kind; an end not before any change. After the end nothing more is recorded.
 */
export async function recordThuiszitterEvent(database: Database, actor: Actor, thuiszitterId: string, input: EventInput): Promise<void> {
  const day = today();
  const errors: FieldError[] = [];
  const note = input.note?.trim() || null;
  if (input.kind === 'offer') {
    if (!input.offer) errors.push({ name: 'offer', code: 'required', reason: 'Kies het aanbod en of het passend is.' });
    else errors.push(...offerErrors(input.offer));
  }
  if (input.kind === 'category' && !input.category) errors.push({ name: 'category', code: 'required', reason: 'Kies de nieuwe categorie.' });
  if (input.kind === 'end') {
    if (!input.endReason) errors.push({ name: 'endReason', code: 'required', reason: 'Kies waarom de registratie eindigt.' });
    else if (input.endReason === 'other' && !note) errors.push({ name: 'note', code: 'required', reason: 'Licht toe waarom de registratie eindigt.' });
  }
  if (errors.length) throw new ValidationError(errors);

  // The entry, its child and the actor's ground are found by the gateway, in the changing transaction.
  await withAccess(
    database,
    actor,
    subject.thuiszitter(thuiszitterId),
    rules.childData('thuiszitter', WRITE_GROUNDS),
    'thuiszitter.event',
    async ({ tx }) => {
      const row = await tx.selectFrom('thuiszitters').selectAll().where('id', '=', thuiszitterId).executeTakeFirstOrThrow();
      await lockChild(tx, row.child_id);
      expectUpdated(await tx.updateTable('thuiszitters').set({ version: sql`version + 1` }).where('id', '=', thuiszitterId).where('version', '=', input.version).executeTakeFirst());
      const [entry] = await loadEntries(tx, [row]);
      if (entry.events.some((e) => e.kind === 'end')) throw new ConflictError('Deze registratie is beëindigd; er kan niets meer bij. Staat het kind opnieuw thuis, registreer het dan opnieuw.', 'entry_ended');
      const last = input.kind === 'end' ? entry.events.reduce((max, e) => (e.effectiveOn > max ? e.effectiveOn : max), entry.startDate) : (latestOfKind(entry.events, input.kind, '9999-12-31')?.effectiveOn ?? entry.startDate);
      const fieldErrors = effectiveDateErrors(
        'effectiveOn',
        input.effectiveOn,
        last,
        day,
        input.kind === 'end' ? `Het einde kan niet vóór de laatste wijziging liggen (${last}).` : `Deze wijziging kan niet vóór de vorige wijziging van ${KIND_NAME[input.kind]} liggen (${last}).`,
      );
      if (fieldErrors.length) throw new ValidationError(fieldErrors);
      const current = stateOn(entry, input.effectiveOn);
      const by = { thuiszitter_id: thuiszitterId, effective_on: input.effectiveOn, person_id: actor.personId, organisation_id: actor.membership?.organisationId ?? null, note };

      switch (input.kind) {
        case 'offer': {
          const o = input.offer!;
          await tx.insertInto('thuiszitter_events').values({ ...by, kind: 'offer', offer: o.kind, offer_hours: o.hoursPerWeek ?? null, offer_fitting: o.fitting }).execute();
          break;
        }
        case 'responsible': {
          const errs = await responsibleErrors(tx, actor, input.responsiblePersonId);
          if (!errs.length && input.responsiblePersonId === current.responsiblePersonId)
            errs.push({ name: 'responsiblePersonId', code: 'unchanged', reason: 'Deze persoon is al verantwoordelijk. Kies iemand anders.' });
          if (errs.length) throw new ValidationError(errs);
          await tx.insertInto('thuiszitter_events').values({ ...by, kind: 'responsible', responsible_person_id: input.responsiblePersonId! }).execute();
          break;
        }
        case 'category': {
          const category = input.category!;
          if (category === current.category) throw new ValidationError([{ name: 'category', code: 'unchanged', reason: 'Het kind staat al in deze categorie. Kies een andere.' }]);
          let school: string | null = null;
          if (category === 'lrv') {
            const enrolled = await enrolmentOn(tx, row.child_id, input.effectiveOn);
            if (!enrolled) throw new ValidationError([{ name: 'category', code: 'not_enrolled', reason: `Het kind stond op ${input.effectiveOn} nergens ingeschreven; langdurig relatief verzuim gaat over een ingeschreven leerling.` }]);
            school = enrolled.organisation_id;
          } else if (category === 'absoluut') {
            const enrolled = await enrolmentBetween(tx, row.child_id, input.effectiveOn, day);
            if (enrolled)
              throw new ValidationError([{ name: 'category', code: 'enrolled', reason: `Het kind staat ingeschreven op ${enrolled.name}. Absoluut verzuim is voor een kind dat nergens ingeschreven staat.` }]);
          } else {
            school = (await enrolmentOn(tx, row.child_id, input.effectiveOn))?.organisation_id ?? null;
          }
          await tx.insertInto('thuiszitter_events').values({ ...by, kind: 'category', category, school_location_id: school }).execute();
          break;
        }
        case 'end':
          await tx.insertInto('thuiszitter_events').values({ ...by, kind: 'end', end_reason: input.endReason! }).execute();
          break;
      }
    },
    { detail: { kind: 'thuiszitter' } },
  );
}
