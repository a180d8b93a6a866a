import type { Tx } from '../../kernel/db/database.ts';
import { notifyPeople } from '../signals/index.ts';

/**
 * The e-mails about a case: no child data, no names, no school; only that there is something and
 * where to log in (the case's page checks access).
 */
export const CASE_MAIL = {
  case_handed_over: {
    subject: 'U bent casusregisseur geworden',
    body: (link: string) => `Een casus in Samenspel is aan u overgedragen: u bent nu de casusregisseur. Log in om de casus te bekijken.\n\n${link}\n`,
  },
  case_transferred: {
    subject: 'Een casus is naar uw school overgedragen',
    body: (link: string) => `Een casus is met het kind meegekomen naar uw school; u bent nu de casusregisseur. Log in om de casus en het plan te bekijken.\n\n${link}\n`,
  },
} as const;

/**
 * Tells people at one organisation about a case (in the transaction of the change): a notification
 * in the app for that organisation, and an e-mail through the outbox with only the link.
 */
export async function notifyAboutCase(
  tx: Tx,
  n: { kind: keyof typeof CASE_MAIL; caseId: string; regionId: string; organisationId: string; personIds: string[] },
  linkBase: string,
): Promise<void> {
  const mail = CASE_MAIL[n.kind];
  await notifyPeople(tx, {
    regionId: n.regionId,
    organisationId: n.organisationId,
    personIds: n.personIds,
    kind: n.kind,
    caseId: n.caseId,
    mail: { subject: mail.subject, body: mail.body(`${linkBase}/casussen/${n.caseId}`) },
  });
}
