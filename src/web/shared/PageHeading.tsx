import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The pathname whose heading last took focus; null before the first page has rendered. */
let focusedPath: string | null = null;

/**
 * The page's one h1. Sets document.title and, after a navigation (not on the first load), moves
 * focus to the heading so that screen reader and keyboard users start at the new page's top.
 * Changes of the query string (paging, filters) leave focus where it is, and so does an open
 * alertdialog that holds the focus.
 */
export function PageHeading({ title, documentTitle }: { title: string; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: documentTitle ?? title });
  }, [title, documentTitle, t]);

  useEffect(() => {
    // A warning that holds the focus (the session's end) keeps it: the user must read it first.
    const inDialog = document.activeElement?.closest('[role="alertdialog"]') != null;
    if (focusedPath !== null && focusedPath !== pathname && !inDialog) ref.current?.focus();
    focusedPath = pathname;
  }, [pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="utrecht-heading-1 samenspel-page-heading">
      {title}
    </h1>
  );
}
