import { ageOn } from '../../kernel/time.ts';
import type { FieldError } from '../../kernel/errors.ts';
import type { AgeRule } from '../../contracts/values/cases.ts';

/**
 * Who must consent to sharing a child's data (Jeugdwet 7.3.4, 7.3.5, 7.3.15; domain.md §6):
 * under 12 the parents with authority; 12 to 15 both the child and the parents with authority;
 * 16 and over the young person alone. Worked out from the birth date on the day consent is given.
 * The rules and their Dutch explanation are defined once, in the contract's values.
 */
export { AGE_RULE_TEXT, type AgeRule } from '../../contracts/values/cases.ts';

export function ageRuleOn(birthDate: string, day: string): AgeRule {
  const age = ageOn(birthDate, day);
  if (age < 12) return 'guardians';
  if (age < 16) return 'child_and_guardians';
  return 'child';
}

export interface GiversInput {
  guardianIds: string[];
  childSelf: boolean;
}

/**
 * Checks that the right people gave consent. `authorityGuardianIds` are the child's guardians
 * with authority (gezag). Returns field errors that say exactly what is missing.
 */
export function checkConsentGivers(rule: AgeRule, givers: GiversInput, authorityGuardianIds: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const unknown = givers.guardianIds.filter((id) => !authorityGuardianIds.includes(id));
  if (unknown.length) {
    errors.push({ name: 'givers/guardianIds', code: 'not_an_authority_guardian', reason: 'Alleen een ouder of verzorger met gezag over dit kind kan toestemming geven.' });
  }
  const guardiansOk = givers.guardianIds.some((id) => authorityGuardianIds.includes(id));
  if (rule === 'guardians') {
    if (givers.childSelf) errors.push({ name: 'givers/childSelf', code: 'child_too_young', reason: 'Een kind jonger dan 12 geeft zelf geen toestemming; dat doen de ouders met gezag.' });
    if (!guardiansOk) errors.push({ name: 'givers/guardianIds', code: 'guardian_consent_required', reason: 'Kies de ouder(s) of verzorger(s) met gezag die toestemming gaven.' });
  } else if (rule === 'child_and_guardians') {
    if (!givers.childSelf) errors.push({ name: 'givers/childSelf', code: 'child_consent_required', reason: 'Het kind is 12 tot en met 15: ook het kind zelf moet toestemming geven.' });
    if (!guardiansOk) errors.push({ name: 'givers/guardianIds', code: 'guardian_consent_required', reason: 'Het kind is 12 tot en met 15: ook een ouder of verzorger met gezag moet toestemming geven.' });
  } else {
    if (!givers.childSelf) errors.push({ name: 'givers/childSelf', code: 'child_consent_required', reason: 'De jongere is 16 of ouder en beslist zelf: de jongere moet de toestemming geven.' });
    if (givers.guardianIds.length) errors.push({ name: 'givers/guardianIds', code: 'guardians_not_needed', reason: 'Vanaf 16 jaar geven de ouders geen toestemming in plaats van de jongere. Haal de ouders weg of leg alleen de toestemming van de jongere vast.' });
  }
  return errors;
}

export interface WithdrawerInput {
  byGuardianId?: string | null;
  byChild?: boolean;
}

/**
 * Who may withdraw a consent: someone entitled to give it today (by age on the day of the
 * withdrawal): under 12 a parent or carer with authority; 12 to 15 the child or a parent with
 * authority (either one's withdrawal ends it); 16 and over only the young person. Returns field
 * errors that say who may, when the named person may not.
 */
export function checkWithdrawer(rule: AgeRule, input: WithdrawerInput, authorityGuardianIds: string[]): FieldError[] {
  const byGuardian = !!input.byGuardianId;
  const byChild = !!input.byChild;
  if (!byGuardian && !byChild) return [{ name: 'byGuardianId', code: 'required', reason: 'Kies wie de toestemming intrekt. U ziet alleen wie dat mag: dat hangt af van de leeftijd van het kind.' }];
  if (byGuardian && byChild) return [{ name: 'byChild', code: 'one_person', reason: 'Kies één persoon: de ouder of het kind/de jongere.' }];
  if (byChild) {
    if (rule === 'guardians') return [{ name: 'byChild', code: 'child_too_young', reason: 'Een kind jonger dan 12 trekt zelf geen toestemming in; dat doen de ouders of verzorgers met gezag.' }];
    return [];
  }
  if (!authorityGuardianIds.includes(input.byGuardianId!)) {
    return [{ name: 'byGuardianId', code: 'not_an_authority_guardian', reason: 'Alleen een ouder of verzorger met gezag over dit kind kan de toestemming intrekken. Kies een van de ouders met gezag.' }];
  }
  if (rule === 'child') return [{ name: 'byGuardianId', code: 'guardian_not_entitled', reason: 'De jongere is 16 of ouder en beslist zelf: alleen de jongere kan de toestemming intrekken.' }];
  return [];
}
