import { useTranslation } from 'react-i18next';
import type { Contract } from '../../contracts/common.ts';
import type { ConsentRule } from '../../contracts/cases.ts';
import { CONSENT_METHODS, type ConsentMethod } from '../../contracts/values/cases.ts';
import { Alert } from '../shared/Alerts.tsx';
import { CheckboxGroupField, RadioGroupField } from '../shared/ChoiceFields.tsx';
import { TextField } from '../shared/Fields.tsx';

/*
 * The parts of recording a family's consent that every form shares (the case page's "Toestemming
 * vastleggen", a signal's referral): who must consent by the child's age, and who gave it. The
 * server decides the age rule (`consentRule`) and checks it again.
 */

type Rule = Contract<typeof ConsentRule>;

/** The value of the givers field for the child (the other values are guardian ids). */
export const CHILD_GIVER = 'child';

/** The age rule on top: who must consent for this child today. */
export function ConsentRuleNote({ rule }: { rule: Pick<Rule, 'explanation'> }) {
  const { t } = useTranslation();
  return (
    <Alert type="info">
      <p className="utrecht-paragraph">
        <strong>{t('consents.record.ruleHeading')}</strong> {rule.explanation}
      </p>
    </Alert>
  );
}

/**
 * "Wie gaf toestemming?": the parents with authority (not for a young person of 16 or over, who
 * decides alone) and the child (from 12). `errors` are the server's field errors about the givers
 * (givers, givers/guardianIds, givers/childSelf, or the form's own names for them), shown together.
 */
export function ConsentGiversField({
  id,
  rule,
  value,
  onChange,
  errors,
}: {
  id: string;
  rule: Pick<Rule, 'rule' | 'guardiansWithAuthority'>;
  value: readonly string[];
  onChange: (value: string[]) => void;
  errors: readonly (string | undefined)[];
}) {
  const { t } = useTranslation();
  const guardians = rule.rule === 'child' ? [] : rule.guardiansWithAuthority;
  const child = rule.rule !== 'guardians';
  const error = errors.filter(Boolean).join(' ');
  return (
    <CheckboxGroupField
      id={id}
      legend={t('consents.record.givers')}
      description={rule.rule !== 'child' && rule.guardiansWithAuthority.length === 0 ? t('consents.record.noGuardians') : undefined}
      options={[...guardians.map((g) => ({ value: g.id, label: t('consents.record.guardian', { name: g.name }) })), ...(child ? [{ value: CHILD_GIVER, label: t('consents.record.childSelf') }] : [])]}
      value={value}
      error={error || undefined}
      onChange={onChange}
    />
  );
}

/** The givers as the API takes them. */
export function giversBody(value: readonly string[]): { guardianIds: string[]; childSelf: boolean } {
  return { guardianIds: value.filter((g) => g !== CHILD_GIVER), childSelf: value.includes(CHILD_GIVER) };
}

/** How and when the consent was given: the method, the day (not in the future) and until when it holds. */
export interface ConsentWhen {
  method: ConsentMethod | '';
  givenOn: string;
  validUntil: string;
}

/**
 * "Hoe is de toestemming gegeven?", "Gegeven op" and "Geldig tot en met". The fields' ids start
 * with `idPrefix` (`consent` → consent-method, consent-given-on, consent-valid-until).
 */
export function ConsentWhenFields({
  idPrefix,
  value,
  onChange,
  today,
  errors,
}: {
  idPrefix: string;
  value: ConsentWhen;
  onChange: (value: ConsentWhen) => void;
  /** The latest day the consent can have been given on. */
  today: string;
  errors: { method?: string; givenOn?: string; validUntil?: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroupField
        id={`${idPrefix}-method`}
        name={`${idPrefix}-method`}
        legend={t('consents.record.method')}
        options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consents.methods.${m}`) }))}
        value={value.method}
        error={errors.method}
        onChange={(method) => onChange({ ...value, method })}
      />
      <TextField
        id={`${idPrefix}-given-on`}
        type="date"
        label={t('consents.record.givenOn')}
        value={value.givenOn}
        max={today}
        error={errors.givenOn}
        onChange={(e) => onChange({ ...value, givenOn: e.target.value })}
      />
      <TextField
        id={`${idPrefix}-valid-until`}
        type="date"
        label={t('consents.record.validUntil')}
        description={t('consents.record.validUntilHint')}
        value={value.validUntil}
        error={errors.validUntil}
        onChange={(e) => onChange({ ...value, validUntil: e.target.value })}
      />
    </>
  );
}
