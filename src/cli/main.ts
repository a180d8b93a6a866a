import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { loadConfig, serveConfigProblem, type Config } from '../config.ts';
import type { Database } from '../kernel/db/database.ts';
import { openAppDatabase } from '../kernel/db/data-dir.ts';
import { migrate } from '../kernel/db/migrate.ts';
import { analyzeChangedTables } from '../kernel/db/statistics.ts';
import { verifyAccessLog } from '../kernel/audit/access-log.ts';
import { startSequencer } from '../kernel/audit/sequencer.ts';
import { loadKeys, type AppKeys } from '../kernel/keys.ts';
import { buildApp, WEB_DIST } from '../app.ts';
import { seedDemo } from '../modules/demo/index.ts';
import { createAccount } from './create-user.ts';
import { checkRegionInput, createRegion } from './create-region.ts';
import { pruneSignInData } from '../modules/session/index.ts';
import { publicBaseUrl, requirePublicUrl, startMailWorker } from '../modules/staff/index.ts';
import { runReminders } from './reminders.ts';
import { exportRegionFacts, importRegionFacts, refreshAllRegions } from '../modules/monitor/index.ts';

const HELP = `samenspel — command-line tool of Samenspel

Usage: npx samenspel <command> [options]

Commands:
  serve                 Start the web app and API (migrates first; seeds the demo region on an
                        empty database unless SAMENSPEL_DEMO=0).
      --build-web-if-missing   Build the web app first when dist/web is missing (used by npm start).
  migrate               Apply pending database migrations and exit.
  seed-demo             Seed the synthetic demo region into an empty database.
      --children N      Number of children (default 2200).
  create-region         Create a region and its region office (a fresh installation without the demo).
      --name "Regio X" --slug regio-x [--office-name NAME]   (office default: "Regiobureau <name>")
                        Then: create-user --organisation "<office name>" --role functional_admin …
                        and set the region up in the app under Beheer → Inrichting regio.
  create-user           Create a sign-in account for a professional.
      --username U --password P --given-name G --family-name F
      --organisation ID|BRINVESTIGING|NAME --role ROLE   (repeat --organisation/--role pairs is not supported; add roles in the app)
  remind                Send what the clock brings once: reminders of request steps past their term and
                        of evaluations due, and (from 07:00) the daily digests. The server does this
                        every quarter of an hour itself; use this from cron when it does not run.
  monitor-refresh       Bring the regional monitor's figures up to date (the server does this every quarter
                        of an hour and at start); --full recomputes every month of the window.
  monitor-facts export  Write this installation's monitor facts (one CSV per region, to stdout or --out DIR)
                        for a national database: codes only (region slug, CBS code, school type).
  monitor-facts import FILE…   Load regions' exports into this (national) database; a region's
                        rows are replaced. See docs/operations.md, "Landelijke optelling".
  audit verify          Check the access log's keyed chain and the anchors written outside the database;
                        exits 1 at the first broken link.
  help                  Show this help.

Environment:
  PORT (8080), HOST (127.0.0.1; 0.0.0.0 = all addresses), DATA_DIR (./data; one process at a time,
  only for this user), DATABASE_URL (use PostgreSQL instead of the embedded PGlite),
  SAMENSPEL_DEMO (1; 0 = no demo seed, second factor required), SAMENSPEL_DEMO_PUBLIC (0; 1 = allow
  demo mode on a non-loopback HOST), LOG_LEVEL (info), TRUST_PROXY (none; the reverse proxies'
  addresses/CIDRs, e.g. 10.0.0.5,10.0.1.0/24), SESSION_IDLE_MINUTES (30), SESSION_ABSOLUTE_MINUTES (720),
  PUBLIC_URL (address in e-mail links), SMTP_URL (smtp://host:25; none: mail stays in the outbox),
  MAIL_FROM (sender of e-mails), SAMENSPEL_KEY / SAMENSPEL_KEY_FILE (the installation key; default
  DATA_DIR/samenspel.key, generated), AUDIT_ANCHOR_FILE (DATA_DIR/audit-anchors.log), AUDIT_ANCHOR_URL
  (a write-once target), AUDIT_ANCHOR_INTERVAL_SECONDS (60).
`;

