import type { FactSource } from '../../kernel/disclosure/facts.ts';
import { signalFacts } from '../signals/index.ts';
import { signalCaseFacts, planEvaluationFacts } from '../cases/index.ts';
import { goalFacts, oppFacts } from '../plans/index.ts';
import { requestFacts, outflowFacts } from '../requests/index.ts';
import { absenceReportFacts } from '../absence/index.ts';
import { absenceBandFacts } from '../early-warning/index.ts';
import { thuiszitterFacts } from '../thuiszitters/index.ts';
import { satisfactionFacts } from '../surveys/index.ts';

/**
 * Every indicator's sources, each owned by the module that owns the data (kernel/disclosure/facts.ts).
 * An indicator may have more than one (signals: the signals module's and the cases module's "led to
 * a case"); the refresh replaces an indicator's months with the facts of all its sources together.
 */
export const FACT_SOURCES: readonly FactSource[] = [
  thuiszitterFacts,
  absenceBandFacts,
  absenceReportFacts,
  signalFacts,
  signalCaseFacts,
  requestFacts,
  goalFacts,
  planEvaluationFacts,
  oppFacts,
  outflowFacts,
  satisfactionFacts,
];
