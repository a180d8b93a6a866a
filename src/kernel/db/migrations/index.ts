import { foundation } from './0001_foundation.ts';
import { signals } from './0002_signals.ts';
import { cases } from './0003_cases.ts';
import { plans } from './0004_plans.ts';
import { caseFamily } from './0005_case_family.ts';
import { absence } from './0006_absence.ts';
import { absenceReports } from './0007_absence_reports.ts';
import { schoolCalendar } from './0008_school_calendar.ts';
import { earlyWarning } from './0009_early_warning.ts';
import { thuiszitters } from './0010_thuiszitters.ts';
import { onboarding } from './0011_onboarding.ts';
import { closeTheHoles } from './0012_close_the_holes.ts';
import { signIn } from './0013_sign_in.ts';
import { versions } from './0014_versions.ts';
import { guardianEmailIndex } from './0015_guardian_email_index.ts';
import { importRowStorage } from './0016_import_row_storage.ts';
import { absenceLaw } from './0017_absence_law.ts';
import { urgentSignalsGas } from './0018_urgent_signals_gas.ts';
import { findingChildren } from './0019_finding_children.ts';
import { requests } from './0020_requests.ts';
import { requestNotifications } from './0021_request_notifications.ts';

/** Ordered migrations. Append only: never edit one that has been released. */
export const migrations: { name: string; sql: string }[] = [
  { name: '0001_foundation', sql: foundation },
  { name: '0002_signals', sql: signals },
  { name: '0003_cases', sql: cases },
  { name: '0004_plans', sql: plans },
  { name: '0005_case_family', sql: caseFamily },
  { name: '0006_absence', sql: absence },
  { name: '0007_absence_reports', sql: absenceReports },
  { name: '0008_school_calendar', sql: schoolCalendar },
  { name: '0009_early_warning', sql: earlyWarning },
  { name: '0010_thuiszitters', sql: thuiszitters },
  { name: '0011_onboarding', sql: onboarding },
  { name: '0012_close_the_holes', sql: closeTheHoles },
  { name: '0013_sign_in', sql: signIn },
  { name: '0014_versions', sql: versions },
  { name: '0015_guardian_email_index', sql: guardianEmailIndex },
  { name: '0016_import_row_storage', sql: importRowStorage },
  { name: '0017_absence_law', sql: absenceLaw },
  { name: '0018_urgent_signals_gas', sql: urgentSignalsGas },
  { name: '0019_finding_children', sql: findingChildren },
  { name: '0020_requests', sql: requests },
  { name: '0021_request_notifications', sql: requestNotifications },
];
