import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError } from '../shared/api.ts';
import type { SignalDetail } from '../shared/types.ts';
import { formatDateTimeShort, fullName } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale, type Stale } from '../shared/StaleNotice.tsx';
import { addToDate, caseChanged, todayIso, useOrganisations } from '../cases/data.ts';
import { ConsentGiversField, ConsentRuleNote, ConsentWhenFields, giversBody, type ConsentWhen } from '../cases/ConsentFields.tsx';
import { ReceiverField, receiversOf } from '../requests/ReceiverField.tsx';
import { RequestFields, emptyRequestFields, requestFieldsBody } from '../requests/RequestFields.tsx';
import type { ConsentMethod } from '../../contracts/values/cases.ts';
import { allowedActions, useSignal, useSignalMeta } from './data.ts';
import { coveredFor, coversAll, REFERRAL_KINDS, useReferralContext, type ReferralContext, type ReferralKind, type ReferralResult, type ReferralSentState, type ReferSignalBody } from './referral.ts';

/** The observation in short: the signal's page has the whole text. */
const SHORT = 280;

const FIELDS = [
  'reason',
  'kind',
  'toOrganisationId',
  'question',
  'tried',
  'goal',
  'urgency',
  'backToSchool',
  'dataKinds',
  'caseTitle',
  'consent',
  'consent/givers',
  'consent/givers/guardianIds',
  'consent/givers/childSelf',
  'consent/method',
  'consent/givenOn',
  'consent/validUntil',
] as const;

/**
 * "Doorverwijzen" (POST /signals/:id/referral): the care coordinator's decision on a signal and the
 * request to the receiver in one form — the wijkteam or the gemeente's access to youth care, a youth
 * care provider, or the SWV. The request goes into the child's open case at the school, or a case is
 * opened from the signal; where no consent in force covers the receiver and the data chosen
 * (`covered`, from the server), the family's consent is recorded with it. The server checks it all
 * again and writes all of it or nothing.
 */
export function ReferSignalPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const signal = useSignal(id);
  const meta = useSignalMeta();
  const context = useReferralContext(id, signal.data?.access === 'care');
  const referable = (s: SignalDetail) => !meta.data || (s.access === 'care' && allowedActions(meta.data.transitions, s.status, 'care').some((a) => a.action === 'refer_outward'));
  // Someone else decided on the signal first (stale version): the notice says what changed, the form keeps what was typed.
  const stale = useStale({
    record: signal.data,
    queryKey: qk.signal(id),
    refresh: signal.data ? [qk.signals.all, qk.childSignals(signal.data.child.id)] : [qk.signals.all],
    describe: (s) => [
      [t('signals.detail.status'), t(`signals.status.${s.status}`)],
      [t('signals.detail.decision'), s.latestDecision ? t(`signals.decision.${s.latestDecision}`) : ''],
    ],
    available: referable,
  });

  const backLink = <AppLink to={`/signalen/${encodeURIComponent(id)}`}>{t('referrals.page.backToSignal')}</AppLink>;
  const hidden = [signal.error, context.error].some((e) => isApiError(e) && [400, 403, 404].includes(e.status));
  if (hidden || (signal.data && signal.data.access !== 'care')) {
    return <MessagePage title={t('referrals.page.notFound')} detail={t('referrals.page.notFoundDetail')} link={backLink} />;
  }

  const s = signal.data;
  const ctx = context.data;
  return (
    <>
      <PageHeading title={ctx ? t('referrals.page.titleNamed', { name: ctx.child.name }) : s ? t('referrals.page.titleNamed', { name: fullName(s.child) }) : t('referrals.page.title')} />
      <StaleNotice stale={stale} />
      {(signal.isPending || (s && context.isPending)) && <Loading label={t('referrals.page.loading')} />}
      {signal.isError && <ErrorAlert error={signal.error} />}
      {context.isError && <ErrorAlert error={context.error} />}
      {meta.isError && <ErrorAlert error={meta.error} />}
      {s && (
        <>
          <p className="utrecht-paragraph samenspel-lead">{t('referrals.page.intro')}</p>
          <SignalInShort signal={s} lng={i18n.language} />
          {ctx && meta.data && (referable(s) ? <ReferralForm signal={s} context={ctx} stale={stale} /> : <Alert type="info">{t('referrals.page.notAllowed', { status: t(`signals.status.${s.status}`) })}</Alert>)}
        </>
      )}
      <p className="utrecht-paragraph">{backLink}</p>
    </>
  );
}

