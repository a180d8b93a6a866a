import './Table.css';
import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from 'react';

/**
 * A data table with a caption. The wrapper scrolls sideways on narrow screens; it is focusable
 * and named after the caption so that keyboard users can scroll it too.
 */
export function Table({
  caption,
  children,
  className,
  captionHidden,
}: {
  caption: ReactNode;
  children: ReactNode;
  className?: string;
  /** Keep the caption for assistive technology only, when a visible heading right above says the same. */
  captionHidden?: boolean;
}) {
  const label = typeof caption === 'string' ? caption : undefined;
  return (
    <div className="utrecht-table-container samenspel-table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className={`utrecht-table utrecht-table--html-table samenspel-table${className ? ` ${className}` : ''}`}>
        <caption className={`utrecht-table__caption${captionHidden ? ' samenspel-visually-hidden' : ''}`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="utrecht-table__body">{children}</tbody>;
}

export function Tr({ children }: { children: ReactNode }) {
  return <tr className="utrecht-table__row">{children}</tr>;
}

/** A column header; `row` makes it the header of its row (the first, naming cell). */
export function Th({ children, row, className, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & { row?: boolean }) {
  return (
    <th scope={row ? 'row' : 'col'} className={`utrecht-table__header-cell${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </th>
  );
}

export function Td({ children, className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={`utrecht-table__cell${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </td>
  );
}
