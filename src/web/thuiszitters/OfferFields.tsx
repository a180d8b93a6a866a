import { useTranslation } from 'react-i18next';
import { TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { OFFERS_WITH_HOURS, type OfferKind } from './data.ts';
import { OFFERS } from '../../contracts/values/thuiszitters.ts';

/** The offer fields, shared with the registration form. */
export function OfferFields({
  idPrefix,
  kind,
  hours,
  fitting,
  onKind,
  onHours,
  onFitting,
  errors,
  hoursError,
}: {
  idPrefix: string;
  kind: OfferKind | '';
  hours: string;
  fitting: 'yes' | 'no' | '';
  onKind: (k: OfferKind) => void;
  onHours: (h: string) => void;
  onFitting: (f: 'yes' | 'no') => void;
  errors: Record<string, string>;
  hoursError?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroupField
        id={`${idPrefix}-kind`}
        name={`${idPrefix}-kind`}
        legend={t('thuiszitters.form.offerKind')}
        options={OFFERS.map((k) => ({ value: k, label: t(`thuiszitters.offer.kinds.${k}`) }))}
        value={kind}
        error={errors.offer}
        onChange={onKind}
      />
      {kind && OFFERS_WITH_HOURS.includes(kind) && (
        <TextField
          id={`${idPrefix}-hours`}
          inputMode="decimal"
          label={t('thuiszitters.form.hours')}
          description={kind === 'education_partial' ? t('thuiszitters.form.hoursRequired') : t('thuiszitters.form.hoursOptional')}
          optional={kind !== 'education_partial'}
          className="samenspel-short-input"
          value={hours}
          error={hoursError ?? errors['offer/hoursPerWeek']}
          onChange={(e) => onHours(e.target.value)}
        />
      )}
      {kind && kind !== 'none' && (
        <RadioGroupField
          id={`${idPrefix}-fitting`}
          name={`${idPrefix}-fitting`}
          legend={t('thuiszitters.form.fitting')}
          description={t('thuiszitters.form.fittingHint')}
          options={[
            { value: 'yes', label: t('thuiszitters.form.fittingYes') },
            { value: 'no', label: t('thuiszitters.form.fittingNo') },
          ]}
          value={fitting}
          error={errors['offer/fitting']}
          onChange={onFitting}
        />
      )}
    </>
  );
}

/** Hours as typed (12 or 12,5): a number, null when empty, NaN when not a number. */
export function parseHours(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (!v) return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}