/** What was seen, in short, with who raised it and when. */
function SignalInShort({ signal, lng }: { signal: SignalDetail; lng: string }) {
  const { t } = useTranslation();
  const text = signal.observation.length > SHORT ? `${signal.observation.slice(0, SHORT).replace(/\s+\S*$/, '')}…` : signal.observation;
  const author = signal.author.isMe ? t('signals.detail.authorMe') : signal.author.name;
  return (
    <Section id="referral-signal" heading={t('referrals.signal.heading')}>
      <blockquote className="samenspel-observation">
        <p className="utrecht-paragraph samenspel-pre-line">{text}</p>
      </blockquote>
      <Facts
        items={[
          [t('signals.detail.category'), t(`signals.category.${signal.category}`)],
          [t('signals.detail.urgency'), t(`signals.urgency.${signal.urgency}`)],
          [
            t('referrals.signal.raised'),
            <>
              <time dateTime={signal.raisedAt}>{formatDateTimeShort(signal.raisedAt, lng)}</time> – {author}
            </>,
          ],
          [t('signals.detail.parentsInformed'), signal.parentsInformed ? t('common.yes') : t('common.no')],
        ]}
      />
      {text !== signal.observation && (
        <p className="utrecht-paragraph">
          <AppLink to={`/signalen/${signal.id}`}>{t('referrals.signal.readAll')}</AppLink>
        </p>
      )}
    </Section>
  );
}

