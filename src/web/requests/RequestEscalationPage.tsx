import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { TextAreaField } from '../shared/Fields.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { formatDate } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { escalateRequests, useRequestEscalation, type RequestEscalationRow } from './region-data.ts';

const rowKey = (r: Pick<RequestEscalationRow, 'organisation' | 'kind'>) => `${r.organisation.id}|${r.kind}`;

/**
 * "Escalatie van verzoeken" (`/verzoeken/escalatie`; policy analyst, SWV consultant, functional
 * administrator): per receiving organisation and kind, the open requests and how many wait on the
 * organisation past their term — counts only, never a request or a child — with "Escaleren" on each
 * row that has something late. Late is said in words (and counted), not by colour alone.
 */
export function RequestEscalationPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const query = useRequestEscalation();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const tableHeading = useRef<HTMLHeadingElement>(null);
  const data = query.data;
  const row = data?.rows.find((r) => rowKey(r) === selected && r.can.escalate) ?? null;
  const kind = (r: RequestEscalationRow) => t(`requests.kinds.${r.kind}`);
  const close = () => {
    setSelected(null);
    tableHeading.current?.focus();
  };
  return (
    <>
      <PageHeading title={t('requestRegion.escalation.title')} />
      <p className="utrecht-paragraph">{t('requestRegion.escalation.intro')}</p>
      <p className="utrecht-paragraph">{t('requestRegion.escalation.rule')}</p>
      <p className="utrecht-paragraph">
        <AppLink to="/verzoeken/termijnen">{t('requestRegion.terms.viewTerms')}</AppLink>
      </p>
      <LiveStatus>{message}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && (
        <Section id="request-escalation-table" headingRef={tableHeading} heading={t('requestRegion.escalation.caption')}>
          <p className="utrecht-paragraph">{t('requestRegion.escalation.asOf', { date: formatDate(data.day, lng) })}</p>
          <ItemsTable
            caption={t('requestRegion.escalation.caption')}
            captionHidden
            empty={t('requestRegion.escalation.empty')}
            items={data.rows}
            rowKey={rowKey}
            columns={[
              { header: t('requestRegion.escalation.columns.organisation'), rowHeader: true, cell: (r) => r.organisation.name },
              { header: t('requestRegion.escalation.columns.kind'), cell: kind },
              { header: t('requestRegion.escalation.columns.open'), className: 'samenspel-nowrap', cell: (r) => t('requestRegion.escalation.requests', { count: r.open }) },
              {
                header: t('requestRegion.escalation.columns.overdue'),
                cell: (r) =>
                  r.overdue > 0 ? (
                    <strong className="samenspel-badge samenspel-badge--very-late">{t('requestRegion.escalation.overdue', { count: r.overdue })}</strong>
                  ) : (
                    t('requestRegion.escalation.noneOverdue')
                  ),
              },
              {
                header: t('requestRegion.escalation.columns.oldest'),
                cell: (r) =>
                  r.oldestOverdueDueOn
                    ? t('requestRegion.escalation.oldest', { date: formatDate(r.oldestOverdueDueOn, lng), count: r.workingDaysLate ?? 0 })
                    : t('common.none'),
              },
              {
                header: t('requestRegion.escalation.columns.median'),
                className: 'samenspel-nowrap',
                cell: (r) => (r.medianDaysSinceSent === null ? t('common.none') : t('requestRegion.escalation.median', { count: Math.round(r.medianDaysSinceSent) })),
              },
              {
                header: t('requestRegion.escalation.columns.last'),
                cell: (r) =>
                  r.lastEscalation
                    ? t('requestRegion.escalation.lastBy', { date: formatDate(r.lastEscalation.on, lng), name: r.lastEscalation.byName, organisation: r.lastEscalation.byOrganisation })
                    : t('requestRegion.escalation.never'),
              },
              {
                header: t('requestRegion.escalation.columns.action'),
                cell: (r) =>
                  r.can.escalate ? (
                    <Button
                      type="button"
                      appearance="secondary-action-button"
                      aria-expanded={selected === rowKey(r)}
                      aria-controls={selected === rowKey(r) ? 'request-escalate-form' : undefined}
                      // The visible word first, then which row: the name starts with what the button shows.
                      aria-label={t('requestRegion.escalation.escalateRow', { organisation: r.organisation.name, kind: kind(r) })}
                      onClick={() => {
                        setMessage('');
                        setSelected(rowKey(r));
                      }}
                    >
                      {t('requestRegion.escalation.escalate')}
                    </Button>
                  ) : (
                    t('common.none')
                  ),
              },
            ]}
          />
        </Section>
      )}
      {row && (
        <EscalateForm
          key={rowKey(row)}
          row={row}
          onCancel={close}
          onDone={(text) => {
            setMessage(text);
            void queryClient.invalidateQueries({ queryKey: qk.requests.escalation });
            close();
          }}
          onRefused={() => void queryClient.invalidateQueries({ queryKey: qk.requests.escalation })}
        />
      )}
    </>
  );
}

/** The note and the confirmation of one escalation: who is told and what the e-mail holds (the count only). */
function EscalateForm({ row, onCancel, onDone, onRefused }: { row: RequestEscalationRow; onCancel: () => void; onDone: (message: string) => void; onRefused: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const kind = t(`requests.kinds.${row.kind}`);
  const form = useApiForm({
    mutationFn: () => escalateRequests({ organisationId: row.organisation.id, kind: row.kind, note }),
    fields: ['note'],
    onSuccess: (done) =>
      onDone(`${t('requestRegion.escalation.done', { organisation: done.organisation.name, kind })} ${t('requestRegion.escalation.notified', { count: done.notified })}`),
    onError: onRefused,
  });
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section id="request-escalate-form" className="samenspel-section samenspel-panel" aria-labelledby="request-escalate-heading">
      <h2 id="request-escalate-heading" ref={heading} tabIndex={-1} className="utrecht-heading-2">
        {t('requestRegion.escalation.formHeading', { organisation: row.organisation.name })}
      </h2>
      <p className="utrecht-paragraph">{t('requestRegion.escalation.explain', { organisation: row.organisation.name, count: row.overdue, kind })}</p>
      <p className="utrecht-paragraph">{t('requestRegion.escalation.whoHears')}</p>
      <ApiFormView
        form={form}
        onSubmit={() => form.mutation.mutate()}
        submit={t('requestRegion.escalation.confirm')}
        actions={
          <Button type="button" appearance="subtle-button" onClick={onCancel}>
            {t('requestRegion.escalation.cancel')}
          </Button>
        }
      >
        <TextAreaField
          id="request-escalate-note"
          label={t('requestRegion.escalation.noteLabel')}
          description={t('requestRegion.escalation.noteHint')}
          required
          rows={3}
          maxLength={1000}
          value={note}
          error={form.byField.note}
          onChange={(e) => setNote(e.target.value)}
        />
      </ApiFormView>
    </section>
  );
}
