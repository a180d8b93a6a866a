import { useState } from 'react';
import { useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale, type Stale } from '../shared/StaleNotice.tsx';
import { OBSERVATION_VERDICTS, type ObservationVerdict } from '../../contracts/values/requests.ts';
import { useObservation, type AnswerObservationBody, type ObservationView } from './data.ts';
import { OverdueBadge } from './RequestBadges.tsx';

const FIELDS = ['verdict', 'text'] as const;

/** What the form sends besides the version: a verdict still to choose is sent as '' and refused at its field. */
type AnswerDraft = Omit<AnswerObservationBody, 'version' | 'verdict'> & { verdict: ObservationVerdict | '' };

/**
 * "Werkt de hulp in de klas?" — the teacher asked for an observation after the helper reported
 * back to the school (docs/requests.md): which help, from whom, how the helper says it goes and her
 * advice for the class; then the teacher's answer (works, partly, not yet, and what she sees), once.
 * Only the teacher asked opens it (the server decides: anyone else gets 404). The answer is sent on
 * the version the page showed; someone else's change first gives the notice at the top.
 */
export function ObservationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useObservation(id);
  const [status, setStatus] = useState('');
  // Answered meanwhile (in another window): the page shows the answer and says so.
  const [already, setAlready] = useState(false);
  const stale = useStale({
    record: query.data,
    queryKey: qk.observation(id),
    describe: (o) => [[t('requests.observation.yourVerdict'), o.answer ? t(`requests.verdicts.${o.answer.verdict}`) : '']],
    available: (o) => o.can.answer,
  });

  const home = <AppLink to="/">{t('requests.observation.backHome')}</AppLink>;
  if (isApiError(query.error) && [400, 403, 404].includes(query.error.status)) {
    return <MessagePage title={t('requests.observation.notFound')} detail={t('requests.observation.notFoundDetail')} link={home} />;
  }
  const o = query.data;
  return (
    <>
      <PageHeading title={t('requests.observation.title')} />
      {o && <p className="utrecht-paragraph samenspel-lead">{t('requests.observation.intro', { organisation: o.receiverName })}</p>}
      <LiveStatus>{status}</LiveStatus>
      {already && (
        <Alert type="info" role="alert">
          <p className="utrecht-paragraph">{t('requests.observation.alreadyAnswered')}</p>
        </Alert>
      )}
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('requests.observation.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {o && (
        <>
          <AboutHelp o={o} />
          <Report o={o} />
          {o.answer ? (
            <Answer o={o} />
          ) : o.can.answer ? (
            <AnswerForm
              o={o}
              stale={stale}
              onAnswered={() => {
                setAlready(false);
                setStatus(t('requests.observation.sent'));
              }}
              onAlready={() => {
                setStatus('');
                setAlready(true);
              }}
            />
          ) : (
            <Section id="observation-answer" heading={t('requests.observation.answerHeading')}>
              <p className="utrecht-paragraph">{t('requests.observation.cannotAnswer')}</p>
            </Section>
          )}
          <p className="utrecht-paragraph">{home}</p>
        </>
      )}
    </>
  );
}

/** Which help: the child (where the teacher may see the name), the kind, who gives it, and by when she answers. */
function AboutHelp({ o }: { o: ObservationView }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => <time dateTime={iso}>{formatDate(iso, i18n.language)}</time>;
  return (
    <Section id="observation-help" heading={t('requests.observation.helpHeading')}>
      <Facts
        items={[
          [t('requests.observation.child'), o.child ? o.child.name : t('requests.observation.childHidden')],
          [t('requests.observation.kind'), t(`requests.kinds.${o.kind}`)],
          [t('requests.observation.helper'), o.receiverName],
          [t('requests.observation.askedOn'), date(o.askedOn)],
          !o.answer && [
            t('requests.observation.dueOn'),
            <>
              {date(o.dueOn)}
              {o.overdue && (
                <>
                  {' '}
                  <OverdueBadge />
                </>
              )}
            </>,
          ],
        ]}
      />
    </Section>
  );
}