function ReferralForm({ signal, context, stale }: { signal: SignalDetail; context: ReferralContext; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const today = todayIso();
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<ReferralKind | ''>('');
  const [to, setTo] = useState('');
  const [fields, setFields] = useState(() => emptyRequestFields({ urgency: signal.urgency === 'urgent' ? 'urgent' : 'normal' }));
  // null: the title the server suggests, until the user types another.
  const [caseTitle, setCaseTitle] = useState<string | null>(null);
  const [givers, setGivers] = useState<string[]>([]);
  const [when, setWhen] = useState<ConsentWhen>({ method: '', givenOn: today, validUntil: addToDate(today, { years: 1 }) });
  // The server found no consent in force where the form thought there was one (withdrawn meanwhile): ask for it.
  const [consentAsked, setConsentAsked] = useState(false);

  const receivers = receiversOf(kind, organisations.data?.items ?? []);
  // One receiver possible: that one. After another kind is chosen, a receiver of the old kind is dropped.
  const chosen = receivers.length === 1 ? receivers[0].id : receivers.some((o) => o.id === to) ? to : '';
  const receiver = receivers.find((o) => o.id === chosen);
  const covered = chosen ? coveredFor(context, chosen) : [];
  const needsConsent = consentAsked || !coversAll(covered, fields.dataKinds);
  const title = caseTitle ?? context.suggestedCaseTitle;

  const form = useApiForm({
    mutationFn: (body: ReferSignalBody) => api.post<ReferralResult>(`/signals/${encodeURIComponent(signal.id)}/referral`, body),
    fields: FIELDS,
    stale,
    onSuccess: (result) => {
      const state: ReferralSentState = { referral: { caseOpened: result.caseOpened, consentRecorded: result.consentRecorded } };
      void navigate(`/verzoeken/${result.requestId}`, { state });
      void queryClient.invalidateQueries({ queryKey: qk.signal(signal.id) });
      void queryClient.invalidateQueries({ queryKey: qk.signals.all });
      void queryClient.invalidateQueries({ queryKey: qk.childSignals(signal.child.id) });
      void queryClient.invalidateQueries({ queryKey: qk.requests.all });
      void queryClient.invalidateQueries({ queryKey: qk.childConsents(signal.child.id) });
      caseChanged(queryClient, result.caseId, signal.child.id);
    },
    onError: (error) => {
      if (fieldErrors(error, ['consent']).byField.consent) {
        setConsentAsked(true);
        void queryClient.invalidateQueries({ queryKey: qk.signalReferral(signal.id) });
      }
      // Another 409 (the workflow no longer allows it): the signal as it is now.
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: qk.signal(signal.id) });
    },
  });
  const { byField } = form;

  function onSubmit() {
    form.mutation.mutate({
      version: stale.version() ?? signal.version,
      reason,
      // The server's schema names the fields that were left empty.
      kind: kind as ReferralKind,
      toOrganisationId: chosen,
      ...requestFieldsBody(fields),
      ...(context.case ? {} : { caseTitle: title.trim() || null }),
      consent: needsConsent ? { givers: giversBody(givers), method: when.method as ConsentMethod, givenOn: when.givenOn, validUntil: when.validUntil } : null,
    });
  }

  const organisation = receiver?.name;
  const dataKindsHint = !receiver
    ? t('referrals.form.dataKindsHint')
    : covered.length === 0
      ? t('referrals.form.coveredNone', { organisation })
      : t('referrals.form.coveredSome', { organisation, kinds: covered.map((d) => t(`consents.kinds.${d}`)).join(', ') });

  return (
    <Section id="referral-form" panel heading={t('referrals.form.heading')}>
      {organisations.isError && <ErrorAlert error={organisations.error} />}
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('referrals.form.submit')}>
        <TextAreaField
          id="referral-reason"
          label={t('signals.triage.reason')}
          description={t('referrals.form.reasonHint', { name: signal.author.isMe ? t('signals.detail.authorMe') : signal.author.name })}
          required
          rows={3}
          maxLength={2000}
          value={reason}
          error={byField.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <h3 className="utrecht-heading-3">{t('referrals.form.requestHeading')}</h3>
        {context.case ? (
          <p className="utrecht-paragraph">{t('referrals.form.inCase', { title: context.case.title })}</p>
        ) : (
          <>
            <p className="utrecht-paragraph">{t('referrals.form.newCase')}</p>
            <TextField
              id="referral-case-title"
              label={t('referrals.form.caseTitle')}
              description={t('referrals.form.caseTitleHint')}
              maxLength={200}
              value={title}
              error={byField.caseTitle}
              onChange={(e) => setCaseTitle(e.target.value)}
            />
          </>
        )}
        <RadioGroupField
          id="referral-kind"
          name="referral-kind"
          legend={t('requests.send.kind')}
          options={REFERRAL_KINDS.map((x) => ({ value: x, label: t(`requests.kinds.${x}`), description: t(`requests.kindHints.${x}`) }))}
          value={kind}
          error={byField.kind}
          onChange={setKind}
        />
        <ReceiverField id="referral-to" kind={kind} receivers={receivers} chosen={chosen} loading={organisations.isPending} error={byField.toOrganisationId} onChange={setTo} />
        <RequestFields idPrefix="referral" value={fields} onChange={setFields} errors={byField} dataKindsHint={dataKindsHint} />
        {needsConsent ? (
          <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samenspel-fieldset">
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              <h3 className="utrecht-heading-3">{t('referrals.form.consentHeading')}</h3>
            </legend>
            <p className="utrecht-paragraph">{organisation ? t('referrals.form.consentIntro', { organisation }) : t('referrals.form.consentIntroNoReceiver')}</p>
            <ConsentRuleNote rule={context.consentRule} />
            <ConsentGiversField
              id="referral-consent-givers"
              rule={context.consentRule}
              value={givers}
              errors={[byField.consent, byField['consent/givers'], byField['consent/givers/guardianIds'], byField['consent/givers/childSelf']]}
              onChange={setGivers}
            />
            <ConsentWhenFields
              idPrefix="referral-consent"
              value={when}
              onChange={setWhen}
              today={today}
              errors={{ method: byField['consent/method'], givenOn: byField['consent/givenOn'], validUntil: byField['consent/validUntil'] }}
            />
          </fieldset>
        ) : (
          <Alert type="ok">
            <p className="utrecht-paragraph">{t('referrals.form.consentCovered', { organisation })}</p>
          </Alert>
        )}
      </ApiFormView>
    </Section>
  );
}
