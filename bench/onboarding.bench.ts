/**
 * Onboarding benchmark (issue 5): a region loads its pupils and their parents from the schools'
 * own administration.
 *
 *   npm run bench:onboarding                          # on embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:onboarding  # on PostgreSQL (a fresh database, dropped again)
 *
 * BENCH_PUPILS sets the number of pupils (default 60000), BENCH_SCHOOLS the school locations they
 * are spread over (default 60, about 1,000 pupils each, as in a large samenwerkingsverband); every
 * pupil has one or two guardians (about 1.2 on average; siblings share them). Each school imports
 * its own two files, as it would.
 *
 * The figure is printed next to a reference measured in the same run on the same rows: PostgreSQL
 * COPY of exactly the rows the import writes (children, residences, enrolments, guardians and
 * their links) into the same tables, with the same indexes, constraints and foreign keys, for a
 * second region. The import does more: it reads and checks every file, resolves gemeenten from
 * postcodes, looks for transfers, stores a preview, writes the access log for every child.
 * Target: ≥ 0.3× COPY's rows per second (issue "One contract, one door"; 0.2× before).
 */
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../test/support/test-db.ts';
import { copyInto, line, rng, timed } from './support.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { loadConfig } from '../src/config.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import type { Actor } from '../src/kernel/policy/actor.ts';
import { commitPupilImport, previewPupilImport } from '../src/modules/pupils/pupil-import.ts';
import { commitGuardianImport, previewGuardianImport } from '../src/modules/pupils/guardian-import.ts';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 60000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 60);
const TODAY = process.env.SAMENSPEL_TODAY ?? '2026-11-25';
process.env.SAMENSPEL_TODAY = TODAY;


const GIVEN = ['Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Tess', 'Finn', 'Mila', 'Noah', 'Zoë', 'Bram', 'Yara', 'Mohammed', 'Fleur', 'Levi', 'Nora', 'Ahmed', 'Lotte', 'Jesse'];
const FAMILY = ['Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Yılmaz', 'El Amrani', 'Nguyen'];
const ADULT = ['Anne', 'Mark', 'Petra', 'Kees', 'Fatima', 'Youssef', 'Ingrid', 'Erik', 'Samira', 'Rob', 'Marieke', 'Hasan'];

/** A valid BSN (elfproef) from a running number: 8 digits, then the check digit that makes it pass. */
function bsnOf(n: number): string | null {
  const head = String(10_000_000 + n).padStart(8, '0').slice(-8);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(head[i]);
  const check = sum % 11;
  return check > 9 ? null : head + check;
}

