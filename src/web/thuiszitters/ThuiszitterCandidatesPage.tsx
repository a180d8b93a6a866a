import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { useSession } from '../shared/session.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { FormErrors, useApiForm } from '../shared/ApiForm.tsx';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { type RegisteredState, type ThuiszitterDetail } from './data.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ThuiszitterCandidates } from '../../contracts/thuiszitters.ts';
import { qk } from '../shared/query-keys.ts';

type Candidates = Contract<typeof ThuiszitterCandidates>;

/**
 * The candidates for the register: LRV reports from the absence data (the school's care
 * coordinator or the attendance officer confirms or rejects each, with a reason) and, for the
 * attendance officer, children living in the gemeente who are nowhere enrolled.
 */
export function ThuiszitterCandidatesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const query = useQuery({ queryKey: qk.thuiszitters.candidates, queryFn: () => api.get<Candidates>('/thuiszitters/candidates') });
  const [status, setStatus] = useState('');
  const lrvHeading = useRef<HTMLHeadingElement>(null);
  const absoluutHeading = useRef<HTMLHeadingElement>(null);
  const data = query.data;
  const rejected = (heading: RefObject<HTMLHeadingElement | null>) => (name: string) => {
    setStatus(t('thuiszitters.candidates.rejected', { name }));
    heading.current?.focus();
  };

  return (
    <>
      <PageHeading title={t('thuiszitters.candidates.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.candidates.intro')}</p>
      <ThuiszitterNav />
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && (
        <Section id="candidates-lrv" headingRef={lrvHeading} heading={t('thuiszitters.candidates.lrvHeading', { count: data.lrv.length })}>
          <p className="utrecht-paragraph">{t('thuiszitters.candidates.lrvIntro')}</p>
          <ListView
            query={query}
            items={(d) => d.lrv}
            loadingLabel={t('common.loading')}
            error={null}
            empty={t('thuiszitters.candidates.lrvEmpty')}
            rowKey={(c) => c.absenceReportId}
            renderItems={(items) => items.map((c) => <LrvCandidate key={c.absenceReportId} candidate={c} onRejected={rejected(lrvHeading)} />)}
          />
        </Section>
      )}
      {/* Children nowhere enrolled: the attendance officer's (their workspace's capability). */}
      {can.attendanceWorkspace && data && (
        <Section id="candidates-absoluut" headingRef={absoluutHeading} heading={t('thuiszitters.candidates.absoluutHeading', { count: data.absoluut.length })}>
          <p className="utrecht-paragraph">{t('thuiszitters.candidates.absoluutIntro')}</p>
          <ListView
            query={query}
            items={(d) => d.absoluut}
            loadingLabel={t('common.loading')}
            error={null}
            empty={t('thuiszitters.candidates.absoluutEmpty')}
            rowKey={(c) => c.child.id}
            renderItems={(items) => items.map((c) => <AbsoluutCandidate key={c.child.id} candidate={c} onRejected={rejected(absoluutHeading)} />)}
          />
        </Section>
      )}
    </>
  );
}

function LrvCandidate({ candidate: c, onRejected }: { candidate: Candidates['lrv'][number]; onRejected: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const name = fullName(c.child);
  const confirm = useApiForm({
    mutationFn: () => api.post<ThuiszitterDetail>('/thuiszitters', { absenceReportId: c.absenceReportId }),
    fields: [],
    onSuccess: (entry) => {
      queryClient.setQueryData(qk.thuiszitter(entry.id), entry);
      void queryClient.invalidateQueries({ queryKey: qk.thuiszitters.all });
      const state: RegisteredState = { registered: true };
      void navigate(`/thuiszitters/${entry.id}`, { state });
    },
  });
  const headingId = `candidate-${c.absenceReportId}`;
  return (
    <article className="samenspel-section samenspel-panel" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3">
        {name}
      </h3>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('thuiszitters.candidates.school')}</dt>
          <dd>{c.schoolLocation.name}</dd>
        </div>
        <div>
          <dt>{t('thuiszitters.candidates.period')}</dt>
          <dd>{t('thuiszitters.candidates.periodText', { from: formatDate(c.startDate, lng), to: formatDate(c.endDate, lng), hours: c.hours.toLocaleString(lng) })}</dd>
        </div>
        <div>
          <dt>{t('thuiszitters.candidates.age')}</dt>
          <dd>{t('common.ageYears', { count: c.child.age })}</dd>
        </div>
      </dl>
      <FormErrors mutation={confirm.mutation} byField={confirm.byField} other={confirm.other} />
      <form
        ref={confirm.formRef}
        className="samenspel-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!confirm.mutation.isPending) confirm.mutation.mutate();
        }}
      >
        <p className="utrecht-paragraph">{t('thuiszitters.candidates.confirmIntro', { date: formatDate(c.startDate, lng) })}</p>
        <SubmitRow busy={confirm.mutation.isPending}>{t('thuiszitters.candidates.confirm', { name })}</SubmitRow>
      </form>
      <RejectForm idPrefix={`reject-${c.absenceReportId}`} name={name} body={{ absenceReportId: c.absenceReportId }} onRejected={onRejected} />
    </article>
  );
}

function AbsoluutCandidate({ candidate: c, onRejected }: { candidate: Candidates['absoluut'][number]; onRejected: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const name = fullName(c.child);
  const headingId = `candidate-${c.child.id}`;
  return (
    <article className="samenspel-section samenspel-panel" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3">
        {name}
      </h3>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('thuiszitters.candidates.age')}</dt>
          <dd>
            {t('common.ageYears', { count: c.child.age })}, {t(`thuiszitters.candidates.compulsory.${c.compulsory}`)}
          </dd>
        </div>
        <div>
          <dt>{t('thuiszitters.candidates.notEnrolledSince')}</dt>
          <dd>{c.notEnrolledSince ? t('thuiszitters.candidates.since', { date: formatDate(c.notEnrolledSince, lng), school: c.lastSchoolName ?? '' }) : t('thuiszitters.candidates.neverEnrolled')}</dd>
        </div>
      </dl>
      <p className="utrecht-paragraph">
        <AppLink to={`/thuiszitters/registreren?kind=${c.child.id}&categorie=absoluut${c.notEnrolledSince ? `&start=${c.notEnrolledSince}` : ''}`}>
          {t('thuiszitters.candidates.registerLink', { name })}
        </AppLink>
      </p>
      <RejectForm idPrefix={`reject-${c.child.id}`} name={name} body={{ childId: c.child.id }} onRejected={onRejected} />
    </article>
  );
}

/** Not a thuiszitter, and why: the decision is kept, the candidate leaves the list. */
function RejectForm({ idPrefix, name, body, onRejected }: { idPrefix: string; name: string; body: Record<string, string>; onRejected: (name: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: () => api.post('/thuiszitters/candidates/rejections', { ...body, reason }),
    fields: ['reason'],
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: qk.thuiszitters.candidates });
      onRejected(name);
    },
  });
  return (
    <>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form
        ref={formRef}
        className="samenspel-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!mutation.isPending) mutation.mutate();
        }}
      >
        <TextAreaField
          id={`${idPrefix}-reason`}
          label={t('thuiszitters.candidates.rejectReason', { name })}
          description={t('thuiszitters.candidates.rejectHint')}
          rows={2}
          maxLength={2000}
          value={reason}
          error={byField.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <SubmitRow appearance="secondary-action-button" busy={mutation.isPending}>{t('thuiszitters.candidates.reject', { name })}</SubmitRow>
      </form>
    </>
  );
}
