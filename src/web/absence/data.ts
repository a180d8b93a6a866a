import type { QueryClient } from '@tanstack/react-query';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type {
  AbsenceImportCommitted as AbsenceImportCommittedSchema,
  AbsenceImportPreview as AbsenceImportPreviewSchema,
  AbsenceRecorded as AbsenceRecordedSchema,
  AbsenceReport as AbsenceReportSchema,
  AbsenceReportDetail as AbsenceReportDetailSchema,
  FollowupState as FollowupStateSchema,
  ReportHistoryItem as ReportHistoryItemSchema,
  SchoolReportPage as SchoolReportPageSchema,
  WorkspacePage as WorkspacePageSchema,
} from '../../contracts/absence.ts';

/** The absence API's answers, as the contract (src/contracts/absence.ts) declares them. */
export type AbsenceReport = Contract<typeof AbsenceReportSchema>;
export type ReportHistoryItem = Contract<typeof ReportHistoryItemSchema>;
export type FollowupState = Contract<typeof FollowupStateSchema>;
export type AbsenceReportDetail = Contract<typeof AbsenceReportDetailSchema>;
export type SchoolReportPage = Contract<typeof SchoolReportPageSchema>;
export type WorkspacePage = Contract<typeof WorkspacePageSchema>;
export type AbsenceRecorded = Contract<typeof AbsenceRecordedSchema>;
export type AbsenceImportPreview = Contract<typeof AbsenceImportPreviewSchema>;
export type AbsenceImportCommitted = Contract<typeof AbsenceImportCommittedSchema>;

/** A report changed: load its page again, and the lists that show it (the school's and the attendance officer's). */
export function absenceReportChanged(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: qk.absenceReport(id) });
  void queryClient.invalidateQueries({ queryKey: qk.absenceReports.all });
  void queryClient.invalidateQueries({ queryKey: qk.absenceWorkspace.all });
}