async function open(config: Config): Promise<Database> {
  const database = await openAppDatabase(config);
  await migrate(database);
  return database;
}

/** The installation key, outside the database (kernel/keys.ts). */
function keysOf(config: Config): AppKeys {
  return loadKeys({ key: process.env.SAMENSPEL_KEY, keyFile: process.env.SAMENSPEL_KEY_FILE, dataDir: config.dataDir });
}

async function isEmpty(database: Database) {
  const row = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

async function main(argv: string[]) {
  const [command, sub] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: argv.slice(1), options: { 'build-web-if-missing': { type: 'boolean' } } });
      const problem = serveConfigProblem(config);
      if (problem) {
        console.error(problem);
        process.exit(1);
      }
      // Links in e-mails come from PUBLIC_URL only (required outside demo mode), never from a request.
      requirePublicUrl(config);
      if (values['build-web-if-missing'] && !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
        console.log('Building the web app (first start)…');
        execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
      }
      const started = Date.now();
      const keys = keysOf(config);
      const database = await open(config);
      if (config.demo && (await isEmpty(database))) {
        console.log('Empty database: seeding the demo region…');
        const r = await seedDemo(database, { history: true });
        console.log(`Demo region seeded: ${r.counts.children} children, ${r.counts.schools} school locations.`);
      }
      const app = await buildApp(database, config, { keys });
      const sequencer = startSequencer(database.db, keys, {
        anchorFile: config.auditAnchorFile,
        anchorUrl: config.auditAnchorUrl,
        anchorIntervalMs: config.auditAnchorIntervalSeconds * 1000,
        log: app.log,
      });
      await sequencer.anchorNow();
      // PGlite has no autovacuum: after the monitor's refresh, the planner's statistics of the
      // tables that changed enough since their last ANALYZE (PostgreSQL's autovacuum does this).
      const analyzeChanged = () => (database.engine === 'pglite' ? analyzeChangedTables(database.db).catch((err) => app.log.error({ err }, 'analyze failed')) : undefined);
      const housekeeping = setInterval(() => {
        pruneSignInData(database.db, config).catch((err) => app.log.error({ err }, 'housekeeping failed'));
        runReminders(database, { linkBase: publicBaseUrl(config) }).catch((err) => app.log.error({ err }, 'reminders failed'));
        refreshAllRegions(database)
          .catch((err) => app.log.error({ err }, 'monitor refresh failed'))
          .then(analyzeChanged);
      }, 15 * 60_000);
      // The monitor's figures at start (a first start builds them), in the background.
      refreshAllRegions(database)
        .catch((err) => app.log.error({ err }, 'monitor refresh failed'))
        .then(analyzeChanged);
      housekeeping.unref();
      const stopMail = startMailWorker(database.db, config, keys, app.log);
      const close = async () => {
        clearInterval(housekeeping);
        stopMail();
        await app.close();
        await sequencer.stop();
        await database.close();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
      console.log(`Samenspel ready on http://${shownHost}:${port} (${database.engine}${config.demo ? ', demo' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    case 'migrate': {
      const database = await openAppDatabase(config);
      const applied = await migrate(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await database.close();
      return;
    }
    case 'remind': {
      const database = await open(config);
      const r = await runReminders(database, { linkBase: publicBaseUrl(config) });
      console.log(`Reminded: ${r.overdueRequests} request(s) past their term, ${r.evaluations} evaluation(s) due; ${r.digests} digest e-mail(s) queued.`);
      await database.close();
      return;
    }
    case 'monitor-refresh': {
      const { values } = parseArgs({ args: argv.slice(1), options: { full: { type: 'boolean' } } });
      const database = await open(config);
      for (const r of await refreshAllRegions(database, { full: !!values.full })) {
        console.log(`Monitor ${r.full ? 'rebuilt' : 'refreshed'}: ${r.months.length} month(s), ${r.facts} fact row(s) in ${(r.durationMs / 1000).toFixed(1)} s.`);
      }
      await database.close();
      return;
    }
    case 'monitor-facts': {
      const { values, positionals } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' } }, allowPositionals: true });
      const database = await open(config);
      if (positionals[0] === 'export') {
        const regions = await database.db.selectFrom('regions').select(['id', 'slug']).orderBy('slug').execute();
        for (const r of regions) {
          const text = await exportRegionFacts(database.db, r.id);
          if (values.out) fs.writeFileSync(path.join(values.out, `monitor-${r.slug}.csv`), text);
          else process.stdout.write(text);
        }
      } else if (positionals[0] === 'import' && positionals.length > 1) {
        for (const file of positionals.slice(1)) {
          const r = await importRegionFacts(database, fs.readFileSync(file, 'utf8'));
          console.log(`${file}: ${r.facts} fact row(s) of region ${r.region ?? '(empty)'} loaded.`);
        }
      } else {
        console.error('Usage: samenspel monitor-facts export [--out DIR] | import FILE…');
        await database.close();
        process.exit(1);
      }
      await database.close();
      return;
    }
    case 'seed-demo': {
      const { values } = parseArgs({ args: argv.slice(1), options: { children: { type: 'string' } } });
      const database = await open(config);
      if (!(await isEmpty(database))) {
        console.error('The database already holds a region; the demo is only seeded into an empty database.');
        await database.close();
        process.exit(1);
      }
      const r = await seedDemo(database, { children: values.children ? Number(values.children) : undefined, history: true });
      console.log(`Demo region seeded: ${JSON.stringify(r.counts)}`);
      await database.close();
      return;
    }
    case 'create-region': {
      const { values } = parseArgs({ args: argv.slice(1), options: { name: { type: 'string' }, slug: { type: 'string' }, 'office-name': { type: 'string' } } });
      const input = { name: values.name, slug: values.slug, officeName: values['office-name'] };
      checkRegionInput(input);
      const database = await open(config);
      try {
        const r = await createRegion(database, input);
        console.log(`Region "${r.name}" (${r.slug}) created with its region office "${r.officeName}".`);
        console.log(`Next: npx samenspel create-user --organisation "${r.officeName}" --role functional_admin --username … --password … --given-name … --family-name …`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          'given-name': { type: 'string' },
          'family-name': { type: 'string' },
          organisation: { type: 'string' },
          role: { type: 'string' },
        },
      });
      const database = await open(config);
      try {
        const r = await createAccount(database, {
          username: values.username,
          password: values.password,
          givenName: values['given-name'],
          familyName: values['family-name'],
          organisation: values.organisation,
          role: values.role,
        });
        console.log(`Account "${r.username}" created for ${r.organisationName} as ${r.role}.`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const keys = keysOf(config);
      const database = await open(config);
      const report = await verifyAccessLog(database.db, keys, { anchorFile: config.auditAnchorFile }).finally(() => database.close());
      const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
      const anchors = report.anchors
        ? `; ${n(report.anchors.checked, 'anchor', 'anchors')} outside the database ${report.anchors.checked === 1 ? 'matches' : 'match'} (${config.auditAnchorFile})`
        : '; no anchor file';
      if (report.ok) {
        const unkeyed = report.unkeyed ? ` (the first ${report.unkeyed} from before keyed chaining)` : '';
        console.log(`Access log intact: ${n(report.checked, 'entry', 'entries')} checked${unkeyed}, key ${keys.id}${anchors}.`);
        return;
      }
      console.error(`Access log BROKEN at link ${report.firstBroken!.seq} (${report.firstBroken!.code}): ${report.firstBroken!.reason} (${n(report.checked, 'entry', 'entries')} before it intact).`);
      process.exit(1);
      break;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return;
  }
  console.error(`Unknown command: ${argv.join(' ')}\n`);
  console.error(HELP);
  process.exit(2);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
