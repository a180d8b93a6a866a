import { Button } from '@utrecht/button-react';
import { useTranslation } from 'react-i18next';
import { TextField } from './Fields.tsx';
import { useDraft } from './list-params.ts';

/**
 * A list's text search (role="search"): the field keeps what the address says until the user
 * searches; "clear" appears when a search is applied.
 */
export function SearchForm({
  id,
  label,
  hint,
  value,
  onSearch,
  clearLabel,
  inline,
}: {
  id: string;
  label: string;
  hint?: string;
  /** The search in the address. */
  value: string;
  onSearch: (q: string) => void;
  clearLabel: string;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(value);
  return (
    <form
      role="search"
      className={`samenspel-form samenspel-search${inline ? ' samenspel-inline-form' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <TextField id={id} type="search" name="q" label={label} description={hint} autoComplete="off" maxLength={100} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div className="utrecht-button-group samenspel-actions">
        <Button type="submit" appearance="primary-action-button">
          {t('common.search')}
        </Button>
        {value && (
          <Button appearance="subtle-button" onClick={() => onSearch('')}>
            {clearLabel}
          </Button>
        )}
      </div>
    </form>
  );
}
