import { useTranslation } from 'react-i18next';
import { Alert } from '../shared/Alerts.tsx';
import { SelectField } from '../shared/Fields.tsx';
import type { RequestKind } from '../../contracts/values/requests.ts';
import { RECEIVER_KINDS } from './data.ts';

/** The organisations that receive a kind of request (the server checks the receiver again). */
export function receiversOf<O extends { kind: string }>(kind: RequestKind | '', organisations: readonly O[]): O[] {
  return kind ? organisations.filter((o) => RECEIVER_KINDS[kind].includes(o.kind)) : [];
}

/**
 * The receiver of a request: a select of the organisations that receive this kind, or the one
 * school of the case (named above the form, so only an error about it is said here). Used by the
 * case page's send form and by a signal's referral.
 */
export function ReceiverField({
  id = 'request-to',
  kind,
  receivers,
  chosen,
  loading,
  error,
  onChange,
}: {
  id?: string;
  kind: RequestKind | '';
  receivers: readonly { id: string; name: string }[];
  chosen: string;
  loading: boolean;
  error?: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (kind === 'question_to_school' && !loading) {
    if (receivers.length === 0) return <Alert type="warning">{error ?? t('requests.send.noSchool')}</Alert>;
    // The one school is named above the form's fields; an error about it is said here.
    if (receivers.length === 1) return error ? <Alert type="error">{error}</Alert> : null;
  }
  return (
    <SelectField
      id={id}
      label={t('requests.send.to')}
      description={kind ? t(`requests.send.toHint.${kind}`) : t('requests.send.toHintNoKind')}
      required
      value={chosen}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{loading ? t('common.loading') : t('requests.send.chooseReceiver')}</option>
      {receivers.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}
