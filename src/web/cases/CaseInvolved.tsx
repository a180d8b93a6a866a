import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import { formatDate } from '../shared/format.ts';
import { Alert } from '../shared/Alerts.tsx';
import { Section } from '../shared/Section.tsx';
import { TextField } from '../shared/Fields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import type { Stale } from '../shared/StaleNotice.tsx';
import { caseChanged, todayIso } from './data.ts';

/*
 * Professionals find each other without a parallel register (issue 13): the organisations involved
 * with the case and who to contact there, and the verwijsindex — the gemeente's register, where the
 * school registers the child; the case keeps only the date, and reminds the team while a risk ground
 * applies (the server decides: `verwijsindex.reminder`, `riskGrounds`).
 */

type Involved = NonNullable<CaseDetail['involved']>[number];
type Verwijsindex = NonNullable<CaseDetail['verwijsindex']>;

/** The reminder at the top of the case page: what applies and what to do. */
export function VerwijsindexReminder({ k, v }: { k: CaseDetail; v: Verwijsindex }) {
  const { t } = useTranslation();
  if (!v.reminder) return null;
  return (
    <Alert type="warning">
      <p className="utrecht-paragraph">
        <strong>{t('cases.verwijsindex.reminderHeading')}</strong>
      </p>
      <p className="utrecht-paragraph">{t('cases.verwijsindex.reminder')}</p>
      <ul className="utrecht-unordered-list">
        {v.riskGrounds.map((g) => (
          <li key={g} className="utrecht-unordered-list__item">
            {t(`cases.verwijsindex.ground.${g}`)}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph">
        {k.can.recordVerwijsindex ? t('cases.verwijsindex.reminderTodo') : t('cases.verwijsindex.reminderTodoTeam')}{' '}
        {k.can.recordVerwijsindex && (
          <a className="utrecht-link utrecht-link--html-a" href="#case-verwijsindex">
            {t('cases.verwijsindex.toForm')}
          </a>
        )}
      </p>
    </Alert>
  );
}

/** The verwijsindex section: the registration (date, who, until when) and, for who manages the open case, the form to record it. */
export function VerwijsindexSection({ k, v, onDone, stale }: { k: CaseDetail; v: Verwijsindex; onDone: (message: string) => void; stale: Stale }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const expired = v.registeredOn !== null && v.validUntil !== null && v.validUntil < todayIso();
  return (
    <Section id="case-verwijsindex" heading={t('cases.verwijsindex.heading')}>
      <p className="utrecht-paragraph">{t('cases.verwijsindex.intro')}</p>
      {v.registeredOn ? (
        <p className="utrecht-paragraph">
          {expired
            ? t('cases.verwijsindex.expired', { date: formatDate(v.registeredOn, lng) })
            : t('cases.verwijsindex.registered', { date: formatDate(v.registeredOn, lng), name: v.registeredByName ?? t('common.none') })}
          {!expired && v.validUntil && <> {t('cases.verwijsindex.validUntil', { date: formatDate(v.validUntil, lng) })}</>}
        </p>
      ) : (
        <p className="utrecht-paragraph">{t('cases.verwijsindex.notRegistered')}</p>
      )}
      {!v.riskGrounds.length && k.status === 'open' && <p className="utrecht-paragraph samenspel-hint">{t('cases.verwijsindex.noRisk')}</p>}
      {k.can.recordVerwijsindex && <RecordVerwijsindex k={k} onDone={onDone} stale={stale} />}
    </Section>
  );
}

function RecordVerwijsindex({ k, onDone, stale }: { k: CaseDetail; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = todayIso();
  const [registeredOn, setRegisteredOn] = useState(today);
  const form = useApiForm({
    mutationFn: (body: { registeredOn: string }) => api.post<CaseDetail>(`/cases/${k.id}/verwijsindex`, { ...body, version: stale.version() }),
    fields: ['registeredOn'],
    stale,
    onSuccess: () => {
      onDone(t('cases.verwijsindex.saved'));
      caseChanged(queryClient, k.id, k.child?.id);
    },
  });
  return (
    <ApiFormView form={form} onSubmit={() => form.mutation.mutate({ registeredOn })} submit={t('cases.verwijsindex.submit')} appearance="secondary-action-button">
      <TextField
        id="verwijsindex-date"
        type="date"
        label={t('cases.verwijsindex.date')}
        description={t('cases.verwijsindex.dateHint')}
        required
        min={k.openedOn}
        max={today}
        value={registeredOn}
        error={form.byField.registeredOn}
        onChange={(e) => setRegisteredOn(e.target.value)}
      />
    </ApiFormView>
  );
}

/** Each organisation involved, why, and who to contact there (with an e-mail address where one is known). */
export function InvolvedSection({ involved }: { involved: Involved[] }) {
  const { t } = useTranslation();
  return (
    <Section id="case-involved" heading={t('cases.involved.heading')}>
      <p className="utrecht-paragraph">{t('cases.involved.intro')}</p>
      <ul className="utrecht-unordered-list">
        {involved.map((o) => (
          <li key={o.organisationId} className="utrecht-unordered-list__item">
            <strong>{o.name}</strong> ({t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}) – {o.why.map((w) => t(`cases.involved.why.${w}`)).join(', ')}
            {o.contacts.length ? (
              <ul className="utrecht-unordered-list">
                {o.contacts.map((c) => (
                  <li key={c.personId} className="utrecht-unordered-list__item">
                    {c.name}
                    {c.role && <> ({t(`roles.${c.role}`, { defaultValue: c.role })})</>}
                    {c.email && (
                      <>
                        {' – '}
                        <a className="utrecht-link utrecht-link--html-a" href={`mailto:${c.email}`}>
                          {c.email}
                        </a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="utrecht-paragraph samenspel-hint">{t('cases.involved.noContact')}</p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