/** The report back that asked for it: how it goes, and the helper's advice for the class. */
function Report({ o }: { o: ObservationView }) {
  const { t, i18n } = useTranslation();
  const r = o.report;
  return (
    <Section id="observation-report" heading={t('requests.observation.reportHeading')}>
      <Facts
        items={[
          [t('requests.observation.reportBy'), t('requests.observation.reportByValue', { name: r.personName, organisation: o.receiverName })],
          [t('requests.observation.reportOn'), <time dateTime={r.on}>{formatDate(r.on, i18n.language)}</time>],
          r.progress && [t('requests.observation.progress'), t(`requests.progress.${r.progress}`)],
        ]}
      />
      {r.text ? (
        <blockquote className="samenspel-observation">
          <p className="utrecht-paragraph samenspel-pre-line">
            <strong>{t('requests.observation.advice')}</strong> {r.text}
          </p>
        </blockquote>
      ) : (
        <p className="utrecht-paragraph samenspel-empty">{t('requests.observation.noAdvice')}</p>
      )}
    </Section>
  );
}

/** The teacher's answer, read-only once given. */
function Answer({ o }: { o: ObservationView }) {
  const { t, i18n } = useTranslation();
  const a = o.answer!;
  return (
    <Section id="observation-answer" panel heading={t('requests.observation.answerHeading')}>
      <Facts
        items={[
          [t('requests.observation.yourVerdict'), t(`requests.verdicts.${a.verdict}`)],
          [t('requests.observation.answeredOn'), <time dateTime={a.on}>{formatDate(a.on, i18n.language)}</time>],
          [t('requests.observation.yourText'), <span className="samenspel-pre-line">{a.text}</span>],
        ]}
      />
      <p className="utrecht-paragraph samenspel-note">{t('requests.observation.whoReads')}</p>
    </Section>
  );
}

function AnswerForm({ o, stale, onAnswered, onAlready }: { o: ObservationView; stale: Stale; onAnswered: () => void; onAlready: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<ObservationVerdict | ''>('');
  const [text, setText] = useState('');
  const form = useApiForm({
    // No verdict chosen is sent as it is (''): the server names the field to fix.
    mutationFn: (body: AnswerDraft) => api.post<ObservationView>(`/observations/${encodeURIComponent(o.id)}`, { ...body, version: stale.version() }),
    fields: FIELDS,
    stale,
    onSuccess: (next) => {
      queryClient.setQueryData(qk.observation(o.id), next);
      void queryClient.invalidateQueries({ queryKey: qk.worklist });
      onAnswered();
    },
    onError: (err) => {
      // Given already (another window): load it again, the answer shows instead of the form.
      if (isApiError(err, 409) && err.code === 'already_answered') {
        onAlready();
        void queryClient.invalidateQueries({ queryKey: qk.observation(o.id) });
        void queryClient.invalidateQueries({ queryKey: qk.worklist });
      }
    },
  });
  const { byField } = form;
  return (
    <Section id="observation-answer" panel heading={t('requests.observation.answerHeading')}>
      <p className="utrecht-paragraph">{t('requests.observation.whoReads')}</p>
      <ApiFormView
        id="observation-form"
        form={form}
        submit={t('requests.observation.submit')}
        onSubmit={() => form.mutation.mutate({ verdict, text })}
      >
        <RadioGroupField
          id="observation-verdict"
          name="observation-verdict"
          legend={t('requests.observation.verdictLegend')}
          options={OBSERVATION_VERDICTS.map((v) => ({ value: v, label: t(`requests.verdicts.${v}`) }))}
          value={verdict}
          error={byField.verdict}
          onChange={setVerdict}
        />
        <TextAreaField
          id="observation-text"
          label={t('requests.observation.textLabel')}
          description={t('requests.observation.textHint')}
          required
          rows={5}
          maxLength={4000}
          value={text}
          error={byField.text}
          onChange={(e) => setText(e.target.value)}
        />
      </ApiFormView>
    </Section>
  );
}
