import { useTranslation } from 'react-i18next';
import type { Lateness, MeldcodeStep, Signal, SignalStatus } from '../shared/types.ts';
import { stepText } from './data.ts';

/**
 * How late a signal is, as a badge whose text says it ("Te laat", "3× te laat"): colour and
 * border only repeat what the words say. A withdrawn signal has no term any more; a picked-up
 * one says whether it was picked up in time.
 */
export function LatenessBadge({ signal }: { signal: Pick<Signal, 'lateness' | 'status' | 'pickedUpOn'> }) {
  const { t } = useTranslation();
  if (signal.status === 'withdrawn') return <>{t('common.none')}</>;
  // Once picked up, the lateness says whether that happened within the term.
  const key = signal.pickedUpOn ? 'latenessPickedUp' : 'lateness';
  return <Badge kind={signal.lateness}>{t(`signals.${key}.${signal.lateness}`)}</Badge>;
}

export function Badge({ kind, children }: { kind: Lateness | 'status'; children: string }) {
  return <span className={`samenspel-badge samenspel-badge--${kind.replace('_', '-')}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: SignalStatus }) {
  const { t } = useTranslation();
  return <Badge kind="status">{t(`signals.status.${status}`)}</Badge>;
}

/** The five steps of the Meldcode huiselijk geweld en kindermishandeling, in the user's language. */
export function MeldcodeSteps({ steps }: { steps: readonly MeldcodeStep[] }) {
  const { i18n } = useTranslation();
  return (
    <ol className="utrecht-ordered-list samenspel-meldcode-steps">
      {[...steps]
        .sort((a, b) => a.step - b.step)
        .map((s) => (
          <li key={s.step} className="utrecht-ordered-list__item">
            {stepText(s, i18n.language)}
          </li>
        ))}
    </ol>
  );
}

/** Who to turn to at the school (the aandachtsfunctionaris), with an e-mail link when known. */
export function MeldcodeContact({ contact }: { contact: { name: string; email: string | null }[] }) {
  const { t } = useTranslation();
  if (contact.length === 0) return <p className="utrecht-paragraph">{t('signals.meldcode.noContact')}</p>;
  return (
    <>
      <p className="utrecht-paragraph">{t('signals.meldcode.contactIntro', { count: contact.length })}</p>
      <ul className="utrecht-unordered-list samenspel-meldcode-contact">
        {contact.map((c) => (
          <li key={`${c.name}-${c.email ?? ''}`} className="utrecht-unordered-list__item">
            <strong>{c.name}</strong>
            {c.email ? (
              <>
                {' – '}
                <a className="utrecht-link utrecht-link--html-a" href={`mailto:${c.email}`}>
                  {c.email}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
