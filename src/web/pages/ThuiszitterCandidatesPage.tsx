import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { formatDate, fullName } from '../format.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextAreaField } from '../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import { thuiszitterKey, THUISZITTER_LISTS, ThuiszitterNav, type RegisteredState, type ThuiszitterDetail } from './ThuiszitterShared.tsx';

interface CandidateChild {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  age: number;
}
interface Candidates {
  lrv: { absenceReportId: string; child: CandidateChild; schoolLocation: { id: string; name: string }; startDate: string; endDate: string; hours: number; dueOn: string }[];
  absoluut: { child: CandidateChild; compulsory: 'leerplicht' | 'kwalificatieplicht'; notEnrolledSince: string | null; lastSchoolName: string | null }[];
}

const CANDIDATES_KEY = [...THUISZITTER_LISTS, 'candidates'] as const;

/**
 * The candidates for the register: LRV reports from the absence data (the school's care
 * coordinator or the attendance officer confirms or rejects each, with a reason) and, for the
 * attendance officer, children living in the gemeente who are nowhere enrolled.
 */
export function ThuiszitterCandidatesPage() {
  const { t } = useTranslation();
  const { actorRole } = useSession();
  const query = useQuery({ queryKey: CANDIDATES_KEY, queryFn: () => api.get<Candidates>('/thuiszitters/candidates') });
  const [status, setStatus] = useState('');
  const lrvHeading = useRef<HTMLHeadingElement>(null);
  const absoluutHeading = useRef<HTMLHeadingElement>(null);
  const data = query.data;

  return (
    <>
      <PageHeading title={t('thuiszitters.candidates.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.candidates.intro')}</p>
      <ThuiszitterNav />
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && (
        <>
          <section className="samenspel-section" aria-labelledby="candidates-lrv">
            <h2 id="candidates-lrv" ref={lrvHeading} tabIndex={-1} className="utrecht-heading-2">
              {t('thuiszitters.candidates.lrvHeading', { count: data.lrv.length })}
            </h2>
            <p className="utrecht-paragraph">{t('thuiszitters.candidates.lrvIntro')}</p>
            {data.lrv.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('thuiszitters.candidates.lrvEmpty')}</p>}
            {data.lrv.map((c) => (
              <LrvCandidate
                key={c.absenceReportId}
                candidate={c}
                onRejected={(name) => {
                  setStatus(t('thuiszitters.candidates.rejected', { name }));
                  lrvHeading.current?.focus();
                }}
              />
            ))}
          </section>
          {actorRole === 'attendance_officer' && (
            <section className="samenspel-section" aria-labelledby="candidates-absoluut">
              <h2 id="candidates-absoluut" ref={absoluutHeading} tabIndex={-1} className="utrecht-heading-2">
                {t('thuiszitters.candidates.absoluutHeading', { count: data.absoluut.length })}
              </h2>
              <p className="utrecht-paragraph">{t('thuiszitters.candidates.absoluutIntro')}</p>
              {data.absoluut.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('thuiszitters.candidates.absoluutEmpty')}</p>}
              {data.absoluut.map((c) => (
                <AbsoluutCandidate
                  key={c.child.id}
                  candidate={c}
                  onRejected={(name) => {
                    setStatus(t('thuiszitters.candidates.rejected', { name }));
                    absoluutHeading.current?.focus();
                  }}
                />
              ))}
            </section>
          )}
        </>
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
      queryClient.setQueryData(thuiszitterKey(entry.id), entry);
      void queryClient.invalidateQueries({ queryKey: THUISZITTER_LISTS });
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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={confirm.mutation.isPending}>
            {t('thuiszitters.candidates.confirm', { name })}
          </Button>
        </div>
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
      await queryClient.invalidateQueries({ queryKey: CANDIDATES_KEY });
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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
            {t('thuiszitters.candidates.reject', { name })}
          </Button>
        </div>
      </form>
    </>
  );
}
