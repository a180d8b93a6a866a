import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from './Table.tsx';

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

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
      <Table caption={caption}>
        <THead>
          <Th>{t('importErrors.row')}</Th>
          <Th>{t('importErrors.column')}</Th>
          <Th>{t('importErrors.message')}</Th>
        </THead>
        <TBody>
          {errors.map((e, i) => (
            <Tr key={i}>
              <Td>{e.row || '–'}</Td>
              <Td>{columnLabel(e.column)}</Td>
              <Td>{e.message}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Alert type="warning">
        <p className="utrecht-paragraph">{blocked}</p>
      </Alert>
    </section>
  );
}
