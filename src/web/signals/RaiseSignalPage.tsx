import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors, isApiError } from '../shared/api.ts';
import type { ChildDetail, SignalCategory, SignalDetail, SignalUrgency } from '../shared/types.ts';
import { fullName } from '../shared/format.ts';
import { signalChanged, useSignalMeta } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MeldcodeSteps } from './SignalBadges.tsx';
import { focusFirstInvalid } from '../shared/focus.ts';
import { qk } from '../shared/query-keys.ts';
import type { SignalCreatedState, SignalPrefillState } from './data.ts';

const FIELDS = ['childId', 'observation', 'category', 'urgency', 'parentsInformed', 'parentsNotInformedReason'] as const;

/**
 * A teacher, mentor or the school's care coordinator raises a zorgsignaal about a pupil: facts and
 * behaviour, a category, how urgent, and whether the parents know. For a safety concern the
 * Meldcode steps show as soon as that category is chosen. The server checks everything (also
 * that the pupil is in the teacher's group); its field errors are shown at the fields.
 */
export function RaiseSignalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);

  const child = useQuery({
    queryKey: qk.child(id),
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(id)}`),
  });
  const meta = useSignalMeta();

  const prefill = (useLocation().state as Partial<SignalPrefillState> | null)?.signalPrefill;
  const [observation, setObservation] = useState(prefill?.observation ?? '');
  const [category, setCategory] = useState<SignalCategory | ''>(prefill?.category ?? '');
  const [urgency, setUrgency] = useState<SignalUrgency | ''>('');
  const [informed, setInformed] = useState<'yes' | 'no' | ''>('');
  const [reason, setReason] = useState('');

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<SignalDetail>('/signals', body),
    onSuccess: (signal) => {
      signalChanged(queryClient, signal);
      const state: SignalCreatedState = { created: true };
      navigate(`/signalen/${signal.id}`, { state });
    },
  });
  const { byField, other } = fieldErrors(create.error, FIELDS);

  useEffect(() => {
    if (create.isError) focusFirstInvalid(formRef.current);
  }, [create.isError, create.error]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    // What is not chosen is not sent: the server names each missing field.
    const body: Record<string, unknown> = { childId: id, observation };
    if (category) body.category = category;
    if (urgency) body.urgency = urgency;
    if (informed) body.parentsInformed = informed === 'yes';
    if (informed === 'no') body.parentsNotInformedReason = reason;
    create.mutate(body);
  }

  // As on the child page: a pupil one may not see is not confirmed to exist.
  if (isApiError(child.error) && [400, 403, 404].includes(child.error.status)) {
    return (
      <>
        <PageHeading title={t('child.notFound')} />
        <p className="utrecht-paragraph">{t('child.notFoundDetail')}</p>
        <p className="utrecht-paragraph">
          <AppLink to="/kinderen">{t('child.backToList')}</AppLink>
        </p>
      </>
    );
  }

  const name = child.data ? fullName(child.data) : '';
  const title = name ? t('signals.raise.titleNamed', { name }) : t('signals.raise.title');
  const fieldCount = Object.keys(byField).length;

  return (
    <>
      <PageHeading title={title} />
      <p className="utrecht-paragraph samenspel-lead">{t('signals.raise.intro')}</p>
      <p className="utrecht-paragraph samenspel-note">{t('signals.raise.whoSees')}</p>

      {(child.isPending || meta.isPending) && <Loading label={t('common.loading')} />}
      {child.isError && <ErrorAlert error={child.error} />}
      {meta.isError && <ErrorAlert error={meta.error} />}
      {create.isError && <ErrorAlert error={create.error} fieldCount={fieldCount} otherParams={other} />}

      {meta.data && child.data && (
        <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
          <TextAreaField
            id="signal-observation"
            label={t('signals.raise.observation')}
            description={t('signals.raise.observationHint')}
            required
            rows={6}
            maxLength={5000}
            value={observation}
            error={byField.observation}
            onChange={(e) => setObservation(e.target.value)}
          />

          <RadioGroupField
            id="signal-category"
            name="category"
            legend={t('signals.raise.category')}
            options={meta.data.categories.map((c) => ({
              value: c,
              label: t(`signals.category.${c}`),
              description: c === 'safety' ? t('signals.raise.safetyOptionHint') : undefined,
            }))}
            value={category}
            error={byField.category}
            onChange={setCategory}
          />

          {category === 'safety' && (
            <section className="samenspel-meldcode samenspel-meldcode--form" aria-labelledby="meldcode-heading">
              <h2 id="meldcode-heading" className="utrecht-heading-2">
                {t('signals.meldcode.heading')}
              </h2>
              <p className="utrecht-paragraph">{t('signals.meldcode.formIntro')}</p>
              <MeldcodeSteps steps={meta.data.meldcodeSteps} />
              <p className="utrecht-paragraph">{t('signals.meldcode.contactAfterSave')}</p>
              <p className="utrecht-paragraph">
                <strong>{t('signals.meldcode.acute')}</strong>
              </p>
            </section>
          )}

          <RadioGroupField
            id="signal-urgency"
            name="urgency"
            legend={t('signals.raise.urgency')}
            options={meta.data.urgencies.map((u) => ({ value: u, label: t(`signals.urgency.${u}`), description: t(`signals.urgencyHint.${u}`) }))}
            value={urgency}
            error={byField.urgency}
            onChange={setUrgency}
          />

          <RadioGroupField
            id="signal-parents-informed"
            name="parentsInformed"
            legend={t('signals.raise.parentsInformed')}
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
            value={informed}
            error={byField.parentsInformed}
            onChange={setInformed}
          />

          {informed === 'no' && (
            <TextAreaField
              id="signal-parents-not-informed-reason"
              label={t('signals.raise.whyNot')}
              description={t('signals.raise.whyNotHint')}
              required
              rows={3}
              maxLength={1000}
              value={reason}
              error={byField.parentsNotInformedReason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}

          <div className="utrecht-button-group samenspel-actions">
            <Button type="submit" appearance="primary-action-button" busy={create.isPending}>
              {t('signals.raise.submit')}
            </Button>
            <AppLink to={`/kinderen/${id}`}>{t('common.cancel')}</AppLink>
          </div>
        </form>
      )}
    </>
  );
}
