import type { ReactNode } from 'react';
import { ErrorAlert, Loading, StatusText } from './Alerts.tsx';
import { Pager } from './Pager.tsx';
import { Table, TBody, THead, Td, Th, Tr } from './Table.tsx';

/** One column of a list: its header and what each row shows in it. */
export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
  /** The cell that names the row (a row header for screen readers); usually the first. */
  rowHeader?: boolean;
  className?: string;
}

/** What a list query answers: the items, and for a paged list where in the whole list they are. */
export interface ListData<T = unknown> {
  items: readonly T[];
  total?: number;
  page?: number;
  pageSize?: number;
}

type ItemOf<D> = D extends { items: readonly (infer I)[] } ? I : never;

interface ListQuery<D> {
  data: D | undefined;
  isLoading: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * Every list page's list: the count (announced politely), the loading, error and empty states, the
 * table with a caption (it scrolls sideways inside its own focusable region on a narrow screen,
 * so the page itself never becomes wider than the screen), and the pager when the server pages.
 * Filters, order and page live in the address (useListParams); the previous page stays visible,
 * dimmed, while the next one loads.
 */
export function ListView<D extends object, T = ItemOf<D>>({
  query,
  items: select = (data) => (data as ListData<T>).items,
  columns = [],
  renderItems,
  rowKey,
  caption,
  count,
  loadingLabel,
  empty,
  onPage,
  error,
  className,
  captionHidden,
}: {
  query: ListQuery<D>;
  /** Where the items are in the answer (default: `items`). */
  items?: (data: D) => readonly T[];
  /** The table's columns; or, for a list that is no table, `renderItems`. */
  columns?: readonly (Column<T> | false | null | undefined)[];
  renderItems?: (items: readonly T[]) => ReactNode;
  rowKey: (item: T, index: number) => string | number;
  /** The table's caption (required with columns). */
  caption?: string;
  /** The count line, e.g. "12 kinderen"; none when absent. */
  count?: (data: D) => string;
  loadingLabel: string;
  /** What an empty list says. */
  empty: ReactNode;
  /** Going to another page (when the answer is paged). */
  onPage?: (page: number) => void;
  /** Shown instead of the plain error alert (e.g. with the filter fields the server rejected); null when the page shows the error itself. */
  error?: ReactNode;
  className?: string;
  /** The caption for assistive technology only, when a visible heading right above says the same. */
  captionHidden?: boolean;
}) {
  const { data, isLoading, isFetching, isError } = query;
  const shown = columns.filter((c): c is Column<T> => Boolean(c));
  const items = data ? select(data) : undefined;
  const paging = data as ListData | undefined;
  return (
    <>
      {count && <StatusText>{data && !isFetching ? count(data) : ''}</StatusText>}
      {isLoading && <Loading label={loadingLabel} />}
      {isError && (error === undefined ? <ErrorAlert error={query.error} /> : error)}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{empty}</p>}
      {items && items.length > 0 && (
        <div className={isFetching ? 'samenspel-refreshing' : undefined} aria-busy={isFetching || undefined}>
          {renderItems ? (
            renderItems(items)
          ) : (
            <ListTable caption={caption ?? ''} captionHidden={captionHidden} className={className} columns={shown} items={items} rowKey={rowKey} />
          )}
          {onPage && paging?.page !== undefined && paging.pageSize !== undefined && paging.total !== undefined && (
            <Pager page={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={onPage} />
          )}
        </div>
      )}
    </>
  );
}

/**
 * A table of items with the given columns (a part of a page, not a list page: no paging or states
 * of its own); an empty list says `empty` instead (null: the table stays, without rows).
 */
export function ItemsTable<T>({
  empty,
  columns,
  ...table
}: Omit<Parameters<typeof ListTable<T>>[0], 'columns'> & { columns: readonly (Column<T> | false | null | undefined)[]; empty: ReactNode }) {
  if (table.items.length === 0 && empty !== null) return <p className="utrecht-paragraph">{empty}</p>;
  return <ListTable {...table} columns={columns.filter((c): c is Column<T> => Boolean(c))} />;
}

function ListTable<T>({
  caption,
  captionHidden,
  className,
  columns,
  items,
  rowKey,
}: {
  caption: string;
  captionHidden?: boolean;
  className?: string;
  columns: readonly Column<T>[];
  items: readonly T[];
  rowKey: (item: T, index: number) => string | number;
}) {
  return (
    <Table caption={caption} captionHidden={captionHidden} className={className}>
      <THead>
        {columns.map((c) => (
          <Th key={c.header}>{c.header}</Th>
        ))}
      </THead>
      <TBody>
        {items.map((item, index) => (
          <Tr key={rowKey(item, index)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <Th key={c.header} row className={c.className}>
                  {c.cell(item)}
                </Th>
              ) : (
                <Td key={c.header} className={c.className}>
                  {c.cell(item)}
                </Td>
              ),
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
