import { useTranslation } from 'react-i18next';
import type { Organisation } from '../shared/types.ts';
import { ORGANISATION_KINDS, ROLE_ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../../contracts/values/registry.ts';
import { SelectField, Options } from '../shared/Fields.tsx';

export interface MembershipValue {
  organisationId: string;
  role: Role | '';
}

/** The roles that can be held at an organisation of this kind (every role while none is chosen). */
export function rolesForOrganisationKind(kind: OrganisationKind | undefined): Role[] {
  if (!kind) return [...ROLES];
  return ROLES.filter((r) => ROLE_ORGANISATION_KINDS[r].includes(kind));
}

/**
 * Organisation + role. Organisations are grouped by kind; the roles offered are the ones that
 * can be held at the chosen organisation's kind (a teacher at a school, an attendance officer
 * at a gemeente), and a role that no longer fits is cleared when the organisation changes.
 */
export function MembershipFields({
  idPrefix,
  organisations,
  value,
  onChange,
  errors = {},
}: {
  idPrefix: string;
  organisations: Organisation[];
  value: MembershipValue;
  onChange: (value: MembershipValue) => void;
  errors?: { organisationId?: string; role?: string };
}) {
  const { t } = useTranslation();
  const organisation = organisations.find((o) => o.id === value.organisationId);
  const roles = rolesForOrganisationKind(organisation?.kind);

  function changeOrganisation(organisationId: string) {
    const org = organisations.find((o) => o.id === organisationId);
    const allowed = rolesForOrganisationKind(org?.kind);
    onChange({ organisationId, role: value.role && allowed.includes(value.role) ? value.role : '' });
  }

  return (
    <>
      <SelectField
        id={`${idPrefix}-organisation`}
        label={t('people.membershipForm.organisation')}
        required
        value={value.organisationId}
        error={errors.organisationId}
        onChange={(e) => changeOrganisation(e.target.value)}
      >
        <option value="">{t('people.membershipForm.chooseOrganisation')}</option>
        {ORGANISATION_KINDS.map((kind) => {
          const ofKind = organisations.filter((o) => o.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <optgroup key={kind} label={t(`organisationKinds.${kind}`)}>
              {ofKind.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          );
        })}
      </SelectField>
      <SelectField
        id={`${idPrefix}-role`}
        label={t('people.membershipForm.role')}
        description={t('people.membershipForm.roleHint')}
        required
        value={value.role}
        error={errors.role}
        onChange={(e) => onChange({ ...value, role: e.target.value as Role | '' })}
      >
        <Options empty={t('people.membershipForm.chooseRole')} values={roles} label={(r) => t(`roles.${r}`)} />
      </SelectField>
    </>
  );
}
