import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { withChildAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { ForbiddenError, ValidationError } from '../../kernel/errors.ts';
import { ageOn, isIsoDate, today } from '../../kernel/time.ts';
import { evaluateAbsenceReports } from './report-evaluation.ts';
import { setStartkwalificatie } from '../children/index.ts';

/**
 * The day a pupil obtained a startkwalificatie (havo, vwo, mbo 2 or higher), or null to clear a
 * mistake. It ends kwalificatieplicht once leerplicht is over, so absence after it needs no report:
 * the pupil's reports are evaluated again at once (open reports it no longer supports are
 * withdrawn; reports already made stay). Recorded by the care coordinator of the pupil's school,
 * based on the version of the child the screen showed (the children module writes it).
 */
export async function recordStartkwalificatie(database: Database, actor: Actor, childId: string, obtainedOn: string | null, expectedVersion: number) {
  if (!isCareCoordinator(actor)) throw new ForbiddenError('Een startkwalificatie legt de intern begeleider of zorgcoördinator van de school vast.');
  if (obtainedOn !== null) {
    if (!isIsoDate(obtainedOn)) throw new ValidationError([{ name: 'obtainedOn', code: 'invalid_date', reason: 'Geef de datum van het diploma als JJJJ-MM-DD.' }]);
    if (obtainedOn > today()) throw new ValidationError([{ name: 'obtainedOn', code: 'in_future', reason: 'De datum van het diploma kan niet in de toekomst liggen.' }]);
  }
  return withChildAccess(
    database,
    actor,
    childId,
    'school',
    'child.startkwalificatie',
    async ({ tx }) => {
      const child = await tx.selectFrom('children').select(['birth_date']).where('id', '=', childId).executeTakeFirstOrThrow();
      if (obtainedOn !== null && ageOn(child.birth_date, obtainedOn) < 14) {
        throw new ValidationError([{ name: 'obtainedOn', code: 'too_young', reason: 'Op die datum was de leerling jonger dan 14: controleer de datum van het diploma.' }]);
      }
      const version = await setStartkwalificatie(tx, childId, obtainedOn, expectedVersion);
      const evaluation = await evaluateAbsenceReports(tx, { regionId: actor.regionId, childIds: [childId] });
      return { childId, obtainedOn, withdrawnReports: evaluation.withdrawn, version };
    },
    { obtainedOn },
    ['school_care'],
  );
}