const database = await createTestDatabase();
try {
  const t0 = Date.now();
  const seeded = await seedDemo(database, { children: 50, today: TODAY, absence: false });
  const regionId = seeded.regionId;
  const config = { ...loadConfig(), demo: true };
  const { token } = await signIn(database, config, { username: 'ib', password: 'demo', ip: '127.0.0.1' });
  const ib = (await loadSession(database, config, token, '127.0.0.1'))!.actor;
  // School locations of the region (the demo has a few; more are added in its gemeente Zeist).
  const zeist = (await database.db.selectFrom('gemeenten').select('id').where('region_id', '=', regionId).where('cbs_code', '=', 'GM0355').executeTakeFirstOrThrow()).id;
  const existing = await database.db.selectFrom('organisations').select('id').where('region_id', '=', regionId).where('kind', '=', 'school_location').execute();
  for (let n = existing.length; n < SCHOOLS; n++) {
    await database.db
      .insertInto('organisations')
      .values({ region_id: regionId, kind: 'school_location', name: `Benchmarkschool ${n}`, gemeente_id: zeist, brin: `${String(n).padStart(2, '0')}BM`, vestiging: '00', school_type: n % 4 === 0 ? 'vo' : 'po' })
      .execute();
  }
  const schools = (await database.db.selectFrom('organisations').select(['id', 'name', 'school_type']).where('region_id', '=', regionId).where('kind', '=', 'school_location').orderBy('name').execute()).slice(0, SCHOOLS);
  const actorFor = (orgId: string, name: string): Actor => ({ ...ib, membership: { ...ib.membership!, organisationId: orgId, organisationName: name, role: 'care_coordinator' } });
  console.log(`engine ${database.engine}; demo region with ${schools.length} school locations seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; today ${TODAY}\n`);

  // ---- generate: per school a pupils file and a guardians file in the generic format
  const random = rng(5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const pupilFiles = new Map<string, string[]>();
  const guardianFiles = new Map<string, string[]>();
  for (const s of schools) {
    pupilFiles.set(s.id, ['leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;bsn;postcode;groep;inschrijfdatum;niveau']);
    guardianFiles.set(s.id, ['leerlingnummer;voornaam;tussenvoegsel;achternaam;e-mail;telefoon;relatie;gezag']);
  }
  // The rows COPY writes for a second region: the same children, residences, enrolments, guardians, links.
  const region2 = randomUUID();
  const gemeente2 = randomUUID();
  const school2 = new Map<string, string>();
  const copyRows = { children: [] as string[], child_residences: [] as string[], enrolments: [] as string[], guardians: [] as string[], child_guardians: [] as string[] };
  let guardiansTotal = 0;
  let bsnCounter = 1;
  for (let i = 0; i < PUPILS; ) {
    // A family: one to three children at schools of the region, one or two guardians.
    const kids = 1 + Math.floor(random() * random() * 3);
    const family = pick(FAMILY);
    const prefix = family.match(/^(van den|van der|van|de|el)\s/i)?.[1] ?? '';
    const base = prefix ? family.slice(prefix.length + 1) : family;
    const parents = random() < 0.6 ? 2 : 1;
    const postcode = `${random() < 0.5 ? 3700 + Math.floor(random() * 13) : 3720 + Math.floor(random() * 20)} ${String.fromCharCode(65 + Math.floor(random() * 26))}${String.fromCharCode(65 + Math.floor(random() * 26))}`;
    const adult = Math.floor(random() * ADULT.length);
    const guardians = Array.from({ length: parents }, (_, g) => ({
      id: randomUUID(),
      given: ADULT[(adult + g) % ADULT.length],
      email: `ouder${i}-${g}@voorbeeld.nl`,
      phone: `06${String(10_000_000 + Math.floor(random() * 89_999_999)).slice(0, 8)}`,
      relation: g === 0 ? 'moeder' : 'vader',
    }));
    guardiansTotal += parents;
    for (const g of guardians) copyRows.guardians.push(`${g.id},${region2},${g.given},${family},${g.email},${g.phone}`);
    for (let k = 0; k < kids && i < PUPILS; k++, i++) {
      const s = schools[i % schools.length];
      const age = s.school_type === 'vo' ? 12 + Math.floor(random() * 6) : 4 + Math.floor(random() * 8);
      const birth = `${2026 - age}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      let bsn = bsnOf(bsnCounter++);
      while (!bsn) bsn = bsnOf(bsnCounter++);
      const given = pick(GIVEN);
      const number = String(300_000 + i);
      const start = `${2026 - Math.min(age - 4, 6)}-08-${String(17 + Math.floor(random() * 10)).padStart(2, '0')}`;
      const group = s.school_type === 'vo' ? `${1 + (age - 12)}${pick(['A', 'B', 'C'])}` : `groep ${Math.max(1, age - 3)}`;
      pupilFiles.get(s.id)!.push(`${number};${given};${prefix};${base};${birth.slice(8)}-${birth.slice(5, 7)}-${birth.slice(0, 4)};${bsn};${postcode};${group};${start};${group}`);
      for (const g of guardians) guardianFiles.get(s.id)!.push(`${number};${g.given};${prefix};${base};${g.email};${g.phone};${g.relation};ja`);
      const child = randomUUID();
      if (!school2.has(s.id)) school2.set(s.id, randomUUID());
      copyRows.children.push(`${child},${region2},${given},${family},${birth},${bsn}`);
      copyRows.child_residences.push(`${child},${gemeente2},${birth}`);
      copyRows.enrolments.push(`${child},${school2.get(s.id)},${number},${start},${group}`);
      for (const g of guardians) copyRows.child_guardians.push(`${child},${g.id},parent,true`);
    }
  }
  const rowsWritten = Object.values(copyRows).reduce((n, r) => n + r.length, 0);
  console.log(`${PUPILS.toLocaleString('en')} pupils, ${guardiansTotal.toLocaleString('en')} guardians: ${rowsWritten.toLocaleString('en')} rows in ${schools.length * 2} files\n`);

  // ---- reference: COPY of the same rows for a second region
  await database.db.insertInto('regions').values({ id: region2, name: 'Benchmarkregio', slug: 'benchmark' }).execute();
  await database.db.insertInto('gemeenten').values({ id: gemeente2, region_id: region2, cbs_code: 'GM0344', name: 'Utrecht', holiday_region: 'midden' }).execute();
  for (const [s, id] of school2) {
    const n = [...school2.keys()].indexOf(s);
    await database.db
      .insertInto('organisations')
      .values({ id, region_id: region2, kind: 'school_location', name: `School ${n}`, gemeente_id: gemeente2, brin: `${String(n).padStart(2, '0')}ZZ`, vestiging: '00', school_type: 'po' })
      .execute();
  }
  const copy = await timed(async () => {
    await copyInto(database, 'children', ['id', 'region_id', 'given_name', 'family_name', 'birth_date', 'bsn'], copyRows.children);
    await copyInto(database, 'child_residences', ['child_id', 'gemeente_id', 'valid_from'], copyRows.child_residences);
    await copyInto(database, 'enrolments', ['child_id', 'organisation_id', 'pupil_number', 'start_date', 'school_level'], copyRows.enrolments);
    await copyInto(database, 'guardians', ['id', 'region_id', 'given_name', 'family_name', 'email', 'phone'], copyRows.guardians);
    await copyInto(database, 'child_guardians', ['child_id', 'guardian_id', 'relation', 'has_authority'], copyRows.child_guardians);
  });

  // ---- the import: per school, pupils then guardians, each checked (preview) and committed
  const imported = await timed(async () => {
    let children = 0;
    for (const s of schools) {
      const actor = actorFor(s.id, s.name);
      const pupils = await previewPupilImport(database, actor, { schoolLocationId: s.id, fileName: 'leerlingen.csv', content: Buffer.from(pupilFiles.get(s.id)!.join('\n') + '\n'), fullExport: true });
      if (pupils.errors.length) throw new Error(`pupils of ${s.name}: ${pupils.errors.length} errors, first ${JSON.stringify(pupils.errors[0])}`);
      await commitPupilImport(database, actor, pupils.id);
      const parents = await previewGuardianImport(database, actor, { schoolLocationId: s.id, fileName: 'ouders.csv', content: Buffer.from(guardianFiles.get(s.id)!.join('\n') + '\n') });
      if (parents.errors.length) throw new Error(`guardians of ${s.name}: ${parents.errors.length} errors, first ${JSON.stringify(parents.errors[0])}`);
      await commitGuardianImport(database, actor, parents.id);
      children += pupilFiles.get(s.id)!.length - 1;
    }
    return children;
  });
  const copyRate = rowsWritten / (copy.ms / 1000);
  const importRate = rowsWritten / (imported.ms / 1000);
  console.log('import of pupils with their guardians');
  line('PostgreSQL COPY of the same rows (reference)', copy.ms, `   ${Math.round(copyRate).toLocaleString('en').padStart(10)} rows/s`);
  line(`import: read, check, preview, commit (${imported.value.toLocaleString('en')} pupils)`, imported.ms, `   ${Math.round(importRate).toLocaleString('en').padStart(10)} rows/s   ratio ${(importRate / copyRate).toFixed(2)}× COPY (target ≥ 0.30×)`);

  // ---- a newer export of the same files: nothing changes, and it must be quick to say so
  const again = await timed(async () => {
    for (const s of schools) {
      const actor = actorFor(s.id, s.name);
      const pupils = await previewPupilImport(database, actor, { schoolLocationId: s.id, fileName: 'leerlingen.csv', content: Buffer.from(pupilFiles.get(s.id)!.join('\n') + '\n'), fullExport: true });
      await commitPupilImport(database, actor, pupils.id);
    }
  });
  line('the same pupil files again (idempotent: nothing changes)', again.ms);
} finally {
  await database.close();
}
