import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../shared/Fields.tsx';
import { SubmitRow } from '../shared/Section.tsx';
import { useDraft } from '../shared/list-params.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';
import type { Breakdown } from '../../contracts/values/monitor.ts';
import { labelOf, periodOption, WHOLE_REGION, type MonitorOptions, type Selection } from './data.ts';

export interface FilterValues extends Selection {
  by?: Breakdown;
  kind?: string | null;
}

/**
 * The monitor's choices: the period (school years, quarters, months the server offers), and —
 * only where the reader's scope allows — the gemeente, the school and the school type; on an
 * indicator's page also the breakdown and (requests) the kind. Applied with "Tonen", into the
 * address; the fields stack on a phone.
 */
export function MonitorFilters({
  options,
  value,
  onApply,
  breakdowns,
  kinds,
  indicator,
  noSchool,
}: {
  options: MonitorOptions;
  value: FilterValues;
  onApply: (next: FilterValues) => void;
  /** The breakdowns to choose from (indicator page). */
  breakdowns?: readonly Breakdown[];
  /** The kinds to filter on (requests). */
  kinds?: readonly string[];
  indicator?: Parameters<typeof labelOf>[0];
  /** The indicator has no school or school type (requests go to organisations). */
  noSchool?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [draft, setDraft] = useDraft(value);
  const set = (patch: Partial<FilterValues>) => setDraft({ ...draft, ...patch });
  const { schoolYears, quarters, months } = options.periods;
  const offered = [...schoolYears, ...quarters, ...months].includes(draft.period);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="samenspel-form samenspel-monitor-filters" onSubmit={onSubmit} aria-label={t('monitor.filters.label')}>
      <div className="samenspel-filter-grid">
        <SelectField id="monitor-period" label={t('monitor.filters.period')} value={draft.period} onChange={(e) => set({ period: e.target.value })}>
          {!offered && <option value={draft.period}>{periodOption(draft.period, t, lng)}</option>}
          <optgroup label={t('monitor.filters.schoolYears')}>
            {schoolYears.map((p) => (
              <option key={p} value={p}>
                {periodOption(p, t, lng)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('monitor.filters.quarters')}>
            {quarters.map((p) => (
              <option key={p} value={p}>
                {periodOption(p, t, lng)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('monitor.filters.months')}>
            {months.map((p) => (
              <option key={p} value={p}>
                {periodOption(p, t, lng)}
              </option>
            ))}
          </optgroup>
        </SelectField>
        {options.gemeenten.length > 0 && (
          <SelectField
            id="monitor-gemeente"
            label={t('monitor.filters.gemeente')}
            value={draft.gemeente ?? WHOLE_REGION}
            onChange={(e) => set({ gemeente: e.target.value === WHOLE_REGION ? null : e.target.value })}
          >
            <option value={WHOLE_REGION}>{t('monitor.filters.wholeRegion')}</option>
            {options.gemeenten.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
        {options.organisations.length > 0 && !noSchool && (
          <SelectField
            id="monitor-school"
            label={t('monitor.filters.school')}
            value={draft.organisation ?? WHOLE_REGION}
            onChange={(e) => set({ organisation: e.target.value === WHOLE_REGION ? null : e.target.value })}
          >
            <option value={WHOLE_REGION}>{t('monitor.filters.allSchools')}</option>
            {options.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        {options.schoolTypeFilter && !noSchool && (
          <SelectField id="monitor-school-type" label={t('monitor.filters.schoolType')} value={draft.schoolType ?? ''} onChange={(e) => set({ schoolType: e.target.value || null })}>
            <option value="">{t('monitor.filters.allSchoolTypes')}</option>
            {SCHOOL_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`schoolTypes.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {breakdowns && breakdowns.length > 1 && (
          <SelectField id="monitor-by" label={t('monitor.filters.by')} value={draft.by ?? 'none'} onChange={(e) => set({ by: e.target.value as Breakdown })}>
            {breakdowns.map((b) => (
              <option key={b} value={b}>
                {t(`monitor.by.${b}`)}
              </option>
            ))}
          </SelectField>
        )}
        {kinds && kinds.length > 0 && indicator && (
          <SelectField id="monitor-kind" label={t('monitor.filters.kind')} value={draft.kind ?? ''} onChange={(e) => set({ kind: e.target.value || null })}>
            <option value="">{t('monitor.filters.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {labelOf(indicator, k, lng)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <SubmitRow appearance="secondary-action-button">{t('monitor.filters.show')}</SubmitRow>
    </form>
  );
}
