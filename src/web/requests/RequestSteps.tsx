import { useState, type Ref } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Alert, ErrorAlert } from '../shared/Alerts.tsx';
import { SelectField, TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { Section } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';
import type { Stale } from '../shared/StaleNotice.tsx';
import { directoryMissing, todayIso, useOrganisationMembers } from '../cases/data.ts';
import { PROGRESS, REQUEST_DECISIONS, type Progress, type RequestAction, type RequestDecision } from '../../contracts/values/requests.ts';
import { requestChanged, textRole, waitingForReader, type RequestDetail, type RequestStepBody } from './data.ts';

/** Every field a step can carry, as the server names them in its field errors. */
const STEP_FIELDS = ['text', 'holderPersonId', 'decision', 'decision/outcome', 'decision/from', 'decision/until', 'decision/category', 'decision/experts', 'decision/objectionUntil', 'startOn', 'progress'] as const;

/** Steps that end the request for the other organisation or take it back: their button says so in red. */
const DANGER: readonly RequestAction[] = ['decline', 'withdraw'];
/** Steps whose text is required (a question, an answer, a reason); for the others it is optional. */
const TEXT_REQUIRED: readonly RequestAction[] = ['ask_info', 'answer_info', 'answer_question', 'decline', 'withdraw', 'close'];

interface StepsProps {
  r: RequestDetail;
  headingRef: Ref<HTMLHeadingElement>;
  stale: Stale;
  onDone: (message: string) => void;
  /** Another 409 than a stale version: the page says it at the top and loads the request again. */
  onConflict: (err: unknown) => void;
}

/** What the reader may do now: one form per step the server offers this reader (`can.steps`), nothing else. */
export function RequestSteps({ r, headingRef, ...props }: StepsProps) {
  const { t } = useTranslation();
  const who = waitingForReader(r);
  const other = r.side === 'sender' ? r.to.name : r.from.name;
  return (
    <Section id="request-steps" panel headingRef={headingRef} heading={t('requests.steps.heading')}>
      {r.can.steps.length === 0 ? (
        <p className="utrecht-paragraph">{who === 'other' ? t('requests.steps.waitForOther', { organisation: other }) : who === null ? t('requests.steps.ended') : t('requests.steps.none')}</p>
      ) : (
        r.can.steps.map((action) => <StepForm key={action} r={r} action={action} {...props} />)
      )}
    </Section>
  );
}

type StepBody = Omit<RequestStepBody, 'version'>;

function StepForm({ r, action, stale, onDone, onConflict }: Omit<StepsProps, 'headingRef'> & { action: RequestAction }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [holder, setHolder] = useState('');
  const [startOn, setStartOn] = useState(todayIso());
  // The last report back usually says the help has finished.
  const [progress, setProgress] = useState<Progress | ''>(action === 'end_help' ? 'ended' : '');
  const [decision, setDecision] = useState<DecisionDraft>(EMPTY_DECISION);
  const form = useApiForm({
    mutationFn: (body: StepBody) => api.post<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/steps`, { ...body, version: stale.version() }),
    fields: STEP_FIELDS,
    onSuccess: (next) => {
      requestChanged(queryClient, next);
      setText('');
      setHolder('');
      setProgress(action === 'end_help' ? 'ended' : '');
      setDecision(EMPTY_DECISION);
      onDone(t(`requests.done.${action}`, { status: t(`requests.status.${next.status}`) }));
    },
    onError: (err) => {
      // Someone else took a step first (stale version): the page's notice says what changed; a step
      // without fields (accept) is simply to be tried again, the others keep what was typed.
      if (stale.onError(err, { typed: action !== 'accept' })) return;
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: qk.request(r.id) });
    },
  });
  const { byField } = form;

  function onSubmit() {
    stale.clear();
    const note = text.trim() ? text : null;
    const body: StepBody = { action };
    if (TEXT_REQUIRED.includes(action)) body.text = text;
    else if (action !== 'accept') body.text = note;
    if (action === 'forward') body.holderPersonId = holder || null;
    if (action === 'start_help') body.startOn = startOn || null;
    if (action === 'report_back' || action === 'end_help') body.progress = progress || null;
    if (action === 'decide') body.decision = decisionBody(decision, r.kind === 'tlv');
    form.mutation.mutate(body);
  }

  const id = `step-${action}`;
  const role = textRole(action);
  const other = r.side === 'sender' ? r.to.name : r.from.name;
  // The question to answer, when the receiver asked for information.
  const asked = action === 'answer_info' ? [...r.history].reverse().find((e) => e.action === 'ask_info') : undefined;
  return (
    <section className="samenspel-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="utrecht-heading-3">
        {t(`requests.actions.${action}`)}
      </h3>
      <p className="utrecht-paragraph">{t(`requests.steps.intro.${action}`, { organisation: other })}</p>
      {asked?.text && (
        <blockquote className="samenspel-observation">
          <p className="utrecht-paragraph samenspel-pre-line">
            <strong>{t('requests.steps.asked', { name: asked.personName, organisation: asked.organisationName })}</strong> {asked.text}
          </p>
        </blockquote>
      )}
      <ApiFormView
        id={`${id}-form`}
        form={form}
        onSubmit={onSubmit}
        submit={t(`requests.actions.${action}`)}
        appearance={DANGER.includes(action) ? 'secondary-action-button' : 'primary-action-button'}
        danger={DANGER.includes(action)}
        hideErrors={isApiError(form.mutation.error, 409)}
      >
        {action === 'forward' && <ColleagueField id={`${id}-holder`} r={r} value={holder} error={byField.holderPersonId} onChange={setHolder} />}
        {action === 'decide' && <DecisionFields id={id} tlv={r.kind === 'tlv'} value={decision} byField={byField} onChange={setDecision} />}
        {action === 'start_help' && (
          <TextField
            id={`${id}-start-on`}
            type="date"
            label={t('requests.steps.startOn')}
            description={t('requests.steps.startOnHint')}
            min={r.sentOn}
            max={todayIso()}
            value={startOn}
            error={byField.startOn}
            onChange={(e) => setStartOn(e.target.value)}
          />
        )}
        {(action === 'report_back' || action === 'end_help') && (
          <RadioGroupField
            id={`${id}-progress`}
            name={`${id}-progress`}
            legend={t('requests.steps.progress')}
            options={PROGRESS.map((p) => ({ value: p, label: t(`requests.progress.${p}`) }))}
            value={progress}
            error={byField.progress}
            onChange={setProgress}
          />
        )}
        {action !== 'accept' && (
          <TextAreaField
            id={`${id}-text`}
            label={t(`requests.steps.text.${role}`)}
            description={t(`requests.steps.textHint.${role}`, { organisation: other })}
            required={TEXT_REQUIRED.includes(action)}
            optional={!TEXT_REQUIRED.includes(action)}
            rows={4}
            maxLength={4000}
            value={text}
            error={byField.text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </ApiFormView>
    </section>
  );
}

/** A colleague at the receiving organisation who takes the request over (the regional directory). */
function ColleagueField({ id, r, value, error, onChange }: { id: string; r: RequestDetail; value: string; error?: string; onChange: (personId: string) => void }) {
  const { t } = useTranslation();
  const members = useOrganisationMembers(r.to.id);
  if (members.isError && directoryMissing(members.error)) return <Alert type="warning">{t('requests.steps.noDirectory')}</Alert>;
  const colleagues = (members.data?.items ?? []).filter((m) => m.personId !== r.holder?.personId);
  return (
    <>
      {members.isError && <ErrorAlert error={members.error} />}
      <SelectField id={id} label={t('requests.steps.colleague')} description={t('requests.steps.colleagueHint', { organisation: r.to.name })} required value={value} error={error} onChange={(e) => onChange(e.target.value)}>
        <option value="">{members.isPending ? t('common.loading') : t('requests.steps.chooseColleague')}</option>
        {colleagues.map((m) => (
          <option key={m.personId} value={m.personId}>
            {t('requests.steps.colleagueOption', { name: m.name, role: t(`roles.${m.role}`, { defaultValue: m.role }) })}
          </option>
        ))}
      </SelectField>
    </>
  );
}

interface DecisionDraft {
  outcome: RequestDecision | '';
  from: string;
  until: string;
  category: string;
  expert1: string;
  expert2: string;
  objectionUntil: string;
}
const EMPTY_DECISION: DecisionDraft = { outcome: '', from: '', until: '', category: '', expert1: '', expert2: '', objectionUntil: '' };

/** The decision as the server takes it; none chosen is sent as none (the server names the field). */
function decisionBody(d: DecisionDraft, tlv: boolean): RequestStepBody['decision'] {
  if (!d.outcome) return null;
  return {
    outcome: d.outcome,
    from: d.from || null,
    until: d.until || null,
    ...(tlv ? { category: d.category.trim() || null, experts: [d.expert1, d.expert2].map((e) => e.trim()).filter(Boolean), objectionUntil: d.objectionUntil || null } : {}),
  };
}

/** A decision (beschikking, arrangement, TLV): the outcome and its period; a TLV also its category, the two experts and the objection term. */
function DecisionFields({ id, tlv, value, byField, onChange }: { id: string; tlv: boolean; value: DecisionDraft; byField: Record<string, string>; onChange: (next: DecisionDraft) => void }) {
  const { t } = useTranslation();
  const set = (key: keyof DecisionDraft) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  const refused = value.outcome === 'refused';
  const expertsError = byField['decision/experts'];
  return (
    <>
      <RadioGroupField
        id={`${id}-outcome`}
        name={`${id}-outcome`}
        legend={t('requests.steps.outcome')}
        options={REQUEST_DECISIONS.map((d) => ({ value: d, label: t(`requests.decisions.${d}`) }))}
        value={value.outcome}
        error={byField.decision ?? byField['decision/outcome']}
        onChange={(outcome) => onChange({ ...value, outcome })}
      />
      <TextField id={`${id}-from`} type="date" label={t('requests.steps.from')} optional={refused} value={value.from} error={byField['decision/from']} onChange={set('from')} />
      <TextField id={`${id}-until`} type="date" label={t('requests.steps.until')} optional={refused} value={value.until} error={byField['decision/until']} onChange={set('until')} />
      {tlv && (
        <>
          <TextField
            id={`${id}-category`}
            label={t('requests.steps.category')}
            description={t('requests.steps.categoryHint')}
            optional={refused}
            maxLength={100}
            value={value.category}
            error={byField['decision/category']}
            onChange={set('category')}
          />
          {/* Two names, one question: the error stands under the legend, as in a group of choices. */}
          <fieldset
            className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samenspel-fieldset samenspel-radio-group${expertsError ? ' utrecht-form-fieldset--invalid samenspel-radio-group--invalid' : ''}`}
            aria-describedby={expertsError ? `${id}-experts-error` : undefined}
          >
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend samenspel-radio-group__legend">{t('requests.steps.experts')}</legend>
            {expertsError && (
              <p id={`${id}-experts-error`} className="utrecht-form-field-error-message samenspel-field-error">
                {expertsError}
              </p>
            )}
            <TextField id={`${id}-expert-1`} label={t('requests.steps.expert', { n: 1 })} maxLength={200} value={value.expert1} aria-invalid={expertsError ? true : undefined} onChange={set('expert1')} />
            <TextField id={`${id}-expert-2`} label={t('requests.steps.expert', { n: 2 })} maxLength={200} value={value.expert2} aria-invalid={expertsError ? true : undefined} onChange={set('expert2')} />
          </fieldset>
          <TextField
            id={`${id}-objection-until`}
            type="date"
            label={t('requests.steps.objectionUntil')}
            description={t('requests.steps.objectionUntilHint')}
            value={value.objectionUntil}
            error={byField['decision/objectionUntil']}
            onChange={set('objectionUntil')}
          />
        </>
      )}
    </>
  );
}
