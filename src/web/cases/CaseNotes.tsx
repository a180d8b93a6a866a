import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { CaseEvent } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Created } from '../../contracts/plans.ts';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { ListView } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { useCaseNotes } from './data.ts';

/* The case's notes (own or shared with the team) and its history. */

export function Notes({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useCaseNotes(caseId);
  const [text, setText] = useState('');
  const [shared, setShared] = useState(false);
  const form = useApiForm({
    mutationFn: (body: { text: string; shared: boolean }) => api.post<Contract<typeof Created>>(`/cases/${caseId}/notes`, body),
    fields: ['text'],
    onSuccess: () => {
      setText('');
      setShared(false);
      onDone(t('cases.notes.saved'));
      void queryClient.invalidateQueries({ queryKey: qk.caseNotes(caseId) });
    },
  });
  return (
    <Section id="case-notes" heading={t('cases.notes.heading')}>
      <p className="utrecht-paragraph">{t('cases.notes.intro')}</p>
      <ListView
        query={notes}
        loadingLabel={t('cases.notes.loading')}
        empty={t('cases.notes.empty')}
        rowKey={(n) => n.id}
        renderItems={(items) => (
          <ul className="samenspel-timeline">
            {items.map((n) => (
              <li key={n.id} className="samenspel-timeline__item">
                <p className="utrecht-paragraph samenspel-timeline__when">
                  <time dateTime={n.at}>{formatDateTimeShort(n.at, i18n.language)}</time> – {n.authorName}, {n.organisationName}
                  {n.shared ? ` – ${t('cases.notes.sharedLabel')}` : ` – ${t('cases.notes.ownLabel')}`}
                </p>
                <p className="utrecht-paragraph samenspel-pre-line">{n.text}</p>
              </li>
            ))}
          </ul>
        )}
      />
      <h3 className="utrecht-heading-3">{t('cases.notes.addHeading')}</h3>
      <ApiFormView form={form} onSubmit={() => form.mutation.mutate({ text, shared })} submit={t('cases.notes.submit')} appearance="secondary-action-button">
        <TextAreaField id="note-text" label={t('cases.notes.text')} required rows={4} maxLength={10000} value={text} error={form.byField.text} onChange={(e) => setText(e.target.value)} />
        <CheckboxField id="note-shared" label={t('cases.notes.shared')} checked={shared} onChange={setShared} />
      </ApiFormView>
    </Section>
  );
}

export function History({ history }: { history: CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="case-history" heading={t('cases.history.heading')}>
      <ol className="samenspel-timeline">
        {history.map((e, i) => {
          const reason = typeof e.detail?.reason === 'string' ? e.detail.reason : null;
          const next = typeof e.detail?.nextEvaluationOn === 'string' ? e.detail.nextEvaluationOn : null;
          return (
            <li key={`${e.at}-${i}`} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={e.at}>{formatDateTimeShort(e.at, i18n.language)}</time>
                {e.personName ? ` – ${e.personName}` : ''}
              </p>
              <p className="utrecht-paragraph samenspel-timeline__what">
                {t(`cases.events.${e.event}`, { defaultValue: e.event })}
                {next ? ` ${t('cases.history.nextEvaluation', { date: formatDate(next, i18n.language) })}` : ''}
              </p>
              {e.fromName && e.toName && <p className="utrecht-paragraph">{t('cases.history.fromTo', { from: e.fromName, to: e.toName })}</p>}
              {e.detail.registeredOn && <p className="utrecht-paragraph">{t('cases.history.registeredOn', { date: formatDate(e.detail.registeredOn, i18n.language) })}</p>}
              {e.detail.requestsMoved ? <p className="utrecht-paragraph">{t('cases.history.requestsMoved', { count: e.detail.requestsMoved })}</p> : null}
              {reason && (
                <p className="utrecht-paragraph samenspel-pre-line">
                  <strong>{t('cases.history.reason')}</strong> {reason}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
