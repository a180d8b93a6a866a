import { Button } from '@utrecht/button-react';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next with "page X of Y". The buttons stay focusable at the ends (aria-disabled), so
 * that focus is not lost when the last page is reached; the page line is announced politely.
 */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (pages <= 1) return null;
  const first = page <= 1;
  const last = page >= pages;
  return (
    <nav className="samenspel-pager" aria-label={t('pager.label')}>
      <Button
        appearance="secondary-action-button"
        aria-disabled={first || undefined}
        className={first ? 'utrecht-button--disabled' : undefined}
        onClick={() => !first && onChange(page - 1)}
      >
        {t('pager.previous')}
      </Button>
      <span className="samenspel-pager__status" aria-live="polite">
        {t('pager.pageOf', { page, pages })}
      </span>
      <Button
        appearance="secondary-action-button"
        aria-disabled={last || undefined}
        className={last ? 'utrecht-button--disabled' : undefined}
        onClick={() => !last && onChange(page + 1)}
      >
        {t('pager.next')}
      </Button>
    </nav>
  );
}
