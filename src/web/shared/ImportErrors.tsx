import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alerts.tsx';
import { ItemsTable } from './ListView.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { ImportRowError as ImportRowErrorSchema } from '../../contracts/staff.ts';

/** What is wrong with a row of an import file (row 0: the file itself), as every import answers it. */
export type ImportRowError = Contract<typeof ImportRowErrorSchema>;

/**
 * The errors of an import file, the same in every import (absence, staff, pupils, parents): a
 * heading that takes the focus when the errors appear (so they are read first), a table with row,
 * column and what to fix, and the reminder that nothing was saved.
 */
export function ImportErrors({
  id = 'import-errors',
  heading,
  caption,
  errors,
  columnLabel = (c) => c ?? '–',
  blocked,
}: {
  id?: string;
  heading: string;
  caption: string;
  errors: ImportRowError[];
  /** The column as the user knows it (a field code from the API → its label). */
  columnLabel?: (column: string | null) => string;
  /** What to do now: fix and upload again; nothing was saved. */
  blocked: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  return (
    <section className="samenspel-section" aria-labelledby={id}>
      <h2 id={id} ref={ref} tabIndex={-1} className="utrecht-heading-2">
        {heading}
      </h2>
      <ItemsTable
        caption={caption}
        empty={null}
        items={errors}
        rowKey={(_e, i) => i}
        columns={[
          { header: t('importErrors.row'), cell: (e) => e.row || '–' },
          { header: t('importErrors.column'), cell: (e) => columnLabel(e.column) },
          { header: t('importErrors.message'), cell: (e) => e.message },
        ]}
      />
      <Alert type="warning">
        <p className="utrecht-paragraph">{blocked}</p>
      </Alert>
    </section>
  );
}
