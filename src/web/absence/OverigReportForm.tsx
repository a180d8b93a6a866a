import { useEffect, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { TextAreaField, TextField } from '../shared/Fields.tsx';
import { Section } from '../shared/Section.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { focusFirstInvalid } from '../shared/focus.ts';
import { PupilPicker, type PickedPupil } from './ReportFacts.tsx';
import { absenceReportChanged, type AbsenceReport } from './data.ts';

const FIELDS = ['childId', 'startDate', 'endDate', 'explanation'] as const;

/** What the report page says once after the report was made here (router state). */
export interface ReportCreatedState {
  created: true;
}

/**
 * "Overig verzuim" (signaalverzuim): absence below the legal threshold that worries the school,
 * reported by its own judgement — pupil, period and why. The server checks the period, the
 * enrolment and the explanation; its errors show at the fields. On success the new report opens.
 */
export function OverigReportForm({ schoolId, headingRef, onCancel }: { schoolId: string; headingRef: RefObject<HTMLHeadingElement | null>; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pupil, setPupil] = useState<PickedPupil | null>(null);
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [explanation, setExplanation] = useState('');
  const [missingPupil, setMissingPupil] = useState(0);

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { childId: string; schoolLocationId: string; startDate: string; endDate: string; explanation: string }) => api.post<AbsenceReport>('/absence-reports', body),
    fields: FIELDS,
    onSuccess: (report) => {
      absenceReportChanged(queryClient, report.id);
      const state: ReportCreatedState = { created: true };
      void navigate(`/verzuim/meldingen/${report.id}`, { state });
    },
  });
  useEffect(() => {
    if (missingPupil) focusFirstInvalid(formRef.current);
  }, [missingPupil, formRef]);

  const pupilError = missingPupil && !pupil ? t('absenceReports.form.pickPupil') : byField.childId;

  function onSubmit() {
    if (mutation.isPending) return;
    if (!pupil) {
      mutation.reset();
      setMissingPupil((n) => n + 1);
      return;
    }
    setMissingPupil(0);
    mutation.mutate({ childId: pupil.id, schoolLocationId: schoolId, startDate, endDate, explanation });
  }

  return (
    <Section id="overig-heading" panel headingRef={headingRef} heading={t('absenceReports.overig.heading')}>
      <p className="utrecht-paragraph">{t('absenceReports.overig.intro')}</p>
      {missingPupil > 0 && !pupil && <ErrorAlert message={t('absenceReports.form.fix')} fieldCount={1} />}
      <ApiFormView
        form={{ mutation, byField, other, formRef }}
        onSubmit={onSubmit}
        submit={t('absenceReports.overig.submit')}
        actions={
          <Button appearance="subtle-button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        }
      >
        <PupilPicker id="overig-pupil" schoolId={schoolId} value={pupil} onChange={setPupil} error={pupilError} />
        <div className="samenspel-filter-grid">
          <TextField id="overig-start" type="date" label={t('absenceReports.overig.startDate')} required value={startDate} error={byField.startDate} onChange={(e) => setStartDate(e.target.value)} />
          <TextField id="overig-end" type="date" label={t('absenceReports.overig.endDate')} required value={endDate} error={byField.endDate} onChange={(e) => setEndDate(e.target.value)} />
        </div>
        <TextAreaField
          id="overig-explanation"
          label={t('absenceReports.overig.explanation')}
          description={t('absenceReports.overig.explanationHint')}
          required
          rows={4}
          maxLength={2000}
          value={explanation}
          error={byField.explanation}
          onChange={(e) => setExplanation(e.target.value)}
        />
      </ApiFormView>
    </Section>
  );
}
