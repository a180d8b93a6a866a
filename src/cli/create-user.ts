import type { Database } from '../kernel/db/database.ts';
import { isRole, ROLE_ORGANISATION_KINDS, ROLES } from '../kernel/policy/roles.ts';
import { hashPassword } from '../modules/session/index.ts';
import { recordEvent } from '../kernel/policy/gateway.ts';
import { grantRoles, USERNAME_PATTERN } from '../modules/registry/index.ts';

export interface CreateAccountInput {
  username?: string;
  password?: string;
  givenName?: string;
  familyName?: string;
  organisation?: string;
  role?: string;
}

/** Creates a professional's account from the command line (e.g. the first functional administrator). */
export async function createAccount(database: Database, input: CreateAccountInput) {
  const missing = (['username', 'password', 'givenName', 'familyName', 'organisation', 'role'] as const).filter((k) => !input[k]);
  if (missing.length) throw new Error(`Missing: ${missing.map((k) => '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join(', ')}`);
  const username = input.username!.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw new Error('--username: use 2–63 lower-case letters, digits, ".", "-" or "_", or an e-mail address.');
  if (input.password!.length < 12) throw new Error('--password: at least 12 characters.');
  if (!isRole(input.role!)) throw new Error(`--role: one of ${ROLES.join(', ')}.`);
  const role = input.role;
  const key = input.organisation!.trim();
  const orgs = await database.db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(/^[0-9a-f-]{36}$/i.test(key) ? [eb('id', '=', key)] : []),
        eb('name', '=', key),
        ...(/^[0-9]{2}[A-Za-z]{2}[0-9]{2}$/.test(key) ? [eb.and([eb('brin', '=', key.slice(0, 4).toUpperCase()), eb('vestiging', '=', key.slice(4))])] : []),
      ]),
    )
    .execute();
  if (orgs.length !== 1) throw new Error(orgs.length ? `--organisation "${key}" matches ${orgs.length} organisations; use the id.` : `--organisation "${key}" not found (give its id, BRIN+vestiging or exact name).`);
  const org = orgs[0];
  if (!ROLE_ORGANISATION_KINDS[role].includes(org.kind)) throw new Error(`--role ${role} does not fit an organisation of kind ${org.kind}.`);
  const passwordHash = await hashPassword(input.password!);
  await database.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new Error(`--username "${username}" is already taken.`);
    const person = await tx
      .insertInto('people')
      .values({ region_id: org.region_id, given_name: input.givenName!, family_name: input.familyName! })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Whoever runs the command line is the installation: a role that sees children's data is in the
    // ledger the privacy officer reads (requested by nobody in the app), and takes effect at once.
    await grantRoles(tx, null, org.region_id, [{ personId: person.id, organisationId: org.id, role }]);
    const account = await tx
      .insertInto('accounts')
      .values({ region_id: org.region_id, username, password_hash: passwordHash, kind: 'professional', person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, null, { event: 'registry.person.create', regionId: org.region_id, detail: { via: 'cli', personId: person.id, accountId: account.id, username, role } });
  });
  return { username, organisationName: org.name, role };
}
